"""Links that let people correct a page: "Seite bearbeiten" on the forge and "Fehler melden".

Generated pages have no Markdown file of their own, so the edit link points at the YAML record the page is
made from (mkdocs would point it at a file under docs_dir that does not exist).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, urlencode, urljoin, urlsplit

from .kinds import Record, kind_of
from .models import Site
from .urls import absolute


@dataclass(frozen=True)
class PageLinks:
    """Where to edit a page's record and where to report a mistake on it (None when not configured)."""

    edit: str | None
    feedback: str | None


def records_edit_uri(edit_uri: str | None, docs_dir: str, catalogue_dir: str) -> str | None:
    """The edit path of the records, derived from the `edit_uri` of mkdocs, which points into docs_dir.

    `edit/main/content/` with docs_dir `content` → `edit/main/`; a catalogue in a subfolder is appended.
    """
    if not edit_uri:
        return None
    base = edit_uri.rstrip("/")
    docs = posixpath.basename(docs_dir.rstrip("/"))
    if docs and base.endswith("/" + docs):
        base = base[: -len(docs) - 1]
    if catalogue_dir not in ("", "."):
        base = f"{base}/{catalogue_dir.strip('/')}"
    return base + "/"


def record_path(record: Record) -> str:
    """`services/<id>.yaml`: the file a record lives in, relative to the catalogue folder."""
    return f"{kind_of(record).folder}/{record.id}.yaml"


def edit_url(site: Site, record: Record) -> str | None:
    """The forge's editor for a record's YAML file, e.g. …/edit/main/services/<id>.yaml."""
    if not site.repo_url or not site.edit_uri:
        return None
    return _join(site.repo_url, site.edit_uri) + record_path(record)


def feedback_url(site: Site, record: Record, title: str, page_url: str) -> str | None:
    """A prefilled mail to `feedback_mail`, else a new issue on the forge; it names the page's id and title."""
    subject = f"Fehler melden: {title} ({record.id})"
    body = (
        f"Seite: {title}\n"
        f"Adresse: {absolute(site.site_url or '/', page_url)}\n"
        f"Kennung: {record_path(record)}\n\n"
        "Was stimmt nicht, und was wäre richtig?\n"
    )
    if site.feedback_mail:
        query = urlencode({"subject": subject, "body": body.replace("\n", "\r\n")}, quote_via=quote)
        return f"mailto:{quote(site.feedback_mail, safe='@')}?{query}"
    if not site.repo_url:
        return None
    if "gitlab" in urlsplit(site.repo_url).netloc:
        path, fields = "-/issues/new", {"issue[title]": subject, "issue[description]": body}
    else:  # GitHub, Gitea, Forgejo and Codeberg share this form.
        path, fields = "issues/new", {"title": subject, "body": body}
    return _join(site.repo_url, path) + "?" + urlencode(fields, quote_via=quote)


def page_links(site: Site, record: Record | None, title: str, page_url: str) -> PageLinks:
    """Both links for one generated page; pages without a record (lists, start page) get neither."""
    if record is None:
        return PageLinks(None, None)
    return PageLinks(edit_url(site, record), feedback_url(site, record, title, page_url))


@cache
def _join(base: str, path: str) -> str:
    if path.startswith(("?", "#")):
        return base.rstrip("/") + path
    return urljoin(base.rstrip("/") + "/", path)
