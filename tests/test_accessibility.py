"""WCAG 2.1 AA in a real browser: axe-core on every page type, a skip link first, visible focus, no mouse needed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser_checks import (
    PAGE_TYPES,
    SEARCH_RESULTS,
    axe_violations,
    describe,
    focused,
    new_context,
    open_search,
    tab_until,
)


@pytest.fixture(params=["phone", "desktop"])
def device_page(request, browser):
    """A tab in a fresh context on a phone-sized and on a desktop-sized screen."""
    context = new_context(browser, request.param)
    yield context.new_page()
    context.close()


def test_the_two_service_pages_are_one_with_and_one_without_online_service(demo_site):
    with_online = (demo_site / PAGE_TYPES["service-online"] / "index.html").read_text(encoding="utf-8")
    without = (demo_site / PAGE_TYPES["service"] / "index.html").read_text(encoding="utf-8")
    assert 'id="online"' in with_online
    assert 'id="online"' not in without
    # Both start with "Auf einen Blick", so every check of the suite (axe, vnu, 320 px, print) covers the box.
    assert 'id="auf-einen-blick"' in with_online and 'id="auf-einen-blick"' in without


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_accessibility_violations(page_type, demo_url, device_page):
    device_page.goto(demo_url + PAGE_TYPES[page_type])
    violations = axe_violations(device_page)
    assert violations == [], describe(violations)


def test_search_with_results_open_has_no_accessibility_violations(demo_url, device_page):
    device_page.goto(demo_url + PAGE_TYPES["service"])
    open_search(device_page, "Personalausweis")
    violations = axe_violations(device_page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_skip_link_is_the_first_thing_the_keyboard_reaches_and_leads_to_the_content(page_type, demo_url, browser_page):
    browser_page.goto(demo_url + PAGE_TYPES[page_type])
    browser_page.keyboard.press("Tab")
    first = focused(browser_page)
    assert first is not None
    assert (first["name"], first["href"]) == ("Zum Inhalt springen", "#inhalt")
    assert first["onScreen"]
    assert browser_page.locator("#inhalt h1").count() == 1

    browser_page.keyboard.press("Enter")
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("document.getElementById('inhalt').contains(document.activeElement)")


@pytest.mark.parametrize("page_type", ["start", "service-online", "a-z", "office", "datenschutz"])
def test_focus_is_visible_on_everything_the_keyboard_reaches(page_type, demo_url, device_page):
    device_page.goto(demo_url + PAGE_TYPES[page_type])
    seen = []
    for _ in range(400):
        device_page.keyboard.press("Tab")
        element = focused(device_page)
        if element is None or (seen and element["href"] == "#inhalt"):
            break  # focus left the page or came round to the skip link again
        seen.append(element)
    assert len(seen) > 10
    hidden = [e for e in seen if not e["onScreen"]]
    unmarked = [e for e in seen if not (e["outline"] or e["shadow"])]
    assert hidden == [], "Fokus auf unsichtbarem Element"
    assert unmarked == [], "Fokus ohne sichtbare Markierung"


def test_navigation_opens_and_is_followed_with_the_keyboard_on_a_phone(demo_url, browser):
    context = new_context(browser, "phone")
    page = context.new_page()
    page.goto(demo_url + PAGE_TYPES["service"])
    menu = "button[aria-label=Navigation]"
    assert page.locator(menu).get_attribute("aria-expanded") == "false"
    tab_until(page, menu)

    page.keyboard.press("Enter")
    assert page.locator(menu).get_attribute("aria-expanded") == "true"
    tab_until(page, ".md-sidebar--primary a[href='../../online-dienste/']")
    assert focused(page)["onScreen"]
    page.keyboard.press("Escape")
    assert page.evaluate("s => document.activeElement.matches(s)", menu)
    expect(page.locator(".md-sidebar--primary a[href='../../online-dienste/']")).to_be_hidden()

    page.keyboard.press("Enter")
    tab_until(page, ".md-sidebar--primary a[href='../../online-dienste/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/online-dienste/")
    context.close()


def test_search_finds_and_opens_a_service_with_the_keyboard_only(demo_url, device_page):
    device_page.goto(demo_url)
    open_search(device_page, "Personalausweis")
    assert "Personalausweis" in device_page.locator(SEARCH_RESULTS).first.inner_text()

    device_page.keyboard.press("ArrowDown")
    device_page.keyboard.press("Enter")
    device_page.wait_for_url("**/leistungen/**")
    assert "Personalausweis" in device_page.get_by_role("heading", level=1).inner_text()


def test_service_checklist_is_ticked_with_the_keyboard(demo_url, browser_page):
    browser_page.goto(demo_url + PAGE_TYPES["service"])
    tab_until(browser_page, "#unterlagen input[type=checkbox]")
    browser_page.keyboard.press("Space")
    assert browser_page.locator("#unterlagen input[type=checkbox]").first.is_checked()
