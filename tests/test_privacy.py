"""DSGVO in practice: a visit sends nothing to another origin and leaves no cookie and no stored data behind."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .browser_checks import PAGE_TYPES, new_context, open_search

STORED = "() => [Object.keys(localStorage), Object.keys(sessionStorage)]"


def visit(browser, url: str, device: str = "desktop", search: str | None = None):
    """Load `url` in a fresh context (and search, if asked); return every request URL, the cookies, the storage."""
    context = new_context(browser, device)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    if search:
        open_search(page, search)
        page.wait_for_load_state("networkidle")
    found = requests, context.cookies(), page.evaluate(STORED)
    context.close()
    return found


def foreign(requests: list[str], base: str) -> list[str]:
    origin = urlsplit(base).netloc
    return [url for url in requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != origin]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_requests_nothing_from_another_origin_and_stores_nothing(page_type, demo_url, browser):
    requests, cookies, stored = visit(browser, demo_url + PAGE_TYPES[page_type])
    assert len(requests) >= 3  # the page, its styles and scripts really loaded
    assert foreign(requests, demo_url) == []
    assert cookies == []
    assert stored == [[], []]


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_searching_requests_nothing_from_another_origin_and_stores_nothing(device, demo_url, browser):
    requests, cookies, stored = visit(browser, demo_url + PAGE_TYPES["service"], device, search="Perso")
    assert any("search" in url for url in requests)  # the search loaded its index
    assert foreign(requests, demo_url) == []
    assert cookies == []
    assert stored == [[], []]
