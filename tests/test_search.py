"""The site search end to end: the index the build writes, and search.js running on it in a real Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import mkdocs
import pytest
import yaml
from lunr.builder import Builder
from playwright.sync_api import Page

from rathaus.catalogue import build_catalogue
from rathaus.models import Site
from rathaus.outputs.search import (
    FIELDS,
    TermBuilder,
    chunk_size,
    entries,
    noun_lexicon,
    split_compound,
    stem,
    terms,
    vocabulary,
    words,
)

from .conftest import REPO, mkdocs_build, rathaus

EVALUATION = Path(__file__).parent / "search"
QUERIES = yaml.safe_load((EVALUATION / "queries.yaml").read_text(encoding="utf-8"))
MUNICH = yaml.safe_load((EVALUATION / "munich.yaml").read_text(encoding="utf-8"))
REQUIRED = 0.95

SEARCH = """async ({queries, typing}) => {
  const engine = await rathausSearch.load("search/");
  const root = new URL("./", location.href).href;
  const found = [];
  for (const query of queries) {
    const results = await engine.search(query, {typing, limit: 3});
    found.push(results.map((r) => r.url.replace(root, "")));
  }
  return found;
}"""


@pytest.fixture(scope="module")
def home(demo_site, serve, browser):
    """The demo site's start page in Chromium, with the search engine loaded."""
    context = browser.new_context(locale="de-DE")
    tab = context.new_page()
    tab.goto(serve(demo_site))
    tab.evaluate("rathausSearch.load('search/').then(() => true)")
    yield tab
    context.close()


def test_search_finds_the_expected_page_in_the_top_three_for_real_queries(demo_site, home, capsys):
    assert len(QUERIES) >= 60
    for item in QUERIES:
        assert (demo_site / item["expect"] / "index.html").is_file(), item
    queries = [item["query"] for item in QUERIES]
    rates = {}
    misses = []
    # Enter (the whole query) and typing (the last word still a prefix) both have to find it.
    for typing in (False, True):
        found = home.evaluate(SEARCH, {"queries": queries, "typing": typing})
        hits = [item["expect"] in top for item, top in zip(QUERIES, found, strict=True)]
        rates[typing] = sum(hits) / len(hits)
        misses += [(item["query"], top) for item, top, hit in zip(QUERIES, found, hits, strict=True) if not hit]
    with capsys.disabled():
        print(
            f"\nsearch evaluation: {len(QUERIES)} queries, expected page in the top 3: "
            f"{rates[False]:.1%} (query entered), {rates[True]:.1%} (while typing)"
        )
    assert min(rates.values()) >= REQUIRED, misses


def evaluate(tab: Page, items: list[dict[str, Any]], expected: dict[str, set[str]]) -> tuple[float, list[str]]:
    """Share of `items` whose query puts one of `expected[query]` (site paths) in the top 3, and the misses."""
    queries = [item["query"] for item in items]
    found = tab.evaluate(SEARCH, {"queries": queries, "typing": False})
    misses = [f"{q!r} → {top}" for q, top in zip(queries, found, strict=True) if not expected[q] & set(top)]
    return 1 - len(misses) / len(queries), misses


def munich_site(project: Path, site: Path, keywords: bool) -> tuple[Path, dict[str, set[str]]]:
    """Munich's imported catalogue built into `site` (`keywords=False`: every record's synonyms removed),
    and the site paths of each evaluation query's expected services (DLDB id → record by `source.id`)."""
    record_of: dict[str, str] = {}
    for path in sorted((project / "services").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        record_of[str(data["source"]["id"])] = data["id"]
        if not keywords and data.pop("synonyms", None):
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.code == 0, result.err
    expected = {item["query"]: {f"leistungen/{record_of[str(dldb)]}/" for dldb in item["expect"]} for item in MUNICH}
    return site, expected


@pytest.mark.parametrize("keywords", [True, False], ids=["with-keywords", "without-keywords"])
def test_search_finds_munich_services_for_colloquial_queries(
    munich_catalogue, tmp_path, serve, browser, keywords, capsys
):
    """A real catalogue the project did not write: Munich's, with its keywords as synonyms and without them."""
    assert len(MUNICH) >= 60
    project = shutil.copytree(munich_catalogue, tmp_path / "project")
    site, expected = munich_site(project, tmp_path / "site", keywords)
    context = browser.new_context(locale="de-DE")
    tab = context.new_page()
    tab.goto(serve(site))
    rate, misses = evaluate(tab, MUNICH, expected)
    context.close()
    with capsys.disabled():
        label = "with keywords" if keywords else "without keywords"
        print(f"\nMunich evaluation ({label}): {len(MUNICH)} queries, top 3: {rate:.1%}; misses:", *misses, sep="\n  ")
    assert rate >= (0.95 if keywords else 0.90), misses


def test_browser_normalises_every_index_word_like_the_build(home):
    """The stemmer in the browser (lunr.de.js) and at build time (snowballstemmer) agree on every word."""
    catalogue = build_catalogue(REPO, Site(city="Kassel"))
    texts = [text for entry in entries(catalogue) for text in [entry.title, *entry.fields.values()]]
    texts += ["Anträge für Führerscheine", "STRASSE Straße", "Café-Öffnungszeiten", "Kfz-Zulassung 2026"]
    vocabulary = sorted({word for text in texts for word in words(text)})
    assert len(vocabulary) > 1000
    browser = home.evaluate(
        """async ({texts, vocabulary}) => {
          const engine = await rathausSearch.load("search/");
          return {
            words: texts.map((text) => rathausSearch.words(text)),
            stems: vocabulary.map((word) => engine.stem(word)),
            terms: texts.map((text) => engine.terms(text)),
          };
        }""",
        {"texts": texts, "vocabulary": vocabulary},
    )
    assert browser["words"] == [words(text) for text in texts]
    assert dict(zip(vocabulary, browser["stems"], strict=True)) == {word: stem(word) for word in vocabulary}
    assert browser["terms"] == [terms(text) for text in texts]


# lunr.js 2.3.9 (as mkdocs ships it) on the same index: the reference for search.js `Engine.rank`.
LUNR_REFERENCE = """async ({queries, lunrSource}) => {
  const engine = await rathausSearch.load("search/");
  const stemmerOnly = window.lunr;
  (0, eval)(lunrSource);
  const lunr = window.lunr;
  window.lunr = stemmerOnly;
  const fields = engine.fields;
  const vectors = {};
  const inverted = engine.vocabulary.map((term, t) => {
    const posting = {_index: t};
    fields.forEach((field, f) => {
      posting[field] = {};
      const list = engine.list(f, t);
      for (let i = 0; i < list.length; i += 2) {
        posting[field][list[i]] = {};
        (vectors[field + "/" + list[i]] ||= []).push(t, list[i + 1]);
      }
    });
    return [term, posting];
  });
  const index = lunr.Index.load({
    version: lunr.version, fields, fieldVectors: Object.entries(vectors), invertedIndex: inverted, pipeline: [],
  });
  const compared = [];
  for (const query of queries) {
    for (const typing of [false, true]) {
      const clauses = engine.clauses(query, typing);
      const expected = index.query((q) => clauses.forEach((c) => {
        const options = {usePipeline: false, boost: c.boost};
        if (c.fields) options.fields = c.fields;
        if (c.prefix) options.wildcard = lunr.Query.wildcard.TRAILING;
        q.term(c.term, options);
      }));
      compared.push({
        query, typing,
        ours: engine.rank(clauses).map((r) => [r.ref, r.score]),
        lunr: expected.map((r) => [Number(r.ref), r.score]),
      });
    }
  }
  return compared;
}"""


def test_browser_scores_every_query_exactly_as_lunr_would(home):
    """search.js ranks with lunr's scoring without lunr.js: same entries, same scores as lunr.js's own query."""
    lunr_source = (Path(mkdocs.__file__).parent / "contrib/search/templates/search/lunr.js").read_text(encoding="utf-8")
    queries = [item["query"] for item in QUERIES] + ["Meldebescheinigug", "Perso verloren", "hund", "Kfz-Zulassung"]
    compared = home.evaluate(LUNR_REFERENCE, {"queries": queries, "lunrSource": lunr_source})
    assert len(compared) == 2 * len(queries)
    for case in compared:
        ours, lunr = sorted(case["ours"]), sorted(case["lunr"])
        assert lunr, case["query"]
        assert [ref for ref, _ in ours] == [ref for ref, _ in lunr], case["query"]
        for (_, score), (_, expected) in zip(ours, lunr, strict=True):
            assert score == pytest.approx(expected, rel=1e-9), case["query"]
    # Equal scores keep the catalogue order (A–Z), so the ranking never depends on how a browser sorts.
    for case in compared:
        order = [(-score, ref) for ref, score in case["ours"]]
        assert order == sorted(order), case["query"]


def test_german_words_are_folded_stemmed_and_stop_words_dropped():
    assert terms("Anträge für Führerscheine") == ["antrag", "fuhrerschein"]
    assert terms("Straße") == terms("STRASSE") == ["strass"]
    # Question and filler words are no terms either.
    assert terms("Was brauche ich für den Reisepass?") == ["reisepass"]
    assert terms("Wie bekomme ich einen Anwohnerparkausweis?") == ["anwohnerparkausweis"]


def test_result_lists_come_in_files_of_about_a_thousand_entries_without_a_small_last_one():
    assert chunk_size(44) == 44
    assert chunk_size(1065) == 1065  # 1,000 services with their offices, Lebenslagen and pages: one file
    assert [chunk_size(n) for n in (1500, 10_427)] == [750, 1043]  # 2 and 10 files of equal size


def test_compound_words_are_split_into_their_parts_by_german_nouns():
    assert split_compound("Bewohnerparkausweis") == ("bewohn", "parkausweis", "park", "ausweis")
    assert split_compound("Schwerbehindertenausweis") == ("behindert", "ausweis")
    assert split_compound("Geburtsurkunde") == ("geburt", "urkund")
    # Not compounds, though the lexicon holds nouns inside them: `Bescheinigung` is no "Esch" + "Einigung".
    assert split_compound("Bescheinigung") == split_compound("Beförderung") == split_compound("Kennzeichen") == ()


def test_the_lexicon_read_lightly_splits_every_word_as_german_nouns_own_reading():
    """noun_lexicon reads only what `parse_compound` looks up; on the demo's words and pairs of lexicon nouns,
    every split must equal the one of german-nouns' own `Nouns()`."""
    from german_nouns.lookup import Nouns

    own = Nouns()
    catalogue = build_catalogue(REPO, Site(city="Kassel"))
    texts = [text for entry in entries(catalogue) for text in entry.fields.values()]
    found = sorted({word for text in texts for word in re.findall(r"[^\W\d_]{8,}", text)})
    nouns = [row[0] for row in own.data[::97] if row[0].isalpha()]
    words = found + [a + b.lower() for a, b in zip(nouns[::2], nouns[1::2], strict=False)]
    assert len(found) > 500 and len(words) > 1000
    assert [noun_lexicon().parse_compound(w) for w in words] == [own.parse_compound(w) for w in words]


def test_the_term_builder_weighs_every_term_as_lunrs_own_builder(munich_catalogue):
    """TermBuilder skips lunr's tokenizer and vectors for fields that are term lists already; no weight may change."""
    catalogue = build_catalogue(munich_catalogue, Site(city="München", state="BY"))
    documents = [{name: terms(entry.fields.get(name, "")) for name in FIELDS} for entry in entries(catalogue)]
    lunrs, ours = Builder(), TermBuilder()
    for builder in (lunrs, ours):
        builder.ref("ref")
        for name, boost in FIELDS.items():
            builder.field(name, boost=boost)
        for number, document in enumerate(documents):
            builder.add({"ref": str(number), **document}, {"boost": 1.1 if number % 3 else 1.0})
        builder.build()
    assert len(lunrs.field_vectors) > 1000
    term_of = {posting["_index"]: term for term, posting in lunrs.inverted_index.items()}
    theirs = {
        (field_ref, term_of[index]): round(weight * 1000)
        for field_ref, vector in lunrs.field_vectors.items()
        for index, weight in zip(vector.elements[0::2], vector.elements[1::2], strict=True)
    }
    mine = {
        (f"{name}/{number}", term): weight
        for name, by_term in ours.postings.items()
        for term, postings in by_term.items()
        for number, weight in postings
    }
    assert mine == theirs


def test_header_search_on_a_service_page_opens_a_result_with_the_keyboard(demo_site, serve, browser_page):
    tab = browser_page
    tab.goto(serve(demo_site) + "leistungen/wohngeld/")
    box = tab.locator("header #rh-header-query")
    assert box.get_attribute("role") == "combobox"
    listbox = tab.locator("#" + box.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox"
    box.click()
    tab.keyboard.type("Perso verloren")
    options = listbox.locator("[role=option]")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    count = options.count()
    assert 1 < count <= 8
    for i in range(count):  # each option is one link to its page
        assert options.nth(i).evaluate("o => o.tagName === 'A' && o.getAttribute('href').endsWith('/')")
    first = options.first
    assert first.locator(".rh-search__title").inner_text() == "Personalausweis verloren oder gestohlen – Verlust melden"
    assert first.locator(".rh-search__summary").inner_text()
    assert first.locator(".rh-search__label").inner_text() == "Ausweise und Dokumente"
    assert tab.locator("header [role=status]").inner_text() == f"{count} Ergebnisse"

    tab.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    tab.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")
    assert first.get_attribute("aria-selected") == "false"
    tab.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/leistungen/personalausweis-verlust-melden/")
    assert tab.get_by_role("heading", level=1).inner_text().startswith("Personalausweis verloren")


def test_escape_closes_the_results_and_then_clears_the_field(demo_site, serve, browser_page):
    tab = browser_page
    tab.goto(serve(demo_site) + "115/")
    box = tab.locator("#rh-header-query")
    box.click()
    tab.keyboard.type("hund")
    tab.locator("header [role=option]").first.wait_for()
    tab.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert tab.locator("header [role=listbox]").is_hidden()
    assert box.input_value() == "hund"
    tab.keyboard.press("Escape")
    assert box.input_value() == ""


def test_all_results_opens_the_search_page_with_the_query(demo_site, serve, browser_page):
    tab = browser_page
    tab.goto(serve(demo_site) + "impressum/")
    tab.locator("#rh-header-query").fill("Hund anmelden")
    tab.locator("header [role=option]").first.wait_for()
    tab.get_by_role("link", name="Alle Ergebnisse").click()
    tab.wait_for_url("**/suche/?q=Hund%20anmelden")
    assert tab.locator("#rh-page-query").input_value() == "Hund anmelden"
    results = tab.locator("main [role=listbox] [role=option]")
    results.first.wait_for()
    assert results.first.get_attribute("href").endswith("/leistungen/hundesteuer-anmelden/")
    assert tab.locator("main [role=status]").inner_text().endswith("Ergebnisse")


def test_home_page_search_uses_the_same_search(demo_site, serve, browser_page):
    tab = browser_page
    tab.goto(serve(demo_site))
    tab.locator("#rh-home-query").click()
    tab.keyboard.type("Auto ummelden")
    form = tab.locator("form:has(#rh-home-query)")
    form.locator("[role=option]").first.wait_for()
    assert form.locator("[role=option] .rh-search__title").first.inner_text().startswith("Fahrzeug ummelden")


def test_without_javascript_the_search_form_leads_to_the_a_to_z_list(demo_site, serve, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(serve(demo_site) + "leistungen/wohngeld/")
    assert tab.locator("#rh-header-query").get_attribute("role") is None
    tab.locator("#rh-header-query").fill("Perso")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/leistungen/?q=Perso")
    assert tab.get_by_role("heading", level=1).inner_text() == "Leistungen A–Z"
    context.close()


def test_site_ships_a_prebuilt_index_and_no_material_search(demo_site):
    assert not list(demo_site.rglob("search_index.json"))
    index = json.loads((demo_site / "search" / "index.json").read_text(encoding="utf-8"))
    services = len(list((REPO / "services").glob("*.yaml")))
    assert index["entries"] > services
    assert index["format"] == 2
    assert "personalausweis" in index["terms"]
    term = index["terms"].index("personalausweis")
    title = index["postings"][index["fields"].index("title")][term]
    assert title and all(int(number) > 0 for number in title.split(","))  # "entry, weight, entry, weight, …"
    assert index["synonyms"]["perso"] == ["personalausweis"]
    assert {"stemmer.js", "search.js", "results-0.json"} <= {p.name for p in (demo_site / "search").iterdir()}
    html = (demo_site / "leistungen" / "wohngeld" / "index.html").read_text(encoding="utf-8")
    assert "search/search.js" in html
    assert 'data-md-component="search"' not in html


def test_build_indexes_services_topics_offices_and_hand_written_pages(project, tmp_path):
    (project / "search").mkdir()
    (project / "search" / "synonyms.yaml").write_text(
        "synonyms:\n  - words: [Perso]\n    means: Personalausweis\n", encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code == 0, result.err
    folder = tmp_path / "site" / "search"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    rows = json.loads((folder / "results-0.json").read_text(encoding="utf-8"))
    urls = [row[0] for row in rows]
    assert index["entries"] == len(rows) == 3 + 2 + 2 + 1
    assert urls[:3] == ["leistungen/personalausweis/", "leistungen/sperrmuell/", "leistungen/wohnsitz-anmelden/"]
    assert [
        "115/",
        "Behördennummer 115",
        "Die 115 erreichen Sie Montag bis Freitag von 8 bis 18 Uhr.",
        "Information",
    ] in rows
    synonyms = index["synonyms"]
    assert synonyms["perso"] == ["personalausweis"]  # the editors' list
    assert synonyms[stem("wohnung")] == ["wohnsitz"]  # the shipped vocabulary, for what this catalogue has
    assert stem("meldebestatigung") not in synonyms  # and not for what it lacks (no Meldebescheinigung)
    assert all(term in index["terms"] for meant in synonyms.values() for term in meant)
    assert not list((tmp_path / "site").rglob("search_index.json"))


def test_broken_synonym_list_is_reported_at_its_line(project):
    (project / "search").mkdir()
    (project / "search" / "synonyms.yaml").write_text(
        "synonyms:\n  - words: [Perso]\n    meant: Personalausweis\n", encoding="utf-8"
    )
    result = rathaus("check", cwd=project)
    assert result.code == 1
    assert any(line.startswith("search/synonyms.yaml:3:5: synonyms[0].meant") for line in result.lines), result.out


def test_slash_key_jumps_into_the_search_box(demo_site, serve, browser_page):
    tab = browser_page
    tab.goto(serve(demo_site) + "hilfe/")
    tab.locator("#rh-header-query[role=combobox]").wait_for(state="attached")
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "rh-header-query"
    assert tab.locator("#rh-header-query").input_value() == ""


def test_when_the_index_cannot_be_loaded_the_form_still_leads_to_the_a_to_z_list(demo_site, serve, browser_page):
    tab = browser_page
    tab.route("**/search/index.json", lambda route: route.fulfill(status=404))
    tab.goto(serve(demo_site) + "leistungen/wohngeld/")
    tab.locator("#rh-header-query").click()
    tab.keyboard.type("Perso")
    status = tab.locator("header [role=status]")
    status.filter(has_text="nicht verfügbar").wait_for(state="attached")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/leistungen/?q=Perso")


SEARCH_FILES = "performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/search/'))"


def test_the_search_loads_when_the_page_is_idle_unless_the_visitor_saves_data(demo_site, serve, browser):
    """Loaded before the first key, so the first query finds it ready; with Save-Data only when it is used."""
    for save_data in (False, True):
        context = browser.new_context()
        tab = context.new_page()
        if save_data:
            tab.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
        tab.goto(serve(demo_site) + "leistungen/wohngeld/", wait_until="networkidle")
        loaded = {name.rsplit("/", 1)[1] for name in tab.evaluate(SEARCH_FILES)}
        if save_data:
            assert loaded == {"search.js"}
            tab.locator("#rh-header-query").focus()
            tab.wait_for_function(f"{SEARCH_FILES}.some((n) => n.endsWith('/index.json'))")
        else:
            assert {"search.js", "index.json", "stemmer.js", "results-0.json"} <= loaded
        context.close()


def test_a_search_that_failed_to_load_loads_when_it_is_used_again(demo_site, serve, browser_page):
    tab = browser_page
    down = [True]
    tab.route("**/search/index.json", lambda route: route.fulfill(status=503) if down[0] else route.continue_())
    tab.goto(serve(demo_site) + "leistungen/wohngeld/")
    box = tab.locator("#rh-header-query")
    box.click()
    tab.keyboard.type("Perso")
    tab.locator("header [role=status]").filter(has_text="nicht verfügbar").wait_for(state="attached")
    down[0] = False
    tab.keyboard.type(" verloren")
    tab.locator("header [role=option]").first.wait_for()
    tab.keyboard.press("Enter")  # the first result, not the A–Z list of a broken search
    tab.wait_for_url("**/leistungen/personalausweis-verlust-melden/")


def test_a_query_without_a_good_match_shows_the_closest_matches_the_a_to_z_list_and_the_115(
    demo_site, serve, browser_page
):
    """No dead end: "kinderpass" names nothing, its parts do (Kinder, Pass); a word of nothing at all still
    leads on to the A–Z list and the 115."""
    tab = browser_page
    tab.goto(serve(demo_site) + "leistungen/wohngeld/")
    box = tab.locator("#rh-header-query")
    box.click()
    tab.keyboard.type("kinderpass")
    header = tab.locator("header")
    status = header.locator("[role=status]")
    status.filter(has_text="Kein genauer Treffer").wait_for(state="attached")
    titles = header.locator("[role=option] .rh-search__title").all_inner_texts()
    assert titles[0] == "Reisepass beantragen"
    assert "Personalausweis beantragen" in titles  # the other pass for children; Kindergeld may come first
    more = header.locator(".rh-search__more")
    assert more.get_by_role("link", name="Liste der Leistungen A–Z").get_attribute("href").endswith("/leistungen/")
    assert more.get_by_role("link", name="115").get_attribute("href") == "tel:115"

    box.fill("")
    tab.keyboard.type("xqzvw")
    status.filter(has_text="Keine Ergebnisse").wait_for(state="attached")
    assert header.locator("[role=option]").count() == 0
    assert more.get_by_role("link", name="Liste der Leistungen A–Z").is_visible()
    assert more.get_by_role("link", name="115").get_attribute("href") == "tel:115"

    box.fill("")
    tab.keyboard.type("reisepass")
    status.filter(has_text="Ergebnis").wait_for(state="attached")
    assert "Kein genauer Treffer" not in status.inner_text()
    assert more.get_by_role("link", name="115").count() == 0


def test_every_entry_of_the_shipped_vocabulary_is_typed_in_an_evaluation_query():
    """An entry of data/vocabulary-de.yaml earns its place in the evaluation sets: some query types one of
    its words (each entry was also measured by leaving it out, see the file's header)."""
    typed = [" ".join(stem(word) for word in words(item["query"])) for item in [*QUERIES, *MUNICH]]
    for group in vocabulary():
        keys = [" ".join(stem(word) for word in words(phrase)) for phrase in group.words]
        assert any(f" {key}" in f" {query}" for key in keys for query in typed), group.words  # also in compounds


BOUNDED = """async ({queries}) => {
  const engine = await rathausSearch.load("search/");
  const times = [];
  for (const query of queries) {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      await engine.search(query, {typing: true, limit: 8});
      best = Math.min(best, performance.now() - started);
    }
    times.push(best);
  }
  return times;
}"""


def test_a_query_of_5000_characters_answers_within_100_ms(home):
    queries = [
        "personalausweisbeantragung" * 193,  # one word of 5,018 letters
        "x" * 5000,
        " ".join(["meldebescheinigug"] * 300),  # many words that each look like a typo
        ("Perso Ausweis Umzug Hund " * 200)[:5000],
    ]
    times = home.evaluate(BOUNDED, {"queries": queries})
    assert max(times) < 100, times
    # The bound keeps real questions whole: the words of a long one still find their service.
    found = home.evaluate(SEARCH, {"queries": ["Ich bin umgezogen und muss meinen Wohnsitz anmelden"], "typing": False})
    assert any("wohnsitz" in url or "anmeld" in url for url in found[0]), found
