"""Site search: a lunr index prebuilt from the catalogue, so a visitor's browser only loads it.

lunr.py weighs the terms (BM25 with field and entry boosts) at build time; search.js scores queries on
those weights with lunr's own formula (tests/test_search.py checks it against lunr.js), so the browser
needs neither lunr.js nor any indexing work, only one JSON.parse.

Text is normalised the same way here and in the browser (data/search.js): lower case, umlauts and ß folded
(ä→a, ß→ss), stop words dropped (data/stopwords-de.txt, shipped to the browser inside the index), then
Snowball's German stemmer. Python uses snowballstemmer 2.2 (generated from Snowball's classic German
algorithm); the browser uses lunr-languages' lunr.de.js (shipped in data/), a port of the same algorithm.
tests/test_search.py stems every index word in Chromium and compares, so the two cannot drift apart unseen.

The index holds what finds a service (title, synonyms, summary, document names, Lebenslagen, offices,
and, weighted least, the description), not whole pages: words that merely appear somewhere in a page do
not outrank the service that is about them. On the demo catalogue, whose records carry hand-written
synonyms, the description found no query more; on Munich's real catalogue without its keywords
(tests/search/munich.yaml) it found 5 of 88 more (56.8 → 61.4 %), for 63 → 101 KB gzip at 1,000 synthetic
services (with the compound parts and the vocabulary) and about twice lunr.py's indexing time.

German compounds are split at build time by german-nouns (`split_compound`), a lexicon of ~100,000 nouns
from Wiktionary: on Munich it found 3–4 queries more than the former split into the catalogue's own words
(84.1 → 87.5 % with keywords, 60.2 → 62.5 % without). Reading the lexicon takes about 0.25 s of CPU once
per process (`noun_lexicon`). The browser takes a query compound apart into index terms (search.js `parts`).
Besides the editors' search/synonyms.yaml and each record's synonyms, the project ships a vocabulary of
administrative words (data/vocabulary-de.yaml) for any catalogue; the build keeps the entries whose meant
words the catalogue has.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import nh3
import snowballstemmer
import yaml
from lunr.builder import Builder
from lunr.idf import idf as Idf

from ..catalogue import Catalogue
from ..german import fold
from ..models import Office, Service, SynonymGroup, Synonyms
from ..urls import municipality_url, office_url, service_url, topic_url
from .glance import cost_range

FORMAT = 2
"""Version of index.json; search.js refuses an index of another version instead of misreading it."""

CHUNK = 1000
"""Entries per result list file (search/results-N.json), about: see `chunk_size`."""

FIELDS: dict[str, float] = {
    "title": 10,
    "synonyms": 8,
    "summary": 2,
    "documents": 1,
    "context": 0.5,
    "body": 0.5,
    "parts": 4,
}
"""Indexed fields and their boosts: title and synonyms far above the summary, the summary above document and
office names, a description or a page's body text least. `parts` holds the parts of the compound words in
title and synonyms (`bewohnerparkausweis` → `bewohn`, `parkausweis`, `park`, `ausweis`)."""
COMPOUND_FIELDS = ("title", "synonyms")

STEMMER = ("lunr.stemmer.support.js", "lunr.de.js")
"""search/stemmer.js: lunr-languages' German stemmer (MPL, named in each file), shipped in data/ (no CDN);
the copy is the one mkdocs 1.6 ships, which tests/test_search.py stems the whole index with."""
STEMMER_PRELUDE = b"""/* lunr-languages' German stemmer without lunr.js: search.js scores the prebuilt index
   itself, so the stemmer needs only the two lunr functions it calls when it loads. */
var lunr = window.lunr || {
  Pipeline: { registerFunction: function () {} },
  generateStopWordFilter: function () { return function () {}; }
};
"""

_WORD = re.compile(r"[^\W_]+")
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9])")
_STEMMER = snowballstemmer.stemmer("german")


def words(text: str) -> list[str]:
    """Folded words of a text, split at anything that is not a letter or digit (`Kfz-Zulassung` is two)."""
    return _WORD.findall(fold(text))


@cache
def stop_words() -> frozenset[str]:
    lines = (files("rathaus") / "data" / "stopwords-de.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


@cache
def stem(word: str) -> str:
    """Snowball German stem of a folded word: `anmeldung` → `anmeld`, `antrage` → `antrag`."""
    return str(_STEMMER.stemWord(word))


def terms(text: str) -> list[str]:
    """Index terms of a text: its words without stop words, stemmed."""
    stop = stop_words()
    return [stem(word) for word in words(text) if word not in stop]


@dataclass(frozen=True)
class ContentPage:
    """A hand-written page (115, legal pages, help) as the site engine rendered it."""

    url: str
    title: str
    html: str


@dataclass(frozen=True)
class Entry:
    """One thing the search can find: where it leads, what the result list shows, and the text that finds it."""

    url: str
    title: str
    summary: str
    label: str
    fields: dict[str, str]
    boost: float = 1.0
    glance: str = ""
    """For a service, what it costs and where to go, shown under the result ("27,60–46,00 € · Bürgeramt")."""


def first_sentence(text: str, limit: int = 160) -> str:
    """A one-line summary for the result list."""
    sentence = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + " …"


def plain_text(markup: str) -> str:
    """Visible text of HTML, without tags, entities decoded and the headings' permalink signs (¶) removed."""
    return html.unescape(nh3.clean(markup, tags=set())).replace("¶", " ")


def service_entry(catalogue: Catalogue, service: Service) -> Entry:
    topics = catalogue.topics_of(service)
    offices = catalogue.offices_of(service)
    return Entry(
        url=service_url(service.id),
        title=service.title,
        summary=first_sentence(service.summary or ""),
        label=topics[0].title if topics else "Leistung",
        fields={
            "title": service.title,
            "synonyms": "\n".join(service.synonyms),
            "summary": service.summary or "",
            "documents": "\n".join(d.name for d in service.documents),
            "context": "\n".join([*(t.title for t in topics), *(o.name for o in offices)]),
            "body": service.description or "",
        },
        boost=1.1 if service.popular else 1.0,
        glance=" · ".join(filter(None, [cost_range(service.fees), _where(catalogue, service, offices)])),
    )


def _where(catalogue: Catalogue, service: Service, offices: Sequence[Office]) -> str | None:
    """Where a result is done, in its line: the main office, or "je nach Wohnort" where that depends on the
    place (a Verbund: the result opens the shared page, which asks for it)."""
    if catalogue.verbund.by_place(service):
        return "je nach Wohnort"
    return offices[0].name if offices else None


def entries(catalogue: Catalogue, pages: Iterable[ContentPage] = ()) -> list[Entry]:
    """Everything the search finds: services first, then Lebenslagen, offices and hand-written pages."""
    found = [service_entry(catalogue, s) for _, group in catalogue.services_a_to_z for s in group]
    for topic in catalogue.topics_ordered:
        found.append(
            Entry(topic_url(topic.id), topic.title, first_sentence(topic.summary), "Lebenslage",
                  {"title": topic.title, "summary": topic.summary}, boost=0.8)
        )  # fmt: skip
    for office in catalogue.offices_ordered:
        summary = office.summary or office.name
        found.append(
            Entry(office_url(office.id), office.name, first_sentence(summary), "Dienststelle",
                  {"title": office.name, "summary": summary}, boost=0.8)
        )  # fmt: skip
    for page in pages:
        paragraph = _PARAGRAPH.search(page.html)
        summary = first_sentence(plain_text(paragraph.group(1))) if paragraph else ""
        found.append(
            Entry(page.url, page.title, summary, "Information",
                  {"title": page.title, "body": plain_text(page.html)}, boost=0.8)
        )  # fmt: skip
    return found


_CSV_FIELD = r'(?:"(?:[^"]|"")*"|[^,"\n]*)'
_LEMMA_AND_KIND = re.compile(f"{_CSV_FIELD},{_CSV_FIELD}")


class _Index(dict[str, str]):
    """The lexicon's word forms → its row numbers, split into numbers only for the forms a split looks up."""

    def __getitem__(self, form: str) -> list[int]:  # type: ignore[override]
        rows = self.get(form)
        return [int(row) for row in rows.split("\t") if row] if rows else []


class _Rows(dict[int, list[str]]):
    """The lexicon's rows as lemma and part of speech, read from a row's line when a split looks it up."""

    def __init__(self, lines: list[bytes]) -> None:
        super().__init__()
        self.lines = lines

    def __missing__(self, number: int) -> list[str]:
        line = self.lines[number].decode("utf-8")
        head = _LEMMA_AND_KIND.match(line).group(0)  # type: ignore[union-attr]
        row = self[number] = next(csv.reader([head])) if '"' in head else head.split(",")
        return row


@cache
def noun_lexicon() -> Any:
    """german-nouns' lexicon (~100,000 German nouns from Wiktionary, CC BY-SA 4.0): its compound parser.

    `Nouns()` itself parses all 80 columns of its 20 MB table and every index line into lists: 1.3 s on every
    build. `parse_compound` reads only the lemma and part of speech of the rows a word form leads to, so a row
    is read when a split looks it up, and an index line is split then too: 0.25 s.
    """
    from german_nouns.config import CSV_FILE_PATH, PACKAGE_PATH  # type: ignore[import-untyped]
    from german_nouns.lookup import Nouns  # type: ignore[import-untyped]

    nouns = Nouns.__new__(Nouns)
    nouns.header = ["lemma", "pos"]
    nouns.data = _Rows(Path(CSV_FILE_PATH).read_bytes().split(b"\n")[1:])  # one row a line, decoded when read
    with open(PACKAGE_PATH / "index.txt", encoding="utf-8") as index:
        nouns.index = _Index(line.strip().partition("\t")[::2] for line in index)
    return nouns


@cache
def split_compound(word: str) -> tuple[str, ...]:
    """Index terms of the parts of a German compound word, or () when it is none.

    german-nouns' parser finds the nouns a word ends with, one after the other, and names their lemmas
    (`Bewohnerparkausweis` → Bewohner, Parkausweis); a part that is a compound itself is split again, so both
    `parkausweis` and `ausweis` find it. Parts are folded and stemmed as every index term.
    """
    if len(word) < 8 or not word.isalpha():
        return ()
    parts = noun_lexicon().parse_compound(word)
    # The parser also names a noun found inside a word that is none (`Bescheinigung` → Esch, Einigung) or
    # a word without its prefix (`Beförderung` → Förderung). A split counts with two parts at least, none
    # shorter than four letters, the first at the word's start or after a word the lexicon lacks
    # (`Schwerbehindertenausweis` → Behinderte, Ausweis; `Außerbetriebsetzung` → Betrieb, Setzung).
    start = word.lower().find(parts[0].lower()[:4]) if parts else -1
    if len(parts) < 2 or min(map(len, parts)) < 4 or 0 < start < 4:
        return ()
    found = [term for part in parts for term in [*terms(part), *split_compound(part)]]
    return tuple(dict.fromkeys(found))


_ORIGINAL_WORD = re.compile(r"[^\W\d_]+")


def compound_terms(text: str) -> list[str]:
    """The parts of the compound words of a text, as index terms."""
    return [part for word in _ORIGINAL_WORD.findall(text) for part in split_compound(word)]


@cache
def vocabulary() -> tuple[SynonymGroup, ...]:
    """The project's German vocabulary of administrative language (data/vocabulary-de.yaml)."""
    text = (files("rathaus") / "data" / "vocabulary-de.yaml").read_text(encoding="utf-8")
    return tuple(Synonyms.model_validate(yaml.safe_load(text)).synonyms)


def synonym_table(groups: Sequence[SynonymGroup], known: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Shared synonyms for the browser: normalised words (stop words kept: "Ausweis weg") → meant terms.

    With `known` (the index's terms), a group counts only for the meant terms the catalogue has, and not
    at all when it has none: the shipped vocabulary serves every catalogue, the index holds what this one needs.
    """
    table: dict[str, list[str]] = {}
    kept = None if known is None else set(known)
    for group in groups:
        meant = [term for term in terms(group.means) if kept is None or term in kept]
        for phrase in group.words:
            key = " ".join(stem(word) for word in words(phrase))
            if key and meant:
                table[key] = sorted({*table.get(key, []), *meant})
    return table


class TermBuilder(Builder):  # type: ignore[misc]  # lunr.py has no type hints
    """lunr.py's builder for documents whose fields hold index terms already (`terms`), which gathers lunr's
    weights the way index.json keeps them (`postings`).

    lunr's own `add` wraps every term in a token with a deep copy of its metadata, and its `Vector` inserts
    weights one at a time, which took most of building the index. This one records the same term frequencies,
    field lengths and postings directly, and weighs them with lunr's formula in lunr's order of operations
    (tests/test_search.py compares the weights with lunr's own builder's).
    """

    postings: dict[str, dict[str, list[tuple[int, int]]]]
    """Per field and term, each entry that has it (number, ascending) with the term's weight there, in
    thousandths (lunr rounds weights to three places)."""

    def add(self, doc: dict[str, Any], attributes: dict[str, Any] | None = None) -> None:
        ref = str(doc[self._ref])
        self._documents[ref] = attributes or {}
        self.document_count += 1
        for name in self._fields:
            field_terms: list[str] = doc[name]
            field_ref = f"{name}/{ref}"
            self.field_term_frequencies[field_ref] = Counter(field_terms)
            self.field_lengths[field_ref] = len(field_terms)
            for term in self.field_term_frequencies[field_ref]:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = self.inverted_index[term] = {field: {} for field in self._fields}
                posting[name][ref] = {}  # lunr's `idf` counts the entries of a term's posting

    def _create_field_vectors(self) -> None:
        """lunr's BM25 weight of every term in every field, rounded as lunr rounds it, into `postings`."""
        idf_of = {term: Idf(posting, self.document_count) for term, posting in self.inverted_index.items()}
        k1, b = self._k1, self._b
        self.postings = {name: {} for name in self._fields}
        self.field_vectors: dict[str, Any] = {}  # lunr's `Index` takes them; index.json is made of `postings`
        for field_ref, frequencies in self.field_term_frequencies.items():
            if not frequencies:  # an empty field has no weights (and its field may have no length at all)
                continue
            name, ref = field_ref.split("/", 1)
            norm = k1 * (1 - b + b * (self.field_lengths[field_ref] / self.average_field_length[name]))
            boost, doc_boost, number = self._fields[name].boost, self._documents[ref].get("boost", 1), int(ref)
            lists = self.postings[name]
            for term, tf in frequencies.items():
                score = idf_of[term] * ((k1 + 1) * tf) / (norm + tf)
                score *= boost
                score *= doc_boost
                if (postings := lists.get(term)) is None:
                    postings = lists[term] = []
                postings.append((number, round(round(score, 3) * 1000)))

    def _create_token_set(self) -> None:
        """Not needed: the browser finds terms in the sorted term list (search.js)."""
        self.token_set = None


@lru_cache(maxsize=1 << 15)
def index_document(texts: tuple[str, ...]) -> dict[str, list[str]]:
    """An entry's index terms by field (`texts` in the order of FIELDS), and the parts of the compound words of
    its title and synonyms. Kept for texts seen before: a `mkdocs serve` rebuild works on the texts an edit
    changed. Nobody changes what it returns."""
    text_of = dict(zip(FIELDS, texts, strict=True))
    document = {name: terms(text) for name, text in text_of.items()}
    document["parts"] = [part for name in COMPOUND_FIELDS for part in compound_terms(text_of[name])]
    return document


def build_payload(found: Sequence[Entry], synonyms: Sequence[SynonymGroup]) -> dict[str, Any]:
    """The content of search/index.json (search.js `Engine` reads it).

    lunr.py computes the weights (BM25 with field and entry boosts); the file keeps only what a query reads:
    per field, per term (terms in JavaScript's UTF-16 order, so the browser can find prefixes by bisection),
    a posting list "d,w,d,w,…" of entry numbers (as differences) and lunr's weights in thousandths (lunr.py
    rounds them to three places). Strings, not arrays: the browser parses a string in no time and splits only
    the lists a query touches, so loading the index costs one JSON.parse and a table of the terms.
    lunr's own serialisation would hold every posting twice (field vectors and inverted index) and take the
    browser tens of milliseconds to load at 1,000 services (`lunr.Index.load` rebuilds both as objects).
    """
    builder = TermBuilder()
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    for number, entry in enumerate(found):
        document = index_document(tuple(entry.fields.get(name, "") for name in FIELDS))
        builder.add({"ref": str(number), **document}, {"boost": entry.boost})
    builder.build()
    ordered = sorted(builder.inverted_index, key=lambda term: term.encode("utf-16-be"))
    return {
        "format": FORMAT,
        "fields": list(FIELDS),
        "terms": ordered,
        "postings": [[_posting_list(builder.postings[name].get(term, ())) for term in ordered] for name in FIELDS],
        "entries": len(found),
        "chunk": chunk_size(len(found)),
        "stopWords": sorted(stop_words()),
        "synonyms": _merged(synonym_table(vocabulary(), builder.inverted_index), synonym_table(synonyms)),
    }


def _merged(*tables: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for table in tables:
        for key, meant in table.items():
            merged[key] = sorted({*merged.get(key, []), *meant})
    return merged


def _posting_list(postings: Iterable[tuple[int, int]]) -> str:
    """A posting list "d,w,d,w,…": entry numbers ascending, as differences, each with its weight (thousandths)."""
    packed: list[int] = []
    previous = 0
    for doc, weight in postings:
        packed += (doc - previous, weight)
        previous = doc
    return ",".join(map(str, packed))


def chunk_size(entries: int) -> int:
    """Entries per result list file: about CHUNK, the files of equal size.

    Up to 1.5 × CHUNK entries stay in one file, which the browser loads with the index: a second, small
    file would hold the Lebenslagen, offices and pages (they come after the services), and every query that
    shows one of them would wait for another round trip.
    """
    files = max(1, int(entries / CHUNK + 0.5))
    return max(1, -(-entries // files))


def result_chunks(found: Sequence[Entry]) -> list[list[list[str]]]:
    """What the result list shows, in files of `chunk_size` entries: the browser fetches those it shows."""
    rows = [[e.url, e.title, e.summary, e.label, *([e.glance] if e.glance else [])] for e in found]
    size = chunk_size(len(rows))
    return [rows[start : start + size] for start in range(0, len(rows), size)] or [[]]


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def place_table(catalogue: Catalogue) -> dict[str, list[str]]:
    """In a Verbund, the places a query may name (folded as search.js folds them, and postcodes) → [id, name,
    overview URL]: "personalausweis baunatal" finds Baunatal's version of the service. Empty for one city."""
    table: dict[str, list[str]] = {}
    for municipality in catalogue.verbund.municipalities:
        row = [municipality.id, municipality.name, municipality_url(municipality.id)]
        for key in [" ".join(words(municipality.name)), *municipality.postal_codes]:
            table.setdefault(key, row)
    return table


def write_search(site_dir: Path, catalogue: Catalogue, pages: Iterable[ContentPage] = ()) -> list[Path]:
    """Write the index, the result list files and the scripts into search/; return the files written."""
    folder = site_dir / "search"
    folder.mkdir(parents=True, exist_ok=True)
    found = entries(catalogue, pages)
    outputs = {
        "index.json": _json({**build_payload(found, catalogue.synonyms), "places": place_table(catalogue)}),
        **{f"results-{n}.json": _json(chunk) for n, chunk in enumerate(result_chunks(found))},
        "search.js": (files("rathaus") / "data" / "search.js").read_bytes(),
        "stemmer.js": b"\n".join([STEMMER_PRELUDE, *((files("rathaus") / "data" / f).read_bytes() for f in STEMMER)]),
    }
    for name, content in outputs.items():
        (folder / name).write_bytes(content)
    return [folder / name for name in outputs]
