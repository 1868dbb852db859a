"""Reading YAML files into models, keeping the line of every value.

PyYAML's CSafeLoader builds the node tree (fast, safe); we turn nodes into plain Python
ourselves so that we can remember where each value was written, refuse duplicate keys
(PyYAML silently keeps the last one) and refuse aliases (group files never need them,
and they are how "billion laughs" bombs work).
"""

from __future__ import annotations

import re
import stat
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .problems import Problem, field_path, suggest

MAX_BYTES = 64 * 1024
Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = {
    _CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


class _Loader(yaml.CSafeLoader):
    """CSafeLoader with YAML 1.2-style scalars.

    YAML 1.1 reads `10:00` as the number 600, `no` as false and `0161` as octal. Volunteers
    write opening times and language codes like that, so here only true/false are booleans
    and numbers are plain decimals.
    """


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in {_CORE + "bool", _CORE + "int", _CORE + "float"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _CORE + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    _CORE + "int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    _CORE + "float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
_SCALARS = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """A parsed file: its data and the line where each value (by location) was written."""

    path: str
    data: Any = None
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[Loc] = field(default_factory=set)  # already reported; skip model errors

    def line_of(self, loc: Loc) -> int:
        for end in range(len(loc), 0, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1

    def problem(self, loc: Loc, message: str, line: int | None = None) -> None:
        line = self.line_of(loc) if line is None else line
        self.problems.append(Problem(self.path, line, field_path(loc), message))


def _line(mark: Any) -> int:
    return mark.line + 1 if mark is not None else 1


def read_document(file: Path, shown_as: str, root: Path | None = None) -> Document:
    """Parse one YAML file. Problems are collected in the document, never raised.

    Only a regular file inside `root` is opened, and at most MAX_BYTES + 1 of it read: a
    symlink to /dev/zero, a FIFO or a file elsewhere on the machine is refused unread.
    """
    raw, refused = read_bytes(file, root)
    if refused:
        return Document(shown_as, problems=[Problem(shown_as, 1, "", refused)])
    return parse_document(raw, shown_as)


def read_bytes(file: Path, root: Path | None, limit: int = MAX_BYTES) -> tuple[bytes, str | None]:
    """A file's bytes, or why it was not read: never more than `limit` + 1 bytes."""
    refused = _unsafe(file, root)
    if refused:
        return b"", refused
    try:
        with file.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        return b"", f"cannot be read ({error})"
    if len(raw) > limit:
        return b"", f"is over {limit:,} bytes, the limit; shorten it"
    return raw, None


def _unsafe(file: Path, root: Path | None) -> str | None:
    """Why `file` must not be opened, or None."""
    try:
        if root is not None and not file.resolve().is_relative_to(root.resolve()):
            return "is a link to a file outside the repository; put the file itself here"
        if not stat.S_ISREG(file.stat().st_mode):
            return "is not a regular file; put a plain text file here"
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
        return f"cannot be read ({error})"
    return None


def parse_document(raw: bytes, shown_as: str) -> Document:
    """Parse YAML bytes as if read from the file `shown_as`."""
    doc = Document(shown_as)
    if len(raw) > MAX_BYTES:
        doc.problems.append(
            Problem(shown_as, 1, "", f"is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
        )
        return doc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        doc.problems.append(
            Problem(
                shown_as,
                line,
                "",
                f"byte 0x{raw[error.start]:02x} at column {column} is not UTF-8; "
                "save the file as UTF-8",
            )
        )
        return doc
    try:
        too_deep = _too_deep(text)
        if too_deep:
            doc.problems.append(Problem(shown_as, *too_deep))
            return doc
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        doc.problems.append(Problem(shown_as, *_yaml_message(error, text.splitlines())))
        return doc
    except yaml.YAMLError as error:  # the reader refuses control characters
        position = getattr(error, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        character = getattr(error, "character", None)  # an int from libyaml, a str from Python
        code = ord(character) if isinstance(character, str) and character else character
        code = f"U+{code:04X}" if isinstance(code, int) else "?"
        message = f"invisible control character {code} at column {column}; delete it"
        doc.problems.append(Problem(shown_as, line, "", message))
        return doc
    if node is None:
        doc.problems.append(
            Problem(shown_as, 1, "", "is empty; copy an existing file as a starting point")
        )
        return doc
    doc.data = _Builder(doc).value(node, ())
    return doc


# A group file nests four levels at most (sessions[0].weeks_of_month[0]). Composing, and
# turning nodes into values, recurse once per level, so a file of 500 `[` would end in
# RecursionError: the depth is measured from the parser's events, which do not recurse.
MAX_DEPTH = 12
_OPENING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _too_deep(text: str) -> tuple[int, str, str] | None:
    """(line, field, message) when lists and mappings nest deeper than MAX_DEPTH."""
    indent = max((len(t) - len(t.lstrip(" -")) for t in text.splitlines()), default=0)
    if text.count("[") + text.count("{") <= MAX_DEPTH and indent <= 2 * MAX_DEPTH:
        return None  # cannot be that deep; skip the second parse
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                message = (
                    f"lists and mappings nest more than {MAX_DEPTH} levels deep here; "
                    "a group file needs four at most"
                )
                return _line(event.start_mark), "", message
        elif isinstance(event, _CLOSING):
            depth -= 1
    return None


_QUOTE_FIX = "put the whole value in quotes"


def _yaml_message(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str, str]:
    """(line, field, message): the parser's complaint in plain words, on the line to fix."""
    problem = error.problem or str(error)
    context = error.context or ""
    line = _line(error.problem_mark)
    start = _line(error.context_mark) if error.context_mark else line

    def text(number: int) -> str:
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def indent(number: int) -> int:
        return len(text(number)) - len(text(number).lstrip())

    here = text(line)
    if "\t" in here[: indent(line)]:
        return line, "", "a tab is used for indentation; YAML needs spaces (two per level)"
    if "expected a single document" in context + problem:
        return line, "", "holds more than one document (---); one group per file"
    if "quoted scalar" in context:
        mark = error.context_mark
        quote = text(start)[mark.column] if mark and mark.column < len(text(start)) else '"'
        return start, "", f"a quote was opened and not closed; end the value with {quote}"
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "]" if "sequence" in context else "}"
        return start, "", f"a list in brackets is not closed; end it with {bracket}"
    if "cannot start any token" in problem or "alias" in context or "directive" in context:
        first = here.split(":", 1)[-1].strip()[:1] or here.strip()[:1]
        return line, "", f"a value cannot start with {first}; {_QUOTE_FIX}"
    if "simple key" in context:
        return (
            start,
            "",
            (
                "this line has no colon; write field: value, or indent it if it continues the "
                "text above"
            ),
        )
    previous = next((n for n in range(line - 1, 0, -1) if text(n).strip()), 0)
    if "mapping values are not allowed" in problem:
        value = here.split(": ", 1)[1] if ": " in here else ""
        if ":" in value:
            return line, "", f"this value has a colon in it; {_QUOTE_FIX}"
        if previous and ": " not in text(previous) and not text(previous).rstrip().endswith(":"):
            return previous, "", "this line needs a space after the colon, like name: value"
        if previous and indent(line) > indent(previous):
            return (
                line,
                "",
                (
                    "this line is indented further than the one above; line it up with the "
                    "fields around it (two spaces per level)"
                ),
            )
    if "expected key" in problem or "expected '-' indicator" in problem:
        if here.lstrip().startswith("- "):
            return (
                line,
                "",
                ("a list item (- ) is where a field was expected; indent it under its field"),
            )
        closing = re.match(r"""^\s*[^:#]+:\s*(["'])(?:(?!\1).)*\1\s*[^\s#]""", here)
        if closing:
            return line, "", "there is text after the closing quote; put it inside the quotes"
        return (
            line,
            "",
            (
                "this line's indentation does not match the lines above; line it up with the "
                "fields at its level (two spaces per level)"
            ),
        )
    where = f" {context}" if context else ""
    return line, "", f"YAML could not read this line ({problem}{where}); compare it with the guide"


class _Builder:
    """Turns a node tree into dicts, lists and scalars, recording lines and problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.seen: set[int] = set()

    def value(self, node: yaml.Node, loc: Loc) -> Any:
        self.doc.lines.setdefault(loc, _line(node.start_mark))
        if id(node) in self.seen:
            return self.refuse(loc, "YAML aliases (*name) are not allowed; write the value out")
        self.seen.add(id(node))
        if node.tag not in ALLOWED_TAGS:
            return self.refuse(loc, f"YAML tag {node.tag!r} is not allowed; write plain values")
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*loc, i)) for i, item in enumerate(node.value)]
        try:
            return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
        except (ValueError, yaml.YAMLError) as error:
            self.doc.unreadable.add(loc)
            if node.tag == _CORE + "timestamp":
                self.doc.problem(loc, f"{node.value} is not a real date; write it like 2026-09-14")
            else:
                self.doc.problem(loc, f"{node.value!r} cannot be read ({error})")
            return None

    def refuse(self, loc: Loc, message: str, line: int | None = None) -> None:
        """Report a value we will not read; the model's complaints about it would be noise."""
        self.doc.problem(loc, message, line)
        self.doc.unreadable.add(loc)

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = _line(key_node.start_mark)
            if key_node.tag == _CORE + "merge":
                self.refuse(loc, "YAML merge keys (<<) are not allowed; write each field", key_line)
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _CORE + "str":
                self.doc.problem(loc, f"{_show(key_node)} is not a field name", key_line)
                continue
            key = key_node.value
            here = (*loc, key)
            if key in result:
                message = f"appears twice (first on line {first_line[key]}); keep one"
                self.doc.problem(here, message, key_line)
                continue
            first_line[key] = key_line
            self.doc.lines[here] = key_line
            result[key] = self.value(value_node, here)
        return result


def _show(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return repr(node.value)
    return "a list or mapping"


# --- from data to models -----------------------------------------------------------------


def to_model(doc: Document, model: type[M]) -> M | None:
    """Validate a parsed document as `model`, adding readable problems to the document."""
    if doc.data is None and doc.problems:
        return None
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__ if doc.data is not None else "empty"
        doc.problem((), f"should be a mapping of field: value lines, not a {kind} value")
        return None
    try:
        instance = model.model_validate(doc.data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            loc = tuple(p for p in detail["loc"] if not (isinstance(p, str) and "[" in p))
            if not any(loc[: len(bad)] == bad for bad in doc.unreadable):
                doc.problem(loc, _message(model, loc, detail))
        return None
    return None if doc.problems else instance


def _inner_models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _inner_models(arg)


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that holds the fields at `loc` (used for suggestions and hints)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = next(_inner_models(info.annotation), None) if info else None
    return current


def _given(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "nothing"
    return repr(value) if not isinstance(value, str) else f"{value!r}"


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with - )",
    "model_type": "a mapping of field: value lines",
    "model_attributes_type": "a mapping of field: value lines",
    "dict_type": "a mapping of field: value lines",
    "date_type": "a date like 2026-09-14",
    "date_from_datetime_inexact": "a date like 2026-09-14 (no time)",
    "date_parsing": "a date like 2026-09-14",
}


def _message(model: type[BaseModel], loc: Loc, detail: dict[str, Any]) -> str:
    kind = detail["type"]
    given = detail.get("input")
    holder = model_at(model, loc[:-1]) if loc else model
    name = loc[-1] if loc else ""
    if kind == "missing":
        info = holder.model_fields.get(name) if holder and isinstance(name, str) else None
        hint = f" ({info.description})" if info and info.description else ""
        return f"is required{hint}"
    if kind == "extra_forbidden":
        known = list(holder.model_fields) if holder else []
        return f"is not a field we know{suggest(str(name), known)} Fields here: {', '.join(known)}"
    if kind == "literal_error":
        choices = [str(c).strip("'") for c in re.findall(r"'[^']*'", detail["msg"])]
        return f"{_given(given)} is not one of: {', '.join(choices)}{suggest(str(given), choices)}"
    if kind in _TYPE_WORDS:
        return f"should be {_TYPE_WORDS[kind]}, not {_given(given)}"
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(detail.get("ctx", {})):
        return f"{_given(given)} should be lower-case words joined by hyphens, e.g. older-people"
    if kind == "string_too_long":
        return f"is {len(given)} characters; the limit is {detail['ctx']['max_length']}"
    if kind in ("too_short", "string_too_short"):
        return "is empty; give at least one value" if kind == "too_short" else "is empty"
    message = detail["msg"]
    return re.sub(r"^(Input|Value) should", "should", message)


def read_model(
    file: Path, shown_as: str, model: type[M], root: Path | None = None
) -> tuple[M | None, Document]:
    doc = read_document(file, shown_as, root)
    return to_model(doc, model), doc
