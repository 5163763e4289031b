"""The Service-Center's desk: "Auf einen Blick" on every service page, send and print, questions and answers,
internal notes only in the internal build, and the search from the keyboard."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import holidays
import pytest
from bs4 import BeautifulSoup
from extruct.jsonld import JsonLdExtractor
from playwright.sync_api import expect

from .browser_checks import ARTIFACTS, PAGE_TYPES, VIEWPORTS, new_context
from .conftest import DEMO_BUILD_DAY, REPO, copy_project, rathaus

PERSO = "leistungen/personalausweis-beantragen/"
PERSO_KASSEL = PERSO + "kassel/"
"""Kassel's version: in the demo Verbund the shared page asks for the place, each place's page names its office."""
MARKER = "QX7-INTERN-MARKE-4c1e"
"""A string that appears in every field of `intern` in the fixture and nowhere else."""
INTERN = f"""\
intern:
  instructions: "Arbeitshinweis **{MARKER}-hinweis**"
  forward_to: "Weiterleiten an {MARKER}-weiter"
  phones:
    - label: "Durchwahl {MARKER}-telefon"
      number: "-7787"
  mistakes:
    - "Fehler {MARKER}-fehler"
"""
INTERN_URL = "https://intranet.test/rathaus/"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def glance(site: Path, url: str) -> dict[str, str]:
    """The box "Auf einen Blick" as a screen reader reads its definition list: term → description."""
    box = soup(site, url).select_one("article.rh-service > section#auf-einen-blick")
    assert box is not None and box.h2.get_text() == "Auf einen Blick"
    # Right under the title; a local version names its place in between ("Für Wohnort Kassel").
    assert [e.name for e in box.find_previous_siblings()][-1:] == ["h1"]
    assert all("rh-place" in (e.get("class") or []) for e in box.find_previous_siblings()[:-1])
    return {
        dt_.get_text(strip=True): " ".join(dt_.find_next_sibling("dd").get_text(" ", strip=True).split())
        for dt_ in box.select("dl > div > dt")
    }


# The box in the built pages ------------------------------------------------------------------------------


def test_personalausweis_box_answers_cost_duration_appointment_office_and_documents(demo_site):
    facts = glance(demo_site, PERSO_KASSEL)
    assert list(facts) == ["Kosten", "Dauer", "Termin", "Zuständig", "Unterlagen"]
    assert facts["Kosten"].startswith("27,60–46,00 €")
    assert facts["Dauer"].startswith("In der Regel 3 bis 4 Wochen.")
    assert facts["Termin"].startswith("Ohne Termin möglich")
    assert facts["Zuständig"].startswith("Bürgeramt – Bürgerbüro im Rathaus , Telefon 0561 787-7787")
    # Without JavaScript: the week's hours of the Bürgerbüro.
    assert (
        "Öffnungszeiten: Mo 8–16 Uhr · Di 8–12:30 Uhr · Mi 8–18 Uhr · Do 8–16 Uhr · Fr 7–12:30 Uhr"
        in facts["Zuständig"]
    )
    assert facts["Unterlagen"] == "8 Unterlagen – zur Checkliste (2 immer, 6 je nach Fall)"
    box = soup(demo_site, PERSO_KASSEL).select_one("#auf-einen-blick")
    assert box.select_one("a[href='#unterlagen']") and box.select_one("a[href='tel:+495617877787']")
    mail = box.find("a", string="Link per E-Mail senden")["href"]
    assert mail == (  # the caller's place: Kassel's version
        "mailto:?subject=Personalausweis%20beantragen&body=Personalausweis%20beantragen%3A%20"
        "https%3A//kassel.digitales-rathaus.example/leistungen/personalausweis-beantragen/kassel/"
    )


def test_the_shared_page_of_a_verbund_service_leads_to_the_place_instead_of_naming_one_office(demo_site):
    facts = glance(demo_site, PERSO)
    assert facts["Zuständig"] == "je nach Wohnort – Wohnort wählen"
    assert facts["Kosten"].startswith("27,60–46,00 €") and "Unterlagen" in facts
    box = soup(demo_site, PERSO).select_one("#auf-einen-blick")
    assert box.select_one("a[href='#zustaendig']") and not box.select("a[href^='tel:'], .rh-today")
    assert soup(demo_site, PERSO).select_one("section#zustaendig .rh-place-list")
    # One office for every place (Kindergeld: the Familienkasse): the box names it on the shared page too.
    assert "Familienkasse" in glance(demo_site, "leistungen/kindergeld-beantragen/")["Zuständig"]


def test_fee_free_service_says_gebuehrenfrei_and_online_service_has_its_start_button(demo_site):
    assert glance(demo_site, "leistungen/wohnsitz-anmelden/")["Kosten"].split(" ")[0] == "gebührenfrei"
    facts = glance(demo_site, "leistungen/fahrzeug-zulassen/")
    assert facts["Kosten"].startswith("12,80–30,00 €")  # the Wunschkennzeichen is an extra, not the span
    assert facts["Termin"].startswith("Termin nötig")
    start = soup(demo_site, "leistungen/fahrzeug-zulassen/").select_one("#auf-einen-blick #online a.rh-start")
    assert start["href"].startswith("https://") and "online zulassen" in start.get_text()


def test_every_service_page_starts_with_the_box(demo_site):
    for path in sorted((REPO / "services").glob("*.yaml")):
        assert "Zuständig" in glance(demo_site, f"leistungen/{path.stem}/"), path.stem


# Questions and answers -----------------------------------------------------------------------------------


def test_faq_is_on_the_page_and_a_faq_page_in_json_ld(demo_site):
    page = soup(demo_site, PERSO)
    questions = [h3.get_text() for h3 in page.select("#fragen h3")]
    assert questions[0] == "Kann ich meinen Personalausweis verlängern lassen?"
    html = (demo_site / PERSO / "index.html").read_text(encoding="utf-8")
    items = JsonLdExtractor().extract(html, base_url="https://kassel.digitales-rathaus.example/" + PERSO)
    assert [item["@type"] for item in items] == ["GovernmentService", "FAQPage"]
    faq = items[1]
    assert faq["@context"].rstrip("/") == "https://schema.org"
    assert [q["name"] for q in faq["mainEntity"]] == questions
    assert all(q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer" for q in faq["mainEntity"])
    assert "<strong>46 Euro</strong>" in faq["mainEntity"][3]["acceptedAnswer"]["text"]
    markdown = (demo_site / PERSO / "index.md").read_text(encoding="utf-8")
    assert "### Kann ich meinen Personalausweis verlängern lassen?" in markdown


def test_script_in_a_faq_answer_is_removed(project, tmp_path):
    path = project / "services/personalausweis.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "faq:\n  - question: 'Geht das? </script><script>alert(1)</script>'\n"
        + "    answer: 'Ja. <script>alert(2)</script><a href=\"javascript:alert(3)\">mehr</a>'\n",
        encoding="utf-8",
    )
    result = rathaus("build", "-d", str(tmp_path / "site"), cwd=project)
    assert result.code == 0, result.err
    html = (tmp_path / "site/leistungen/personalausweis/index.html").read_text(encoding="utf-8")
    assert "alert(2)" not in html and "javascript:" not in html and "<script>alert" not in html
    assert (
        soup(tmp_path / "site", "leistungen/personalausweis/")
        .select_one("#fragen h3")
        .get_text()
        .startswith("Geht das?")
    )


# Internal notes ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The test project with `intern` notes in a service and an office, built public and internal."""
    project = copy_project(tmp_path_factory.mktemp("intern") / "project")
    for relative in ("services/personalausweis.yaml", "offices/buergeramt-mitte.yaml"):
        path = project / relative
        path.write_text(path.read_text(encoding="utf-8") + INTERN, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("demo: true", f"demo: true\n      intern_url: {INTERN_URL}"),
        encoding="utf-8",
    )
    assert rathaus("check", cwd=project).code == 0
    public = rathaus("build", cwd=project)
    assert public.code == 0, public.err
    internal = rathaus("build", "--intern", cwd=project)
    assert internal.code == 0, internal.err
    return project / "site", project / "site-intern"


def new_context_options(device: str) -> dict:
    return {"locale": "de-DE", "device_scale_factor": 1, **VIEWPORTS[device]}


def file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def test_intern_notes_are_in_the_internal_build_and_nowhere_in_the_public_one(both_builds):
    public, internal = both_builds
    files = [p for p in public.rglob("*") if p.is_file()]
    assert len(files) > 40 and (public / "sitemap.xml").is_file() and (public / "llms-full.txt").is_file()
    assert [p for p in files if MARKER.encode() in file_bytes(p)] == []

    for url in ("leistungen/personalausweis/", "dienststellen/buergeramt-mitte/"):
        notes = soup(internal, url).select_one("#intern")
        assert notes.h2.get_text(" ", strip=True) == "Intern Hinweise für das Service-Center"
        text = notes.get_text(" ", strip=True)
        for field in ("hinweis", "weiter", "telefon", "fehler"):
            assert f"{MARKER}-{field}" in text, (url, field)
    assert soup(internal, "leistungen/personalausweis/").select_one("#intern strong").get_text() == f"{MARKER}-hinweis"


def test_internal_build_is_marked_not_indexed_and_has_its_own_address(both_builds):
    public, internal = both_builds
    pages = list(internal.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow", page
    assert not (internal / "sitemap.xml").exists() and not (internal / "sitemap.xml.gz").exists()
    assert (internal / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    page = soup(internal, "leistungen/personalausweis/")
    assert page.select_one(".rh-banner .rh-intern__tag").get_text() == "Intern"
    assert page.find("link", rel="canonical")["href"] == INTERN_URL + "leistungen/personalausweis/"
    # The link staff send to a caller is the public page's.
    assert (
        "https%3A//rathaus.test/leistungen/personalausweis/" in page.find("a", string="Link per E-Mail senden")["href"]
    )
    public_page = soup(public, "leistungen/personalausweis/")
    assert public_page.find("meta", attrs={"name": "robots"}) is None and not public_page.select(".rh-intern__tag")


def test_internal_build_never_goes_into_the_public_site_folder(project):
    result = rathaus("build", "--intern", "-d", "site", cwd=project)
    assert result.code == 1
    assert "darf nicht in den Ordner der Website" in result.err


def test_check_validates_intern_like_every_field(project):
    path = project / "services/personalausweis.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "intern:\n  phones:\n    - label: Rückfragen\n      number: ruf an\n"
        "  weiterleiten: Sachbearbeitung\n",
        encoding="utf-8",
    )
    result = rathaus("check", cwd=project)
    assert result.code == 1
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert f"services/personalausweis.yaml:{lines - 1}:15: intern.phones[0].number:" in result.out
    assert f"services/personalausweis.yaml:{lines}:3: intern.weiterleiten: unbekanntes Feld" in result.out


# Today's hours in the browser ----------------------------------------------------------------------------


def a_working_thursday(year: int) -> dt.datetime:
    """A Thursday in `year` that is no public holiday in Hessen and no closing day of the Bürgerbüro."""
    closed = holidays.country_holidays("DE", subdiv="HE", years=year)
    day = dt.date(year, 3, 1)
    while day.weekday() != 3 or day in closed:
        day += dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, 10, 0)


def hours_today(browser, url: str, when: dt.datetime) -> str:
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    tab = context.new_page()
    tab.clock.set_fixed_time(when)
    tab.goto(url)
    text = tab.locator("#auf-einen-blick .rh-today").inner_text()
    context.close()
    return text


def test_box_shows_todays_hours_and_closes_on_a_hessian_holiday(demo_url, browser):
    year = DEMO_BUILD_DAY.year  # the build emits the holidays of its year and the next
    thursday = a_working_thursday(year)
    page = demo_url + PERSO_KASSEL
    assert hours_today(browser, page, thursday) == "heute geöffnet 8–16 Uhr"
    assert hours_today(browser, page, thursday + dt.timedelta(days=1)) == "heute geöffnet 7–12:30 Uhr"
    assert hours_today(browser, page, thursday + dt.timedelta(days=3)) == "heute geschlossen"  # Sunday
    holidays_he = {
        name: day for day, name in holidays.country_holidays("DE", subdiv="HE", years=year, language="de").items()
    }
    corpus_christi = holidays_he["Fronleichnam"]  # a Thursday: the Bürgerbüro would be open
    closed = hours_today(browser, page, dt.datetime.combine(corpus_christi, dt.time(10)))
    assert closed == "heute geschlossen (Fronleichnam)"
    christmas = dt.datetime(year + 1, 12, 25, 9, 30)
    assert hours_today(browser, page, christmas) == "heute geschlossen (Erster Weihnachtstag)"


def test_without_javascript_the_box_shows_the_weeks_hours(demo_url, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(demo_url + PERSO_KASSEL)
    expect(tab.locator("#auf-einen-blick .rh-today")).to_have_text(
        "Öffnungszeiten: Mo 8–16 Uhr · Di 8–12:30 Uhr · Mi 8–18 Uhr · Do 8–16 Uhr · Fr 7–12:30 Uhr · Sa 9–12 Uhr"
    )
    expect(tab.get_by_role("button", name="Teilen")).to_be_hidden()
    expect(tab.get_by_role("button", name="Drucken")).to_be_hidden()
    context.close()


def test_share_button_opens_the_share_sheet_only_where_there_is_one(demo_url, browser):
    context = browser.new_context(locale="de-DE")
    tab = context.new_page()
    tab.goto(demo_url + PERSO)
    assert tab.evaluate("typeof navigator.share") == "undefined"
    expect(tab.get_by_role("button", name="Teilen")).to_be_hidden()
    expect(tab.get_by_role("button", name="Drucken")).to_be_visible()
    context.add_init_script("navigator.share = data => { window.shared = data; return Promise.resolve(); };")
    tab.reload()
    tab.get_by_role("button", name="Teilen").click()
    assert tab.evaluate("window.shared") == {"title": "Personalausweis beantragen", "url": demo_url + PERSO}
    context.close()


# One phone screen, and paper -----------------------------------------------------------------------------


def test_box_fits_the_first_phone_screen_below_a_readable_header(demo_url, browser):
    context = new_context(browser, "phone")
    tab = context.new_page()
    tab.goto(demo_url + PERSO)
    box = tab.locator("#auf-einen-blick").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844
    name = tab.locator(".md-header__topic .rh-site-short").first
    expect(name).to_have_text("Rathaus Kassel")
    assert name.evaluate("e => e.closest('.md-ellipsis').scrollWidth <= e.closest('.md-ellipsis').clientWidth")
    expect(tab.locator("#rh-header-query")).to_be_in_viewport()
    expect(tab.locator(".rh-banner a[href='tel:115']")).to_be_in_viewport()
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=ARTIFACTS / "screenshots" / "auf-einen-blick-phone.png")
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_services_box_fits_the_first_phone_screen(javascript, demo_url, browser):
    context = browser.new_context(java_script_enabled=javascript, **new_context_options("phone"))
    tab = context.new_page()
    too_long = {}
    for path in sorted((REPO / "services").glob("*.yaml")):
        tab.goto(demo_url + f"leistungen/{path.stem}/")
        box = tab.locator("#auf-einen-blick").bounding_box()
        if box is None or box["y"] + box["height"] > 844:
            too_long[path.stem] = box
    context.close()
    assert too_long == {}


def test_printed_service_page_has_the_answer_and_the_checklist(demo_url, browser_page):
    page = browser_page
    page.goto(demo_url + PAGE_TYPES["service"])
    page.emulate_media(media="print")
    expect(page.locator("#auf-einen-blick dl")).to_be_visible()
    expect(page.locator("#auf-einen-blick .rh-share")).to_be_hidden()
    expect(page.locator("#beschreibung")).to_be_hidden()
    expect(page.locator("#fragen")).to_be_hidden()
    pdf = page.pdf(format="A4")
    pages = pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page ")
    assert 1 <= pages <= 3, pages


# Search from the keyboard --------------------------------------------------------------------------------


def test_slash_focuses_the_search_and_enter_opens_the_first_result_which_shows_cost_and_office(demo_url, browser_page):
    tab = browser_page
    tab.goto(demo_url + "115/")
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "rh-header-query"
    tab.keyboard.type("Personalausweis beantragen")
    first = tab.locator("header [role=option]").first
    expect(first).to_have_attribute("href", demo_url + PERSO)
    # In the Verbund the office depends on the place, which the page asks for.
    expect(first.locator(".rh-search__glance")).to_have_text("27,60–46,00 € · je nach Wohnort")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/" + PERSO)
