"""Small corrections to the HTML the theme writes outside any block we can override.

Material's base template marks its two hidden toggle checkboxes (navigation drawer, search) with
`autocomplete="off"`, which HTML allows only on text-like inputs: the W3C validator reports it on every page.
"""

from __future__ import annotations

import re

_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def fix_theme_markup(html: str) -> str:
    """Return the page without the invalid attributes of Material's toggles."""
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
