"""The demo site in a real browser: every record has its page, and a visitor can get from A–Z to a service."""

from __future__ import annotations

from .conftest import REPO


def test_every_record_has_a_page(demo_site):
    for folder, url in (("services", "leistungen"), ("offices", "dienststellen"), ("topics", "lebenslagen")):
        for record in (REPO / folder).glob("*.yaml"):
            assert (demo_site / url / record.stem / "index.html").is_file(), record


def test_visitor_finds_personalausweis_from_the_a_to_z_list(demo_site, serve, browser_page):
    base = serve(demo_site)
    browser_page.goto(base + "leistungen/")
    browser_page.get_by_role("link", name="Personalausweis beantragen", exact=True).click()
    browser_page.wait_for_url("**/leistungen/personalausweis-beantragen/")
    assert browser_page.get_by_role("heading", level=1).inner_text() == "Personalausweis beantragen"
    assert browser_page.locator("#unterlagen li").count() >= 3
    assert browser_page.locator("a[href='tel:115']").first.is_visible()
