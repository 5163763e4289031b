"""How pages come out on paper, on a phone and on a desktop screen. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser_checks import ARTIFACTS, PAGE_TYPES, VIEWPORTS, new_context, sideways_overflow

SCREENSHOTS = ARTIFACTS / "screenshots"


def test_service_page_prints_as_a_checklist_without_navigation(demo_url, browser_page):
    page = browser_page
    page.goto(demo_url + PAGE_TYPES["service-local"])  # in a Verbund, a place's version names its office
    page.emulate_media(media="print")

    for chrome in ("header.md-header", ".md-banner", ".md-sidebar--primary", ".md-search", ".rh-toc", ".md-footer"):
        expect(page.locator(chrome).first).to_be_hidden()

    documents = page.locator("#unterlagen .rh-checklist > li")
    assert documents.count() >= 3
    boxes = page.locator("#unterlagen input[type=checkbox]")
    assert boxes.count() == documents.count()
    for box in boxes.all():
        expect(box).to_be_visible()
        assert box.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"  # an empty box to tick on paper
    expect(page.locator("#kosten table")).to_be_visible()
    expect(page.locator("#kosten")).to_contain_text("€")
    office = page.locator("#zustaendig .rh-office").first
    expect(office.locator("address")).to_be_visible()
    expect(office.locator("table.rh-hours")).to_be_visible()
    expect(office.locator("a[href^='tel:']").first).to_be_visible()
    expect(page.locator(".rh-hotline")).to_be_visible()
    expect(page.locator(".rh-hotline")).to_contain_text("115")

    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 20_000
    (ARTIFACTS / "print").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "print" / "leistung.pdf").write_bytes(pdf)


@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("page_type", ["start", "service"])
def test_page_fits_the_screen_and_shows_115_and_its_title_first(page_type, device, demo_url, browser):
    context = new_context(browser, device)
    page = context.new_page()
    page.goto(demo_url + PAGE_TYPES[page_type])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{page_type}-{device}.png")
    page.screenshot(path=SCREENSHOTS / f"{page_type}-{device}-ganz.png", full_page=True)

    width = VIEWPORTS[device]["viewport"]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    expect(page.locator(".rh-banner a[href='tel:115']")).to_be_in_viewport()
    context.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_reflows_to_320_pixels_without_sideways_scrolling(page_type, demo_url, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(demo_url + PAGE_TYPES[page_type])
    too_wide = sideways_overflow(page)
    assert too_wide == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
