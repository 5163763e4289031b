"""What the browser suite visits and how it looks at a page: page types, viewports, axe-core, keyboard helpers."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page

from .conftest import REPO

# One page of every type the site has. The two service pages differ in that one offers an online service.
PAGE_TYPES: dict[str, str] = {
    "start": "",
    "service": "leistungen/personalausweis-beantragen/",
    "service-online": "leistungen/fahrzeug-zulassen/",
    "a-z": "leistungen/",
    "lebenslagen": "lebenslagen/",
    "lebenslage": "lebenslagen/umzug/",
    "dienststellen": "dienststellen/",
    "office": "dienststellen/buergeramt/",
    "online-dienste": "online-dienste/",
    "115": "115/",
    "impressum": "impressum/",
    "datenschutz": "datenschutz/",
    "barrierefreiheit": "barrierefreiheit/",
    "leichte-sprache": "leichte-sprache/",
    "gebaerdensprache": "gebaerdensprache/",
    "hilfe": "hilfe/",
    "api": "api/",
    "service-local": "leistungen/personalausweis-beantragen/baunatal/",
    "service-local-landkreis": "leistungen/fahrzeug-zulassen/niestetal/",
    "service-federal": "leistungen/kindergeld-beantragen/",
    "wohnorte": "kommunen/",
    "wohnort": "kommunen/herborn/",
    "404": "404.html",
}

VIEWPORTS: dict[str, dict[str, Any]] = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}

ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, plus axe's best practices (landmarks, named dialogs, allowed roles: what Lighthouse also checks).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def new_context(browser: Browser, device: str) -> BrowserContext:
    """A fresh German-speaking browser context sized like a phone or a desktop screen."""
    return browser.new_context(locale="de-DE", device_scale_factor=1, **VIEWPORTS[device])


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core (from node_modules, injected into the page) with the WCAG 2.1 A and AA rules and best practices."""
    assert AXE.is_file(), "axe-core fehlt: `npm ci` ausführen (./dev test macht das)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return result["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per violated rule with the elements concerned, for a readable assertion message."""
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) for node in violation["nodes"]][:5]
        summary = violation["nodes"][0]["failureSummary"].replace("\n", " ")
        lines.append(f"{violation['id']} ({violation['impact']}): {targets} – {summary}")
    return "\n".join(lines)


FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  return {
    tag: e.tagName.toLowerCase(),
    name: (e.getAttribute('aria-label') || e.innerText || e.value || '').trim().slice(0, 60),
    href: e.getAttribute('href'),
    role: e.getAttribute('role'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    onScreen: style.visibility === 'visible' && box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.left < window.innerWidth && box.top < window.innerHeight,
  };
}"""


def focused(page: Page) -> dict[str, Any] | None:
    """What has keyboard focus: name, link, whether its focus indicator is drawn, whether it is on screen."""
    return page.evaluate(FOCUSED)


def tab_until(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector`; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Mit Tab nicht erreichbar: {selector}")


# WCAG 1.4.10: content readable at 320 CSS pixels width (a desktop browser zoomed to 400 %). Data tables and code may
# scroll inside their own box (two-dimensional content is exempt); the page itself may not.
SIDEWAYS = """() => {
  const scrolls = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  const inScrollBox = e => { for (let p = e.parentElement; p; p = p.parentElement) if (scrolls(p)) return true;
                             return false; };
  return [...document.querySelectorAll('.md-content *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .filter(e => getComputedStyle(e).visibility === 'visible' && !inScrollBox(e))
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
}"""


def sideways_overflow(page: Page) -> list[str]:
    """The elements of the content that stick out of the window to the right (empty when the page reflows)."""
    return page.evaluate(SIDEWAYS)


# The search UI: the project's own WAI-ARIA combobox when it is there, otherwise Material's search.
SEARCH_FIELD = "[role=combobox], .md-search__input"
SEARCH_BUTTON = "button[aria-label=Suche]"
SEARCH_RESULTS = "[role=listbox] [role=option], .md-search-result__item"


def open_search(page: Page, query: str) -> None:
    """Reach the search with Tab alone (on a phone through its header button), type `query`, wait for results."""
    tab_until(page, f"{SEARCH_FIELD}, {SEARCH_BUTTON}")
    if page.evaluate("s => document.activeElement.matches(s)", SEARCH_BUTTON):
        page.keyboard.press("Enter")
        page.wait_for_function("s => document.activeElement.matches(s)", arg=SEARCH_FIELD)
    page.keyboard.type(query, delay=20)
    page.locator(SEARCH_RESULTS).first.wait_for(state="visible")
