"""The one Jinja environment of a build: its settings, its filters and the values every template may read.

Page bodies, exports (Markdown, llms.txt) and redirect pages are all rendered by one environment made here, so
one template gives the same output wherever it is rendered. Compiled templates are kept in this process and
in the user's own temporary folder, never in the project: a pull request may commit files into `.cache/`, and
nothing read from there may run as code.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import quote

import cmarkgfm
import jinja2
import nh3
import phonenumbers
from babel.numbers import format_currency
from cmarkgfm.cmark import Options as CmarkOptions
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from .catalogue import Catalogue
from .german import german_date
from .hotline import HOTLINE
from .models import PAYMENT_METHODS, WEEKDAYS, Fee, OpeningHours
from .urls import (
    absolute,
    local_service_url,
    markdown_path,
    municipality_url,
    office_url,
    service_url,
    topic_url,
)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "table", "thead",
    "tbody", "tr", "th", "td", "abbr",
}  # fmt: skip
GFM_EXTENSIONS = ["table", "autolink", "strikethrough"]
URL_SCHEMES = {"https", "mailto", "tel"}
"""Where links in editors' text may lead."""
_SANITISER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes={"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}},
    url_schemes=URL_SCHEMES,
    link_rel="noopener",
)


@cache
def markdown_html(text: str) -> Markup:
    """Editors' Markdown → sanitised HTML: no scripts, no event handlers, no javascript: links.

    GitHub Flavored Markdown, as editors know it from pull requests, by GitHub's own C library (cmark-gfm):
    ten times faster than a Python parser, which matters with two long texts on every service page. Raw HTML
    passes the parser (CMARK_OPT_UNSAFE, no tag filter) because nh3 decides what of it stays: it drops a
    `<script>` with its content, where GitHub's tag filter would leave its text on the page.
    """
    html = cmarkgfm.markdown_to_html_with_extensions(text, CmarkOptions.CMARK_OPT_UNSAFE, GFM_EXTENSIONS)
    return Markup(_SANITISER.clean(html))


@cache
def euro(amount: Decimal) -> str:
    return format_currency(amount, "EUR", locale="de_DE")


def fee_text(fee: Fee) -> str:
    """A fee as people say it: `37,00 €`, `10,00 € bis 50,00 €`, `gebührenfrei`."""
    if fee.amount is None:
        return ""
    if fee.amount_max is not None:
        return f"{euro(fee.amount)} bis {euro(fee.amount_max)}"
    return "gebührenfrei" if fee.amount == 0 else euro(fee.amount)


@cache
def tel_href(number: str) -> str:
    """`tel:` link in international format, so it dials from any phone."""
    if number == HOTLINE.number:
        return f"tel:{HOTLINE.number}"
    parsed = phonenumbers.parse(number, "DE")
    return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def priced(fees: list[Fee]) -> bool:
    """Every fee has an amount: a table of what for and how much. Fees in words read better as a list."""
    return all(fee.amount is not None for fee in fees)


def opening_rows(hours: OpeningHours) -> list[tuple[str, str]]:
    """(weekday, times) for every weekday that has hours, e.g. ("Montag", "08:00–12:00, 13:00–16:00")."""
    rows = []
    for key, name in WEEKDAYS.items():
        ranges: list[str] = getattr(hours, key)
        if ranges:
            rows.append((name, ", ".join(r.replace("-", "–") + " Uhr" for r in ranges)))
    return rows


_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_LINK_TARGET = re.compile(r'(?:href|src)="([^"]*)"')
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_TEXT_LINK_SCHEMES = {*URL_SCHEMES, "http"}
"""What a link in an editor's text may lead to in a Markdown copy: what the pages allow, and plain http
addresses, which Markdown renderers turn into links by themselves (GFM autolinks)."""


def md_text(text: str) -> str:
    """An editor's Markdown for a Markdown copy, holding what the pages would show of it and nothing more.

    Markdown passes raw HTML through, so anything that could open an HTML tag is written as `&lt;` (`a < b`
    stays as it is). Links and images are checked as a renderer makes them (cmark-gfm, as for the pages): if
    one is an image or leads anywhere but https, mailto or tel (`javascript:`, `data:`, …), the text's
    brackets are escaped, so it shows as written and links nowhere.
    """
    text = _HTML_START.sub("&lt;", text)
    rendered = cmarkgfm.markdown_to_html_with_extensions(text, CmarkOptions.CMARK_OPT_UNSAFE, GFM_EXTENSIONS)
    for target in _LINK_TARGET.findall(rendered):
        scheme = _SCHEME.match(html.unescape(target))
        if scheme and scheme.group(1).lower() not in _TEXT_LINK_SCHEMES:
            return _escaped_brackets(text)
    return _escaped_brackets(text) if "<img" in rendered else text


def _escaped_brackets(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


@cache
def md_inline(text: str) -> str:
    """Record text on one line (a list item or a link title), with brackets that cannot make or end a link and
    nothing that could open an HTML tag. Cached: the same names (documents, offices, fees) come back on page
    after page."""
    return _escaped_brackets(_HTML_START.sub("&lt;", " ".join(text.split())))


def md_url(url: str) -> str:
    """A URL as a Markdown link target (`[…](url)` or `<url>`): what could end it early (`)`, `>`, spaces) or
    start something else (`<`, quotes, backslashes) is percent-encoded, so a record's URL cannot break out."""
    return quote(url, safe="/:?#@!$&*+,;=%-._~")


class CompiledTemplates(FileSystemBytecodeCache):
    """Compiled templates by template, source checksum (Jinja checks it) and `settings`, kept in this process and
    in Jinja's folder for this user (`/tmp/_jinja2-cache-<uid>`: made with mode 0700, used only while it belongs
    to this user): never in the project, where a pull request can commit files. Compiling every template costs a
    build about 0.15 s of CPU; a `mkdocs serve` rebuild does not even read the folder again.

    `settings` names how the environment compiles (its options and Jinja's version): compiled code depends on
    them, not only on the template's source, and one folder serves every environment of this user."""

    def __init__(self, settings: str) -> None:
        try:
            super().__init__()
            self.on_disk = True
        except RuntimeError:  # the folder is not safe to use (e.g. another user's); keep them in memory only
            self.on_disk = False
        self.settings = hashlib.sha256(f"{settings} Jinja {jinja2.__version__}".encode()).hexdigest()
        self.code: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.settings}|{name}", filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self.on_disk:
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()
        if self.on_disk:
            with contextlib.suppress(OSError):  # a full or unwritable folder only costs compiling again
                super().dump_bytecode(bucket)


COMPILED = CompiledTemplates(Path(__file__).read_text(encoding="utf-8"))
"""The compiled templates of `environment`: its settings are this module's code."""


def environment(catalogue: Catalogue, base_url: str) -> Environment:
    """The environment for one catalogue's pages and files, with absolute URLs (`url` filter) under `base_url`.

    HTML templates are autoescaped; Markdown and text templates (`.md`, `.txt`) escape with `md`/`inline`.
    """
    env = Environment(
        loader=PackageLoader("rathaus", "templates"),
        autoescape=select_autoescape(disabled_extensions=("md", "txt"), default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=COMPILED,
        auto_reload=False,  # a new environment for every build: no need to check template files per page
    )
    env.filters.update(
        markdown=markdown_html,
        euro=euro,
        fee=fee_text,
        date=german_date,
        tel=tel_href,
        hours=opening_rows,
        md=md_text,
        inline=md_inline,
        link=md_url,
        # Not folded into compiled code at compile time (`"api/" | url` is a constant): compiled templates are
        # shared by every site of this user, and the base URL is this site's.
        url=pass_context(lambda _, path: absolute(base_url, path)),
    )
    env.tests["priced"] = priced
    env.globals.update(
        c=catalogue,
        site=catalogue.site,
        hotline_115=HOTLINE,
        payment_methods=PAYMENT_METHODS,
        service_url=service_url,
        office_url=office_url,
        topic_url=topic_url,
        municipality_url=municipality_url,
        local_service_url=local_service_url,
        markdown_path=markdown_path,
    )
    return env


def compile_all(env: Environment) -> None:
    """Compile every template now, e.g. once before forking workers instead of once in each."""
    for name in env.list_templates(extensions=None):
        env.get_template(name)
