"""Read YAML records safely, keep line marks, and validate them against the models with German messages.

PyYAML's composer gives us nodes with positions; we build plain data from them ourselves so that
- strings stay strings (`NO`, `12:00`, `34117` are text; pydantic converts where a field wants a number),
- duplicate keys and non-standard tags (`!!python/...`) are errors,
- an alias bomb is stopped by a node budget,
and every value's position is known when pydantic reports a field path.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import hmac
import logging
import marshal
import os
import re
import secrets
import stat
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar, cast

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .build.parallel import WORTH_FORKING, chunks, run
from .models import LONG_TEXT_FIELDS
from .problems import Problem

log = logging.getLogger("rathaus")

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 20
"""Records nest four levels deep; far deeper YAML would exhaust Python's recursion."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml (C) parses about ten times faster than PyYAML's Python parser and gives the same nodes and marks.

    Untagged values are text, lists and sections, nothing else: `_scalar` decides null and true/false, the models
    convert the rest. So the resolver that guesses types by matching every value against PyYAML's regular
    expressions is skipped, which makes parsing a third faster. Explicit tags still arrive and are checked.
    """

    TAGS: ClassVar[dict[type[yaml.Node], str]] = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return self.TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass
class Source:
    """Where a record came from: its display path and, found when a problem needs them, its values' positions.

    Positions are only needed to report a problem, which few records have, so they are not kept while loading:
    the first `position` call parses the text again and records them (a third less work for every file).
    """

    path: str
    text: str = field(default="", repr=False)
    _marks: Marks | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def marks(self) -> Marks:
        if self._marks is None:
            self._marks = Marks()
            # A file that does not parse reports its own position; keep what was found until the problem.
            with contextlib.suppress(yaml.YAMLError, _YamlProblem):
                if (node := yaml.compose(self.text, Loader=_Loader)) is not None:
                    _Builder(self._marks).build(node, ())
        return self._marks

    def position(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the deepest known part of `loc`: its value, or its key."""
        marks = self.marks
        if at_key and loc in marks.keys:
            return marks.keys[loc]
        for end in range(len(loc), -1, -1):
            mark = marks.values.get(tuple(loc[:end]))
            if mark:
                return mark
        return (1, 1)

    def problem(self, loc: Loc, message: str, severity: str = "error", *, at_key: bool = False) -> Problem:
        line, column = self.position(loc, at_key=at_key)
        return Problem(self.path, line, column, field_path(loc), message, severity)  # type: ignore[arg-type]


@dataclass
class Marks:
    """Line and column of every value and every key of one file, by field path."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)


@dataclass
class Loaded(Generic[M]):
    """One record file after loading: the record (None when invalid), its source and its problems."""

    record: M | None
    source: Source
    problems: list[Problem]


def field_path(loc: Loc) -> str:
    """`('documents', 2, 'name')` → `documents[2].name`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _YamlProblem(Exception):
    def __init__(self, mark: yaml.Mark | None, loc: Loc, message: str) -> None:
        super().__init__(message)
        self.mark, self.loc, self.message = mark, loc, message


class _Builder:
    """Turns composed YAML nodes into plain Python data; records every position in `marks` when given."""

    def __init__(self, marks: Marks | None = None) -> None:
        self.marks = marks
        self.budget = MAX_NODES

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.budget -= 1
        if len(loc) > MAX_DEPTH:
            raise _YamlProblem(node.start_mark, loc, f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)")
        if self.budget < 0:
            raise _YamlProblem(
                node.start_mark, loc, f"Datei zu groß oder zu tief verschachtelt (mehr als {MAX_NODES} Werte)"
            )
        if node.tag not in STANDARD_TAGS:
            raise _YamlProblem(node.start_mark, loc, f"YAML-Tag {node.tag!r} ist nicht erlaubt")
        if self.marks is not None:
            self.marks.values[loc] = _position(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            data: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _YamlProblem(key_node.start_mark, loc, "Feldnamen müssen einfache Wörter sein")
                key = key_node.value
                if _INVISIBLE.search(key):
                    _check_invisible(key, key_node, loc)
                if key in data:
                    first = next(k for k, _ in node.value if k.value == key).start_mark.line + 1
                    raise _YamlProblem(
                        key_node.start_mark,
                        (*loc, key),
                        f"Feld „{key}“ steht doppelt (zuerst in Zeile {first}); bitte nur einmal angeben",
                    )
                if self.marks is not None:
                    self.marks.keys[(*loc, key)] = _position(key_node.start_mark)
                data[key] = self.build(value_node, (*loc, key))
            return data
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        value = _scalar(cast(yaml.ScalarNode, node))
        if isinstance(value, str) and _INVISIBLE.search(value):
            _check_invisible(value, node, loc)
        return value


_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 control characters except tab and line breaks (NUL, ESC: they reach terminals and CI logs raw),
and bidi marks, embeddings, overrides and isolates, which make text read differently from how it is stored."""
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _check_invisible(text: str, node: yaml.Node, loc: Loc) -> None:
    """Control characters are errors everywhere; bidi controls everywhere but in long text (Markdown)."""
    long_text = bool(loc) and loc[-1] in LONG_TEXT_FIELDS
    for found in _INVISIBLE.finditer(text):
        bidi = _BIDI.match(found.group()) is not None
        if not (bidi and long_text):
            what = "Richtungszeichen" if bidi else "Steuerzeichen"
            raise _YamlProblem(
                node.start_mark,
                loc,
                f"unsichtbares {what} U+{ord(found.group()):04X} an Stelle {found.start() + 1}; bitte entfernen",
            )


def _scalar(node: yaml.ScalarNode) -> Any:
    """Plain `null`/`~`/empty is None, plain `true`/`false` is a bool, everything else stays text."""
    if not node.style:  # plain: None from PyYAML's Python parser, "" from libyaml
        lowered = node.value.lower()
        if lowered in ("", "~", "null"):
            return None
        if lowered in ("true", "false"):
            return lowered == "true"
    return node.value


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def read_yaml(raw: bytes, source: Source) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; return its data or the problems that stop it from being read."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(source.path, 1, 1, "", f"Datei zu groß (über {MAX_FILE_BYTES // 1024} KB)")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(
                source.path,
                line,
                column,
                "",
                f"Datei ist nicht UTF-8-kodiert (Byte 0x{raw[error.start]:02x}); bitte als UTF-8 speichern",
            )
        ]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        # An unclosed quote or bracket is found at the end of the file: point to where it was opened.
        unclosed = (error.problem or "").startswith(_UNCLOSED) and error.context_mark
        mark = error.context_mark if unclosed else error.problem_mark or error.context_mark
        line, column = _position(mark) if mark else (1, 1)
        return None, [Problem(source.path, line, column, "", f"YAML-Syntaxfehler: {yaml_syntax_message(error, text)}")]
    except yaml.YAMLError as error:
        return None, [Problem(source.path, 1, 1, "", f"YAML-Syntaxfehler: {error}")]
    except RecursionError:
        return None, [Problem(source.path, 1, 1, "", f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)")]
    if node is None:
        return None, [Problem(source.path, 1, 1, "", "Datei ist leer")]
    source.text = text
    try:
        return _Builder().build(node, ()), []
    except _YamlProblem as problem:
        line, column = _position(problem.mark) if problem.mark else (1, 1)
        return None, [Problem(source.path, line, column, field_path(problem.loc), problem.message)]


_cache: dict[tuple[str, str, str], Loaded[Any]] = {}
"""Loaded records by model, display path and content hash: `mkdocs serve` re-reads only edited files."""


class ParsedYaml:
    """The plain data of YAML files by content hash, kept in a file between builds in .cache/rathaus/. Parsing
    is four fifths of loading a record (0.2 s of 0.4 s at 1,000 services); an unchanged file is only validated
    again.

    The cache folder is untrusted: a pull request can commit files there. So the file is signed with a key
    that lives outside the repository (`cache_key`), and nothing of it is unpacked before its signature
    matches: what another machine wrote, or anyone who could not read the key, is ignored with a note, and
    `marshal`, which crafted bytes can crash, only ever reads what this machine's builds wrote. Entries are
    the data this module's parser made of a file with that very hash, packed for each file on its own so that
    a file's data is only unpacked while it is validated. A cache of another version of load.py, PyYAML or
    Python is not read either.
    """

    MAGIC = b"rathaus-parsed-yaml 2\n"
    MAX_BYTES = 1 << 30
    """A larger file is not read: no catalogue parses into that much."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.key = cache_key() if path else None
        self.known: dict[str, bytes] = self._read() if path and self.key else {}
        self.used: dict[str, bytes] = {}

    def _read(self) -> dict[str, bytes]:
        assert self.path is not None and self.key is not None
        stored = _read_regular(self.path, self.MAX_BYTES)
        if stored is None:
            return {}
        head, signature, body = stored[: len(self.MAGIC)], stored[len(self.MAGIC) : len(self.MAGIC) + 32], b""
        if head == self.MAGIC:
            body = stored[len(self.MAGIC) + 32 :]
        if head != self.MAGIC or not hmac.compare_digest(signature, self._sign(body)):
            log.warning(
                "%s stammt nicht aus einem Build auf diesem Rechner oder ist beschädigt: nicht verwendet, "
                "die Dateien werden neu gelesen",
                self.path,
            )
            return {}
        stored_version, data = marshal.loads(body)  # signed by us: written by `save` on this machine
        return data if stored_version == _parser_version() else {}

    def _sign(self, body: bytes) -> bytes:
        assert self.key is not None
        return hmac.new(self.key, body, hashlib.sha256).digest()

    def get(self, digest: str) -> Any:
        """The file's data, or None when it was not parsed in the last build."""
        packed = self.known.get(digest)
        if packed is None:
            return None
        self.used[digest] = packed
        return marshal.loads(packed)

    def keep(self, digest: str) -> None:
        """Keep a file's entry without reading it (its record is loaded already)."""
        if digest in self.known:
            self.used[digest] = self.known[digest]

    def put(self, digest: str, packed: bytes) -> None:
        """Keep a file's data, packed with `marshal.dumps`."""
        self.used[digest] = packed

    def save(self) -> None:
        """Keep the data of this build's files (written only when they changed; a folder that cannot be
        written only costs parsing again next time)."""
        if self.path is None or self.key is None or self.used.keys() == self.known.keys():
            return
        body = marshal.dumps((_parser_version(), self.used))
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, saving = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(self.MAGIC + self._sign(body) + body)
                os.replace(saving, self.path)  # replaces a link at that name, never writes through it
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(saving)


def cache_key() -> bytes | None:
    """This user's key for signing caches, made on first use: outside every repository, in the user's cache
    folder ($XDG_CACHE_HOME or ~/.cache). None where none can be kept: then there is no cache."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rathaus"
    path = folder / "cache-key"
    try:
        key = _read_regular(path, 64)
        if key is None:
            folder.mkdir(parents=True, exist_ok=True)
            handle, making = tempfile.mkstemp(dir=folder)
            with os.fdopen(handle, "wb") as file:
                file.write(secrets.token_bytes(32))
            with contextlib.suppress(FileExistsError):
                os.link(making, path)  # published whole, once: a build at the same time reads the same key
            os.unlink(making)
            key = _read_regular(path, 64)
    except OSError:
        return None
    return key if key and len(key) == 32 else None


def _read_regular(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes, or None when it is missing, something else (a folder, a device, a link to
    /dev/zero) or larger than `limit`."""
    try:
        with path.open("rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            data = file.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


@cache
def _parser_version() -> str:
    """What the cached data depends on besides the files: this module's code, PyYAML, Python and marshal."""
    source = Path(__file__).read_bytes()
    return hashlib.sha256(source + f"{yaml.__version__} {sys.version} {marshal.version}".encode()).hexdigest()


Item = tuple[Path, str, type[BaseModel]]
"""A record file to load: its path, its display path (`services/x.yaml`) and its model."""


def read_record_file(path: Path, display: str) -> bytes | Problem:
    """A record file's bytes, read without following it anywhere a file should not lead: a folder, a device
    such as /dev/zero, a pipe or a file larger than `MAX_FILE_BYTES` gives a problem instead, after reading at
    most that much."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return Problem(display, 1, 1, "", "Datei nicht gefunden (Verknüpfung ins Leere?)")
    except IsADirectoryError:
        return Problem(display, 1, 1, "", "ist ein Ordner, keine Datei")
    except PermissionError:
        return Problem(display, 1, 1, "", "Datei kann nicht gelesen werden (keine Leserechte)")
    except OSError as error:
        return Problem(display, 1, 1, "", f"Datei kann nicht gelesen werden ({error.strerror})")
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            return Problem(display, 1, 1, "", "ist ein Ordner, keine Datei")
        if not stat.S_ISREG(info.st_mode):
            return Problem(display, 1, 1, "", "keine gewöhnliche Datei (Gerät, Pipe oder Socket)")
        raw = file.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        return Problem(display, 1, 1, "", f"Datei zu groß (über {MAX_FILE_BYTES // 1024} KB)")
    return raw


def load_record(path: Path, display: str, model: type[M], parsed: ParsedYaml | None = None) -> Loaded[M]:
    """Load and validate one record file (cached by content)."""
    return load_records([(path, display, model)], parsed=parsed)[0]


def load_records(items: Sequence[Item], workers: int = 1, parsed: ParsedYaml | None = None) -> list[Loaded[Any]]:
    """Load and validate record files, each once per content; many new ones on up to `workers` processes.
    With `parsed`, files parsed in an earlier build are only validated, and what is parsed now is added."""
    read = [read_record_file(path, display) for path, display, _ in items]
    unreadable: dict[int, Loaded[Any]] = {
        i: Loaded(None, Source(items[i][1]), [r]) for i, r in enumerate(read) if isinstance(r, Problem)
    }
    raws = [r if isinstance(r, bytes) else b"" for r in read]
    digests = [hashlib.sha256(raw).hexdigest() for raw in raws]
    keys = [(model.__name__, display, digest) for (_, display, model), digest in zip(items, digests, strict=True)]
    current, displays = set(keys), {display for _, display, _ in items}
    for key in [k for k in _cache if k[1] in displays and k not in current]:
        del _cache[key]  # an edited file's earlier version
    parsed = parsed or ParsedYaml(None)
    new = []
    for index, key in enumerate(keys):
        if index in unreadable:
            continue
        if key in _cache:
            parsed.keep(digests[index])
            continue
        data = parsed.get(digests[index])
        if data is None:
            new.append(index)
            continue
        (path, display, model), raw = items[index], raws[index]
        _cache[key] = _validate(data, Source(display, raw.decode("utf-8-sig")), model, path.stem)
    pieces = chunks(new, CHUNK)
    jobs = [partial(_load_chunk, [(raws[i], items[i][1], items[i][2], items[i][0].stem) for i in c]) for c in pieces]
    for chunk, results in zip(pieces, run(jobs, workers if len(new) >= WORTH_FORKING else 1), strict=True):
        for index, (loaded, packed) in zip(chunk, results, strict=True):
            _cache[keys[index]] = loaded
            if packed is not None:
                parsed.put(digests[index], packed)
    return [unreadable.get(index) or _cache[key] for index, key in enumerate(keys)]


CHUNK = 100
"""Files a worker loads at a time."""


def _load_chunk(files: list[tuple[bytes, str, type[BaseModel], str]]) -> list[tuple[Loaded[Any], bytes | None]]:
    return [_load(*file) for file in files]


def _load(raw: bytes, display: str, model: type[M], stem: str) -> tuple[Loaded[M], bytes | None]:
    """One file parsed and validated, with the data it was parsed into, packed for `ParsedYaml` (None when it
    could not be parsed)."""
    source = Source(display)
    data, problems = read_yaml(raw, source)
    if data is None:
        return Loaded(None, source, problems), None
    return _validate(data, source, model, stem), marshal.dumps(data)


def _validate(data: Any, source: Source, model: type[M], stem: str) -> Loaded[M]:
    problems: list[Problem] = []
    record = None
    if not isinstance(data, dict):
        problems.append(source.problem((), "Die Datei muss Felder enthalten (key: value), keine Liste oder Text"))
    else:
        try:
            record = model.model_validate(data)
        except ValidationError as error:
            problems.extend(_translate(error, source, model))
        record_id = getattr(record, "id", stem)
        if record is not None and record_id != stem:
            problems.append(
                source.problem(("id",), f"Kennung „{record_id}“ passt nicht zum Dateinamen; erwartet „{stem}“")
            )
            record = None
    return Loaded(record, source, problems)


def _translate(error: ValidationError, source: Source, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        at_key = item["type"] == "extra_forbidden"
        problems.append(source.problem(loc, german_message(item, loc, model), at_key=at_key))
    return problems


_UNCLOSED = ("found unexpected end of stream", "did not find expected ',' or ']'", "did not find expected ',' or '}'")
"""libyaml's messages for a quote or bracket that is not closed (it notices where the text goes on wrongly)."""
TAB_MESSAGE = "Tabulator zum Einrücken; bitte mit Leerzeichen einrücken"
_SYNTAX_MESSAGES = {
    "found a tab character": TAB_MESSAGE,
    "mapping values are not allowed": "Doppelpunkt an unerwarteter Stelle: ist die Zeile zu weit eingerückt, oder "
    "steht ein Text mit „: “ ohne Anführungszeichen da? Solchen Text bitte in Anführungszeichen setzen",
    "found unexpected end of stream": "Anführungszeichen nicht geschlossen: ein Text, der mit \" oder ' beginnt, "
    "muss mit demselben Zeichen enden",
    "did not find expected key": "Einrückung passt nicht: erwartet ein Feld (Feldname: Wert), so weit eingerückt "
    "wie die Felder darüber",
    "did not find expected '-' indicator": "Einrückung passt nicht: jeder Listeneintrag beginnt mit „- “, "
    "so weit eingerückt wie die Einträge darüber",
    "could not find expected ':'": "Doppelpunkt fehlt: erwartet „Feldname: Wert“, mit einem Leerzeichen nach dem "
    "Doppelpunkt; ein mehrzeiliger Text gehört eingerückt unter „Feldname: |“",
    "found undefined alias": "ein Wert beginnt mit „*“ (in YAML ein Verweis); solchen Text bitte in "
    "Anführungszeichen setzen",
    "did not find expected ',' or ']'": "eckige Klammer nicht geschlossen: eine Liste in [ … ] endet mit ]",
    "did not find expected ',' or '}'": "geschweifte Klammer nicht geschlossen: { … } endet mit }",
    "found character that cannot start any token": "ein Wert beginnt mit einem Zeichen, das YAML reserviert "
    "(@, `, % oder ähnlich); solchen Text bitte in Anführungszeichen setzen",
    "but found another document": "mehr als ein Dokument in der Datei (Zeile „---“); ein Eintrag je Datei",
}
"""libyaml's message (its start) → what to do, in German: the mistakes editors make most."""


def yaml_syntax_message(error: yaml.MarkedYAMLError, text: str) -> str:
    """A YAML syntax error in German; one this table does not know keeps libyaml's words in brackets."""
    problem, mark = error.problem or "", error.problem_mark
    if mark is not None:
        lines = text.split("\n")
        line = lines[mark.line] if mark.line < len(lines) else ""
        if line[mark.column : mark.column + 1] == "\t":  # libyaml names a tab only in some places
            return TAB_MESSAGE
    for start, message in _SYNTAX_MESSAGES.items():
        if problem.startswith(start):
            return message
    return f"ungültiges YAML ({problem})" if problem else "ungültiges YAML"


_PATTERN_MESSAGES = {
    r"^[0-9]{14}$": "LeiKa-Schlüssel aus genau 14 Ziffern erwartet",
    r"^[0-9]{5}$": "Postleitzahl aus 5 Ziffern erwartet",
    r"^[0-9]{8}$": "Amtlicher Gemeindeschlüssel aus genau 8 Ziffern erwartet (z. B. 06611000)",
    r"^[0-9]{12}$": "Amtlicher Regionalschlüssel aus genau 12 Ziffern erwartet (z. B. 066110000000)",
}
_SIMPLE_MESSAGES = {
    "missing": "Pflichtfeld fehlt",
    "string_type": "Text erwartet",
    "list_type": "Liste erwartet (jeder Eintrag in einer eigenen Zeile, beginnend mit „- “)",
    "model_type": "Abschnitt mit Feldern erwartet (Feldname: Wert)",
    "model_attributes_type": "Abschnitt mit Feldern erwartet (Feldname: Wert)",
    "dict_type": "Abschnitt mit Feldern erwartet (Feldname: Wert)",
    "bool_type": "true oder false erwartet",
    "bool_parsing": "true oder false erwartet",
    "int_type": "ganze Zahl erwartet",
    "int_parsing": "ganze Zahl erwartet",
    "float_type": "Zahl erwartet (z. B. 51.3127)",
    "float_parsing": "Zahl erwartet (z. B. 51.3127)",
    "decimal_type": "Betrag als Zahl erwartet (z. B. 37.00)",
    "decimal_parsing": "Betrag als Zahl erwartet (z. B. 37.00)",
    "date_type": "Datum im Format JJJJ-MM-TT erwartet (z. B. 2026-11-25)",
    "date_parsing": "Datum im Format JJJJ-MM-TT erwartet (z. B. 2026-11-25)",
    "date_from_datetime_parsing": "Datum im Format JJJJ-MM-TT erwartet (z. B. 2026-11-25)",
    "date_from_datetime_inexact": "Datum im Format JJJJ-MM-TT erwartet (z. B. 2026-11-25)",
    "value_error": "ungültiger Wert",
}


def german_message(item: ErrorDetails, loc: Loc, model: type[BaseModel]) -> str:
    """What pydantic found wrong, in German, for editors (also used by importers for what they leave out)."""
    kind, ctx = item["type"], item.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_field(loc, model)
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return _PATTERN_MESSAGES.get(
            pattern, "Kennung erwartet: nur Kleinbuchstaben a–z, Ziffern und Bindestriche (z. B. buergeramt)"
        )
    if kind == "string_too_short":
        return f"Text zu kurz (mindestens {ctx.get('min_length')} Zeichen)"
    if kind == "string_too_long":
        return f"Text zu lang (höchstens {ctx.get('max_length')} Zeichen)"
    if kind in ("greater_than_equal", "greater_than"):
        return f"Wert muss mindestens {ctx.get('ge', ctx.get('gt'))} sein"
    if kind in ("less_than_equal", "less_than"):
        return f"Wert darf höchstens {ctx.get('le', ctx.get('lt'))} sein"
    if kind == "literal_error":
        return f"unbekannter Wert; erlaubt: {ctx.get('expected', '')}"
    if kind == "value_error" and "email" in str(item.get("msg", "")).lower():
        return "keine gültige E-Mail-Adresse (erwartet z. B. buergeramt@stadt.example)"
    if kind in _SIMPLE_MESSAGES:
        found = item.get("input")
        suffix = f", gefunden: {_describe(found)}" if kind.endswith("_type") and kind != "missing" else ""
        return _SIMPLE_MESSAGES[kind] + suffix
    # Our own validators raise PydanticCustomError with German text already.
    return str(item.get("msg", "ungültiger Wert"))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "Abschnitt mit Feldern"
    if isinstance(value, list):
        return "Liste"
    if value is None:
        return "nichts"
    return f"„{value}“"


def _unknown_field(loc: Loc, model: type[BaseModel]) -> str:
    name = str(loc[-1])
    allowed = list(_model_at(model, loc[:-1]).model_fields)
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return f"unbekanntes Feld „{name}“ – meinten Sie „{close[0]}“?"
    return f"unbekanntes Feld „{name}“; erlaubt: {', '.join(allowed)}"


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel]:
    """The nested model class that a field path points into (for listing its allowed fields)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation
        current = _inner_model(annotation) or current
    return cast(type[BaseModel], current)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found:
            return found
    return None


def suggest(name: str, choices: list[str]) -> str:
    """` – meinten Sie „x“?` when a close match exists, else an empty string."""
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f" – meinten Sie „{close[0]}“?" if close else ""
