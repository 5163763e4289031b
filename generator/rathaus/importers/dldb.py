"""`rathaus import dldb`: the Dienstleistungsdatenbank (DLDB) JSON export of Berlin and Munich → YAML records.

Every imported record names its source (`source: {system: dldb, id, updated, fingerprint}`). The fingerprint is a
hash of what the import wrote, so a later import of a newer export can tell an untouched record (updated in place)
from one an editor changed since (kept, and reported as a conflict with the fields that differ). Records that
left the export are reported, never deleted. The same export imported twice writes no file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdownify
import nh3
import yaml
from pydantic import BaseModel, ValidationError

from ..kinds import KINDS
from ..load import Source, german_message, read_yaml
from ..scaffold import _Dumper, short_id, slug

SYSTEM = "dldb"
_HTML_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "table", "thead",
              "tbody", "tr", "th", "td", "blockquote"}  # fmt: skip
_TOP_HEADING = re.compile(r"<(/?)h[12]\b")
_HEADING = re.compile(r"<h\d\b.*?</h\d\s*>", re.I | re.S)
_BLOCK_TAG = re.compile(r"</?(p|br|div|li|h\d|tr|td|th)\b", re.I)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"))
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"])")
_FREE = re.compile(r"^(gebührenfrei|kostenlos|kostenfrei|keine gebühren?|es fallen keine gebühren an)\.?$", re.I)
_AMOUNT = re.compile(r"^(\d{1,5}(?:,\d{2})?) (?:euro|€)$", re.I)


class ImportFailed(Exception):
    """The export cannot be read as asked; the message says why in German."""


@dataclass
class Report:
    """What an import did, for the editor who ran it."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, list[str], bool]] = field(default_factory=list)
    """(file, fields that differ, whether the export changed too) for records an editor changed since."""
    removed: list[tuple[str, str]] = field(default_factory=list)
    """(file, DLDB id) of imported records that are no longer in the export (or no longer public)."""
    internal: list[tuple[str, str, str]] = field(default_factory=list)
    """(kind, DLDB id, name) of the records left out because the export marks them `public: false`."""
    unmapped: Counter[str] = field(default_factory=Counter)
    """Values of the export that no field holds, by what they are."""

    def lines(self) -> list[str]:
        written = len(self.created) + len(self.updated)
        lines = [
            f"Geschrieben: {written} Dateien ({len(self.created)} neu, {len(self.updated)} aktualisiert), "
            f"{len(self.unchanged)} unverändert.",
            *(f"  neu: {path}" for path in self.created),
            *(f"  aktualisiert: {path}" for path in self.updated),
        ]
        if self.internal:
            counts = Counter(kind for kind, _, _ in self.internal)
            parts = ", ".join(f"{n} {_KIND_LABELS[k]}" for k, n in sorted(counts.items()))
            lines.append(
                f"Nicht importiert, weil nicht öffentlich (public: false): {parts}. Der Export mischt hier interne "
                "Terminarten mit Leistungen, die nur nicht online buchbar sind; übernehmen mit --nonpublic KENNUNG …:"
            )
            lines += [f"  {_KIND_NAMES[kind]} {source_id}: {name}" for kind, source_id, name in self.internal]
        if self.conflicts:
            lines.append(
                f"Konflikte: {len(self.conflicts)} seit dem letzten Import bearbeitete Einträge, nicht überschrieben:"
            )
            for path, fields, source_changed in self.conflicts:
                why = "auch der Export hat sich geändert" if source_changed else "der Export ist unverändert"
                lines.append(f"  {path}: abweichend {', '.join(fields)} ({why})")
        if self.removed:
            lines.append(f"Nicht mehr im Export: {len(self.removed)} Einträge (nicht gelöscht, bitte prüfen):")
            lines += [f"  {path} (DLDB {source_id})" for path, source_id in self.removed]
        if self.unmapped:
            lines.append(f"Nicht übernommen: {sum(self.unmapped.values())} Werte ohne passendes Feld oder ungültig:")
            lines += [f"  {n} × {what}" for what, n in sorted(self.unmapped.items())]
        return lines


_KIND_LABELS = {"service": "Leistungen", "office": "Standorte", "topic": "Themen"}
_KIND_NAMES = {"service": "Leistung", "office": "Standort"}
_UNMAPPED = {
    "duration": "Termindauer in Minuten",
    "maxQuantity": "Höchstzahl je Termin",
    "displayNameAlternatives": "weitere Namen",
    "slotTimeInMinutes": "Zeitraster der Terminbuchung",
    "appointment.link": "Terminbuchung für alle Standorte; übernommen ist der Link je Standort",
    "meta.keywords": "Schlagworte des Standorts",
    "contact.competence": "Zuständigkeit",
    "services[].onlineprocessing": "Online-Link je Leistung am Standort",
}
"""What the export's fields hold that no field of ours does: named in the report."""


def read_export(path: Path) -> tuple[list[dict[str, Any]], dt.date | None]:
    """The records of one export file and the date it was made; a clear German error for anything else."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ImportFailed(f"{path}: Datei nicht lesbar ({error.strerror})") from None
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: Datei ist nicht UTF-8-kodiert") from None
    except json.JSONDecodeError as error:
        raise ImportFailed(f"{path}:{error.lineno}:{error.colno}: kein gültiges JSON ({error.msg})") from None
    items = data.get("data") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) and "id" in item for item in items):
        raise ImportFailed(f'{path}: kein DLDB-Export (erwartet {{"data": [{{"id": …}}, …]}})')
    meta = _section(data, "meta")
    return items, _date(meta.get("generated") or data.get("created"))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(value, dt.UTC).date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def html_to_markdown(markup: str | None) -> str | None:
    """DLDB HTML → Markdown for the editors' long-text fields: only text structure survives (nh3 drops scripts,
    styles and attributes first); the page sanitises the rendered Markdown again like every field."""
    if not markup or not isinstance(markup, str):
        return None
    cleaned = nh3.clean(markup.translate(_INVISIBLE), tags=_HTML_TAGS, attributes={"a": {"href"}})
    cleaned = _TOP_HEADING.sub(r"<\1h3", cleaned)  # the page's own headings are h1 and h2
    cleaned = cleaned.replace("&lt;", "&amp;lt;")  # a "<" of the text stays text in Markdown, never a tag
    text = markdownify.markdownify(cleaned, heading_style="ATX", bullets="-", newline_style="backslash")
    lines = [line.rstrip() for line in text.replace("\r", "").splitlines()]
    text = re.sub(r"\n([ \t]*)\\\n", r"\\\n\1", "\n".join(lines))  # a break on a line of its own ends the line before
    text = re.sub(r"\n{3,}", "\n\n", text).strip().removesuffix("\\").strip()
    return text or None


def plain_text(markup: str | None) -> str:
    """Visible text of DLDB HTML on one line."""
    if not markup or not isinstance(markup, str):
        return ""
    spaced = _BLOCK_TAG.sub(r" \g<0>", markup.translate(_INVISIBLE))  # blocks and breaks part words
    return " ".join(html.unescape(nh3.clean(spaced, tags=set())).translate(_INVISIBLE).split())


def summary_of(description: str | None, limit: int = 300) -> str | None:
    """The description's first sentences, up to about `limit` characters: the lead and the search results."""
    text = plain_text(_HEADING.sub("", description or ""))
    if len(text) < 10:
        return None
    summary = ""
    for sentence in _SENTENCE.split(text):
        if summary and len(summary) + len(sentence) + 1 > limit:
            break
        summary = f"{summary} {sentence}".strip()
    if len(summary) > 400:
        summary = summary[:399].rsplit(" ", 1)[0] + " …"
    return summary


def fingerprint(data: dict[str, Any]) -> str:
    """The hash of a record's data (as the YAML loader reads it) without its fingerprint: equal for the same
    content however the file is formatted."""
    copy = _plain(data)
    if isinstance(copy.get("source"), dict):
        copy["source"] = {k: v for k, v in copy["source"].items() if k != "fingerprint"}
    return hashlib.sha256(json.dumps(copy, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


@dataclass
class Existing:
    """A record file already in the catalogue, as the loader reads it."""

    data: dict[str, Any]

    @property
    def source_id(self) -> str | None:
        source = self.data.get("source")
        if isinstance(source, dict) and source.get("system") == SYSTEM:
            return str(source.get("id"))
        return None


def _existing(root: Path, folder: str) -> dict[str, Existing]:
    """Record files of a folder by file name (without .yaml), with their plain data as the loader reads it."""
    found = {}
    for path in sorted((root / folder).glob("*.yaml")):
        data, _ = read_yaml(path.read_bytes(), Source(f"{folder}/{path.name}"))
        found[path.stem] = Existing(data if isinstance(data, dict) else {})
    return found


def _plain(value: Any) -> Any:
    """A value as the YAML loader reads it back: text, true/false, lists and sections (dates and numbers as text)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _RecordDumper(_Dumper):
    """The layout of hand-written records: long texts as `|` blocks, no anchors for values that repeat."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text_block(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_RecordDumper.add_representer(str, _text_block)


def yaml_text(kind: str, data: dict[str, Any]) -> str:
    """The record as YAML, with the schema line and a note that says where it came from."""
    body = yaml.dump(data, Dumper=_RecordDumper, allow_unicode=True, sort_keys=False, width=116)
    return (
        f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n"
        "# Importiert aus dem DLDB-Export mit `rathaus import dldb`. Bearbeiten ist erlaubt: Ein neuer Import\n"
        "# überschreibt bearbeitete Einträge nicht, er meldet sie als Konflikt.\n"
        f"{body}"
    )


class Importer:
    """One import run into the catalogue at `root`: ids, validation, and writing without losing edits."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.report = Report()
        self.existing = {name: _existing(root, kind.folder) for name, kind in KINDS.items()}
        self.ids: dict[str, dict[str, str]] = {name: {} for name in KINDS}
        """DLDB id → record id, by kind: kept from earlier imports, new ones made from the titles."""

    def assign_ids(self, kind: str, items: Iterable[tuple[str, str]]) -> None:
        """Give every (DLDB id, title) a record id: the one of its earlier import, else a short unused slug."""
        existing = self.existing[kind]
        known = {e.source_id: stem for stem, e in existing.items() if e.source_id}
        taken = set(existing)
        pending = []
        for source_id, title in items:
            if source_id in known:
                self.ids[kind][source_id] = known[source_id]
            else:
                pending.append((source_id, title))
        for source_id, title in sorted(pending, key=lambda item: (short_id(item[1]), item[0])):
            base = short_id(title)
            base = base if len(base) >= 2 else f"{kind}-{slug(source_id)}"
            candidate, number = base, 2
            while candidate in taken:
                candidate = f"{base}-{number}"
                number += 1
            taken.add(candidate)
            self.ids[kind][source_id] = candidate

    def write(self, kind: str, data: dict[str, Any]) -> None:
        """Write one record, unless it is as imported before or an editor changed it since the last import."""
        folder, model = KINDS[kind].folder, KINDS[kind].model
        if not self.valid(kind, data, model):
            return
        new_print = data["source"]["fingerprint"] = fingerprint(data)
        path = self.root / folder / f"{data['id']}.yaml"
        display = f"{folder}/{path.name}"
        existing = self.existing[kind].get(data["id"])
        if existing is not None:
            source = existing.data.get("source")
            old_print = source.get("fingerprint") if isinstance(source, dict) else None
            if old_print != fingerprint(existing.data):
                new = _plain(data)
                fields = sorted(
                    k for k in {*existing.data, *new} if k != "source" and existing.data.get(k) != new.get(k)
                )
                self.report.conflicts.append((display, fields or ["source"], old_print != new_print))
                return
            if old_print == new_print:  # as imported last time: the file stays as it is, byte for byte
                self.report.unchanged.append(display)
                return
            self.report.updated.append(display)
        else:
            self.report.created.append(display)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml_text(kind, data), encoding="utf-8")

    def valid(self, kind: str, data: dict[str, Any], model: type[BaseModel]) -> bool:
        """Leave out the values the schema rejects (each counted as not imported), so that every record the import
        writes passes `rathaus check`; False when even then it is no valid record."""
        for _ in range(100):
            try:
                model.model_validate(data)
                return True
            except ValidationError as error:
                first = error.errors(include_url=False)[0]
                loc = list(first["loc"])
                if first["type"] == "missing" or loc[0] in ("id", "source", "reviewed"):
                    break
                key, what = str(loc[0]), german_message(first, tuple(loc), model)
                self.report.unmapped[f"{_KIND_LABELS[kind]}: {key} ({what})"] += 1
                if len(loc) > 1 and isinstance(loc[1], int):
                    del data[key][loc[1]]  # one item of a list goes
                else:
                    del data[key]
        self.report.unmapped[f"{_KIND_LABELS[kind]}: ganzer Eintrag ungültig"] += 1
        return False

    def removed(self, kind: str, present: Iterable[str]) -> None:
        """Report imported records whose DLDB id is no longer among the imported ones."""
        ids = set(present)
        for stem, existing in self.existing[kind].items():
            if existing.source_id and existing.source_id not in ids:
                self.report.removed.append((f"{KINDS[kind].folder}/{stem}.yaml", existing.source_id))


def import_dldb(
    root: Path,
    services_file: Path,
    locations_file: Path,
    topics_file: Path | None = None,
    authorities_file: Path | None = None,
    nonpublic: Iterable[str] = (),
) -> Report:
    """Import a DLDB export into the catalogue at `root`; see the module docstring for what happens to edits.
    Records the export marks `public: false` are left out, except those whose DLDB id is in `nonpublic`."""
    services, services_date = read_export(services_file)
    locations, locations_date = read_export(locations_file)
    topics, topics_date = read_export(topics_file) if topics_file else ([], None)
    authorities, _ = read_export(authorities_file) if authorities_file else ([], None)
    run = Importer(root)
    report = run.report

    wanted = set(nonpublic)
    if unknown := sorted(wanted - {str(record["id"]) for record in (*services, *locations)}):
        raise ImportFailed(f"--nonpublic: keine Leistung und kein Standort mit der DLDB-Kennung {', '.join(unknown)}")
    public_locations = _public("office", locations, wanted, report)
    public_services = _public("service", services, wanted, report)
    run.assign_ids("office", [(str(loc["id"]), _text(loc.get("name")) or str(loc["id"])) for loc in public_locations])
    run.assign_ids("service", [(str(svc["id"]), _text(svc.get("name")) or str(svc["id"])) for svc in public_services])
    run.assign_ids("topic", [(str(top["id"]), _text(top.get("name")) or str(top["id"])) for top in topics])

    authority_of = _authorities(services, authorities)
    for location in public_locations:
        run.write("office", _office(run, location, authority_of, locations_date))
    topics_of: dict[str, list[str]] = {}
    for topic in topics:
        for item in _relation(topic, "services"):
            topics_of.setdefault(item, []).append(run.ids["topic"][str(topic["id"])])
    for service in public_services:
        run.write("service", _service(run, service, topics_of.get(str(service["id"]), []), services_date))
    parents = {child: str(topic["id"]) for topic in topics for child in _relation(topic, "childs")}
    for topic in topics:
        run.write("topic", _topic(run, topic, parents, topics_date))

    run.removed("office", run.ids["office"])
    run.removed("service", run.ids["service"])
    run.removed("topic", run.ids["topic"])
    for key in ("created", "updated", "unchanged"):
        getattr(report, key).sort()
    return report


def _public(kind: str, records: list[dict[str, Any]], nonpublic: set[str], report: Report) -> list[dict[str, Any]]:
    """The records to import: those not marked `public: false`, and those named in `nonpublic`; the report names
    the others."""
    chosen = []
    for record in records:
        if record.get("public", True) is not False or str(record["id"]) in nonpublic:
            chosen.append(record)
        else:
            report.internal.append((kind, str(record["id"]), _text(record.get("name")) or str(record["id"])))
    return chosen


def _text(value: Any) -> str:
    """A plain text value of the export ('' for false, null, numbers-as-flags and the like)."""
    return " ".join(value.translate(_INVISIBLE).split()) if isinstance(value, str) else ""


def _relation(topic: dict[str, Any], name: str) -> list[str]:
    """Ids listed under a topic's relation (`services`, `childs`), whether as ids or as {id: …} items."""
    relation = _section(topic, "relation")
    items = relation.get(name) or topic.get(name) or []
    return [str(item.get("id")) if isinstance(item, dict) else str(item) for item in items if item]


def _source(record: dict[str, Any], fallback: dt.date | None) -> tuple[dict[str, Any], dt.date]:
    meta = _section(record, "meta")
    updated = _date(meta.get("lastupdate")) or fallback or dt.date.today()
    return {"system": SYSTEM, "id": str(record["id"]), "updated": updated}, updated


def _authorities(services: list[dict[str, Any]], authorities: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Location id → its authority ({id, name, webinfo}), from the authorities file and the services' locations."""
    found: dict[str, dict[str, Any]] = {}
    for authority in authorities:
        for item in authority.get("locations") or []:
            location = item.get("location", item.get("id")) if isinstance(item, dict) else item
            found.setdefault(str(location), authority)
    for service in services:
        for item in service.get("locations") or []:
            if isinstance(item.get("authority"), dict):
                found.setdefault(str(item.get("location")), item["authority"])
    return found


def _link(url: Any) -> str | None:
    text = _text(url)
    return text if re.match(r"^https?://\S+$", text) else None


def _office(
    run: Importer, location: dict[str, Any], authority_of: dict[str, dict[str, Any]], export_date: dt.date | None
) -> dict[str, Any]:
    report = run.report
    source, updated = _source(location, export_date)
    contact = _section(location, "contact")
    address = _section(location, "address")
    data: dict[str, Any] = {"id": run.ids["office"][source["id"]], "name": _text(location.get("name"))}
    organisation, unit = _text(location.get("organization")), _text(location.get("organizationUnit"))
    authority = authority_of.get(source["id"], {})
    if organisation or authority:
        data["authority"] = _compact(
            {
                "name": organisation or _text(authority.get("name")),
                "unit": unit if organisation else None,
                "url": _link(authority.get("webinfo")),
            }
        )
    street = " ".join(filter(None, [_text(address.get("street")), _text(address.get("house_number"))]))
    if street:
        data["address"] = _compact(
            {
                "street": street,
                "postal_code": _text(address.get("postal_code")),
                "city": _text(address.get("city")),
                "room": _text(address.get("hint")) or None,
            }
        )
    geo = _section(location, "geo")
    try:
        data["geo"] = {"lat": float(geo["lat"]), "lon": float(geo["lon"])}
    except (KeyError, TypeError, ValueError):
        if geo:
            report.unmapped["Standorte: geo (keine Koordinaten)"] += 1
    phones = [p for p in re.split(r"\s*(?:[,;]|\s/\s|\sund\s)\s*", _text(contact.get("phone"))) if p]
    if phones:
        data["phone"] = phones[0]
        data["phones"] = [{"label": "Telefon", "number": number} for number in phones[1:]]
    if _text(contact.get("fax")):
        data["fax"] = _text(contact.get("fax"))
    mails = [m for m in re.split(r"\s*[,;\s]\s*", _text(contact.get("email"))) if m]
    if mails:
        data["email"] = mails[0]
        report.unmapped.update(["Standorte: weitere E-Mail-Adresse"] * (len(mails) - 1))
    if _link(contact.get("webinfo")):
        data["web"] = _link(contact.get("webinfo"))
    if _link(contact.get("signed_maillink")):
        data["contact_form"] = _link(contact.get("signed_maillink"))
    offered = [item for item in location.get("services") or [] if isinstance(item, dict)]
    unmapped = {
        "displayNameAlternatives": location.get("displayNameAlternatives"),
        "slotTimeInMinutes": location.get("slotTimeInMinutes"),
        "meta.keywords": _text(_section(location, "meta").get("keywords")),
        "contact.competence": _text(contact.get("competence")),
        "services[].onlineprocessing": any(_link(_section(item, "onlineprocessing").get("link")) for item in offered),
    }
    report.unmapped.update(f"Standorte: {name} ({_UNMAPPED[name]})" for name, value in unmapped.items() if value)
    data["source"] = source
    data["reviewed"] = updated
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def _service(run: Importer, service: dict[str, Any], topics: list[str], export_date: dt.date | None) -> dict[str, Any]:
    report = run.report
    source, updated = _source(service, export_date)
    meta = _section(service, "meta")
    title = _text(service.get("name"))
    description = html_to_markdown(service.get("description"))
    data: dict[str, Any] = {"id": run.ids["service"][source["id"]], "title": title}
    leika = _text(service.get("leika"))
    if leika:
        data["leika"] = leika
    words: list[str] = []
    for word in _text(meta.get("keywords")).split(","):
        word = word.strip()
        if word and word.casefold() != title.casefold() and word.casefold() not in {w.casefold() for w in words}:
            words.append(word)
    data["synonyms"] = words
    data["summary"] = summary_of(service.get("description"))
    data["description"] = description
    data["fees"] = _fees(service.get("fees"))
    offices, bookings = [], []
    for item in service.get("locations") or []:
        office = run.ids["office"].get(str(item.get("location")))
        if office is None:
            report.unmapped["Leistungen: Standort nicht öffentlich oder unbekannt"] += 1
            continue
        if office in offices:
            continue
        offices.append(office)
        appointment = _section(item, "appointment")
        notes = [_text(item.get(key)) for key in ("responsibility_hint", "hint")]
        if appointment.get("allowed") is False:
            notes.insert(0, "An diesem Standort ist keine Online-Terminbuchung möglich.")
        url = _link(appointment.get("link")) if appointment.get("allowed") is not False else None
        note = " ".join(filter(None, notes)) or None
        if url or note:
            bookings.append(_compact({"office": office, "url": url, "note": note}))
    data["online_service"] = _online(service)
    data["bookings"] = bookings
    links = [_link_item(item) for item in service.get("links") or []]
    data["links"] = [link for link in links if link]
    forms = [_link_item(item) for item in service.get("forms") or []]
    data["forms"] = [form for form in forms if form and form not in data["links"]]
    data["offices"] = offices
    data["topics"] = topics
    related = [
        run.ids["service"].get(str(other)) for other in service.get("combinable") or [] if str(other) != source["id"]
    ]
    data["related"] = list(dict.fromkeys(r for r in related if r))
    unmapped = {
        "duration": service.get("duration"),
        "maxQuantity": service.get("maxQuantity"),
        "appointment.link": _section(service, "appointment").get("link"),
    }
    report.unmapped.update(f"Leistungen: {name} ({_UNMAPPED[name]})" for name, value in unmapped.items() if value)
    data["source"] = source
    data["reviewed"] = updated
    return _compact(data)


def _online(service: dict[str, Any]) -> dict[str, Any] | None:
    """The online procedure, when the export names one that is not merely the appointment booking."""
    online = service.get("onlineprocessing")
    if not isinstance(online, dict) or not _link(online.get("link")):
        return None
    return _compact({"url": _link(online.get("link")), "requires": _text(online.get("description")) or None})


def _link_item(item: Any) -> dict[str, Any] | None:
    if not isinstance(item, dict) or not _text(item.get("name")):
        return None
    return _compact({"title": _text(item.get("name")), "url": _link(item.get("link"))})


def _fees(markup: Any) -> list[dict[str, Any]]:
    """Fees as a list: an amount when the export says just that (`100 Euro`, `gebührenfrei`), else the text."""
    text = plain_text(markup)
    if not text:
        return []
    if _FREE.match(text):
        return [{"label": "Gebühr", "amount": 0}]
    amount = _AMOUNT.match(text)
    if amount:
        value = amount.group(1).replace(",", ".")
        return [{"label": "Gebühr", "amount": float(value) if "." in value else int(value)}]
    return [{"label": "Gebühr", "note": text}]


def _topic(
    run: Importer, topic: dict[str, Any], parents: dict[str, str], export_date: dt.date | None
) -> dict[str, Any]:
    source, _ = _source(topic, export_date)
    title = _text(topic.get("name"))
    data: dict[str, Any] = {
        "id": run.ids["topic"][source["id"]],
        "title": title,
        "summary": f"Leistungen zum Thema {title}.",
    }
    relation = _section(topic, "relation")
    if isinstance(relation.get("rank"), int):
        data["order"] = relation["rank"]
    parent = parents.get(source["id"])
    if parent and parent in run.ids["topic"]:
        data["parent"] = run.ids["topic"][parent]
    data["source"] = source
    return data


def _section(record: dict[str, Any], name: str) -> dict[str, Any]:
    """A section of an export record ({} when it is missing or not a section)."""
    value = record.get(name)
    return value if isinstance(value, dict) else {}


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [])}
