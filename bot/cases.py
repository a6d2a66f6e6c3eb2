"""Practice cases: the Points of one side of an article and the article's counterarguments.

A case is a TOML file (see ``data/cases/north-korea.toml``). Loading validates it
completely, so that everything downstream can trust the dataclasses: a missing
field, a wrong type, a duplicate id or a Point without counterarguments is a
:class:`CaseError` naming the file, the Point and the field.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .case_source import ArticleSource, read_source_table
from .text import has_content

#: Case and counterargument ids: lowercase slugs, safe in file names, URLs and custom ids.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
#: Limits that keep a case usable in Discord (25 embed fields) and cheap to load.
MAX_FILE_BYTES = 256 * 1024
MAX_POINTS = 20
MAX_COUNTERARGUMENTS = 20
MAX_TEXT = 1000
#: A counterargument's label names it where space is short (a result's covered lines): one glance.
MAX_LABEL = 40
#: Text that would ping people or break an embed when shown.
_FORBIDDEN = re.compile(r"@everyone|@here|<@[!&]?\d+>|<#\d+>|```")


class CaseError(ValueError):
    """A case file is malformed. ``str()`` names the file (and line, when known), the Point and the field."""

    def __init__(
        self, source: str, problem: str, *, point: int | None = None, field: str | None = None, line: int | None = None
    ):
        self.source = source
        self.problem = problem
        self.point = point
        self.field = field
        self.line = line
        where = [source if line is None else f"{source}:{line}"]
        if point is not None:
            where.append(f"Point {point}")
        if field is not None:
            where.append(f"field '{field}'")
        super().__init__(f"{': '.join(where)}: {problem}")


class UnknownCaseError(LookupError):
    """No case with that id; ``available`` lists the ids that exist."""

    def __init__(self, case_id: str, available: Iterable[str]):
        self.case_id = case_id
        self.available = sorted(available)
        super().__init__(f"There is no case '{case_id}'. Available: {', '.join(self.available) or 'none'}.")


class UnknownPointError(LookupError):
    """The case has no Point with that number; ``available`` lists the numbers it has."""

    def __init__(self, case_id: str, number: int, available: Iterable[int]):
        self.case_id = case_id
        self.number = number
        self.available = sorted(available)
        listed = ", ".join(str(n) for n in self.available)
        super().__init__(f"Case '{case_id}' has no Point {number}. Its Points are: {listed}.")


@dataclass(frozen=True)
class Counterargument:
    """One claim the article makes against a Point. ``label`` is its short name (at most
    :data:`MAX_LABEL` characters); without one it is the start of the summary."""

    id: str
    summary: str
    hint: str
    source: tuple[str, ...]
    phrasings: tuple[str, ...]
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", label_from(self.summary))


#: A first clause shorter than this ("Evidence") is no name on its own.
MIN_CLAUSE = 12


def label_from(summary: str) -> str:
    """A short name from a summary: its first clause (up to a colon, semicolon, dash or
    bracket), cut at a word to :data:`MAX_LABEL` characters."""
    summary = " ".join(summary.split())
    clause = re.split(r"[:;(]| [-\u2013\u2014] ", summary, maxsplit=1)[0].strip(" ,.")
    if len(clause) < MIN_CLAUSE:  # "Evidence: ..." names nothing; the summary itself does
        clause = summary
    if len(clause) <= MAX_LABEL:
        return clause
    cut = clause[: MAX_LABEL - 1].rsplit(" ", 1)[0] if " " in clause[: MAX_LABEL - 1] else clause[: MAX_LABEL - 1]
    return cut.rstrip(" ,;:.-") + "…"


@dataclass(frozen=True)
class Point:
    """A claim of the side the bot presents, with the article's counterarguments to it."""

    number: int
    claim: str
    context: str
    counterarguments: tuple[Counterargument, ...]
    #: The article's argument around this Point in the case author's words, shown by `article`
    #: where the article's text cannot be shipped; "" when the case has none.
    summary: str = ""


@dataclass(frozen=True)
class Case:
    """A whole practice case. ``version`` changes whenever the file's content changes."""

    id: str
    title: str
    attribution: str
    side: str
    points: tuple[Point, ...]
    version: str
    #: Groups of names or phrases that mean the same in this case ("Seoul", "South Korea", "SK").
    synonyms: tuple[tuple[str, ...], ...] = ()
    #: The article: title, author, date, link, license, and its text where that may be shipped.
    source: ArticleSource = ArticleSource()

    def point(self, number: int) -> Point:
        """The Point with this number, or :class:`UnknownPointError`."""
        for point in self.points:
            if point.number == number:
                return point
        raise UnknownPointError(self.id, number, (p.number for p in self.points))


# --- loading ----------------------------------------------------------------------


def load_case_file(path: Path) -> Case:
    """Read and validate one case file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CaseError(str(path), f"cannot read the file ({exc.strerror or exc})") from None
    return parse_case(raw, source=str(path))


def parse_case(raw: bytes | str, *, source: str = "<case>") -> Case:
    """Parse and validate case TOML. ``source`` names the origin in error messages."""
    data_bytes = raw.encode("utf-8") if isinstance(raw, str) else raw
    if len(data_bytes) > MAX_FILE_BYTES:
        raise CaseError(source, f"the file is {len(data_bytes) // 1024} KB; the limit is {MAX_FILE_BYTES // 1024} KB")
    try:
        data = tomllib.loads(data_bytes.decode("utf-8"))
    except UnicodeDecodeError:
        raise CaseError(source, "the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise CaseError(source, f"not valid TOML ({exc})") from None
    except RecursionError:  # tomllib recurses once per level of nested arrays or tables
        raise CaseError(source, "not a case file: its arrays or tables are nested too deeply to read") from None
    version = hashlib.sha256(data_bytes).hexdigest()[:12]
    return _CaseReader(source, data_bytes.decode("utf-8")).read(data, version)


class _CaseReader:
    """Turns the parsed TOML into dataclasses, with errors that say exactly where."""

    def __init__(self, source: str, text: str = ""):
        self.source = source
        # Line numbers of the [[points]] and [[points.counterarguments]] headers, so
        # errors can say where; the TOML parser keeps no positions of its own.
        self._point_lines: list[int] = []
        self._argument_lines: list[list[int]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            header = line.strip().replace(" ", "")
            if header == "[[points]]":
                self._point_lines.append(number)
                self._argument_lines.append([])
            elif header == "[[points.counterarguments]]" and self._argument_lines:
                self._argument_lines[-1].append(number)
        self._point_index = 0
        self._argument_index = 0
        self._source_line = next(
            (n for n, line in enumerate(text.splitlines(), start=1) if line.strip().replace(" ", "") == "[source]"),
            None,
        )

    def fail(self, problem: str, *, point: int | None = None, field: str | None = None) -> CaseError:
        return CaseError(self.source, problem, point=point, field=field, line=self._line())

    def _line(self) -> int | None:
        if not self._point_index or self._point_index > len(self._point_lines):
            return None
        arguments = self._argument_lines[self._point_index - 1]
        if self._argument_index and self._argument_index <= len(arguments):
            return arguments[self._argument_index - 1]
        return self._point_lines[self._point_index - 1]

    def text(self, table: dict[str, Any], key: str, *, point: int | None = None, prefix: str = "") -> str:
        name = prefix + key
        if key not in table:
            raise self.fail("is missing", point=point, field=name)
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail("must be non-empty text", point=point, field=name)
        self.check_content(value, point=point, field=name)
        return value.strip()

    def check_content(self, value: str, *, point: int | None, field: str) -> None:
        if len(value) > MAX_TEXT:
            raise self.fail(f"is {len(value)} characters; the limit is {MAX_TEXT}", point=point, field=field)
        found = _FORBIDDEN.search(value)
        if found:
            raise self.fail(
                f"contains '{found.group(0)}', which would ping people or break a Discord message",
                point=point,
                field=field,
            )

    def texts(self, table: dict[str, Any], key: str, *, point: int, prefix: str, required: bool) -> tuple[str, ...]:
        name = prefix + key
        if key not in table:
            if required:
                raise self.fail("is missing", point=point, field=name)
            return ()
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail("must be a list of non-empty texts", point=point, field=name)
        if required and not value:
            raise self.fail("must have at least one entry", point=point, field=name)
        for entry in value:
            self.check_content(entry, point=point, field=name)
        return tuple(v.strip() for v in value)

    def read(self, data: dict[str, Any], version: str) -> Case:
        case_id = self.text(data, "id")
        if not ID_PATTERN.match(case_id):
            raise self.fail(
                f"'{case_id}' is not a valid id (lowercase letters, digits and dashes, at most 64)",
                field="id",
            )
        title = self.text(data, "title")
        attribution = self.text(data, "attribution")
        side = self.text(data, "side")
        raw_points = data.get("points")
        if not isinstance(raw_points, list) or not raw_points:
            raise self.fail("must have at least one [[points]] table", field="points")
        if len(raw_points) > MAX_POINTS:
            raise self.fail(f"has {len(raw_points)} Points; the limit is {MAX_POINTS}", field="points")

        points: list[Point] = []
        seen_numbers: set[int] = set()
        seen_ids: set[str] = set()
        for index, raw_point in enumerate(raw_points, start=1):
            self._point_index, self._argument_index = index, 0
            point = self.read_point(raw_point, index, seen_ids)
            if point.number in seen_numbers:
                raise self.fail("duplicate Point number", point=point.number, field="number")
            seen_numbers.add(point.number)
            points.append(point)
        self._point_index = self._argument_index = 0  # later fields are top-level again
        return Case(
            case_id, title, attribution, side, tuple(points), version, self.read_synonyms(data), self.read_source(data)
        )

    def read_source(self, data: dict[str, Any]) -> ArticleSource:
        """The optional ``[source]`` table (see :mod:`bot.case_source`); its errors point at its header."""

        def fail(problem: str, field: str) -> CaseError:
            return CaseError(self.source, problem, field=field, line=self._source_line)

        def check_content(value: str, field: str) -> None:
            found = _FORBIDDEN.search(value)
            if found:
                raise fail(f"contains '{found.group(0)}', which would ping people or break a Discord message", field)

        return read_source_table(data.get("source"), fail, check_content)

    def read_synonyms(self, data: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
        raw = data.get("synonyms", [])
        if not isinstance(raw, list) or not all(
            isinstance(group, list) and len(group) >= 2 and all(isinstance(v, str) and v.strip() for v in group)
            for group in raw
        ):
            raise self.fail("must be a list of groups, each a list of two or more texts", field="synonyms")
        return tuple(tuple(v.strip() for v in group) for group in raw)

    def read_point(self, raw: Any, index: int, seen_ids: set[str]) -> Point:
        if not isinstance(raw, dict):
            raise self.fail(f"points entry {index} must be a table", field="points")
        number = raw.get("number")
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise self.fail(f"points entry {index} needs a positive whole 'number'", point=None, field="number")
        claim = self.text(raw, "claim", point=number)
        # optional: an article may answer a claim without granting or setting out anything first
        context = self.text(raw, "context", point=number) if raw.get("context", "") != "" else ""
        if not (has_content(claim) or has_content(context)):
            raise self.fail(
                f"'{claim[:60]}' has no content words (and no context that has): say what the other side claims",
                point=number,
                field="claim",
            )
        raw_args = raw.get("counterarguments")
        if not isinstance(raw_args, list) or not raw_args:
            raise self.fail("has no counterarguments", point=number, field="counterarguments")
        if len(raw_args) > MAX_COUNTERARGUMENTS:
            raise self.fail(
                f"has {len(raw_args)} counterarguments; the limit is {MAX_COUNTERARGUMENTS}",
                point=number,
                field="counterarguments",
            )
        arguments = []
        for arg_index, raw_arg in enumerate(raw_args, start=1):
            self._argument_index = arg_index
            if not isinstance(raw_arg, dict):
                raise self.fail(f"entry {arg_index} must be a table", point=number, field="counterarguments")
            arguments.append(self.read_counterargument(raw_arg, number, arg_index, seen_ids))
        summary = self.text(raw, "summary", point=number) if "summary" in raw else ""
        return Point(number, claim, context, tuple(arguments), summary)

    def read_counterargument(self, raw: dict[str, Any], point: int, index: int, seen_ids: set[str]) -> Counterargument:
        prefix = f"counterarguments[{index}]."
        arg_id = self.text(raw, "id", point=point, prefix=prefix)
        if not ID_PATTERN.match(arg_id):
            raise self.fail(
                f"'{arg_id}' is not a valid id (lowercase letters, digits and dashes)",
                point=point,
                field=prefix + "id",
            )
        if arg_id in seen_ids:
            raise self.fail(f"duplicate counterargument id '{arg_id}'", point=point, field=prefix + "id")
        seen_ids.add(arg_id)
        label = ""
        if "label" in raw:
            label = self.text(raw, "label", point=point, prefix=prefix)
            if len(label) > MAX_LABEL:
                raise self.fail(
                    f"is {len(label)} characters; a label names the counterargument in at most {MAX_LABEL}",
                    point=point,
                    field=prefix + "label",
                )
        argument = Counterargument(
            id=arg_id,
            summary=self.text(raw, "summary", point=point, prefix=prefix),
            hint=self.text(raw, "hint", point=point, prefix=prefix),
            source=self.texts(raw, "source", point=point, prefix=prefix, required=True),
            phrasings=self.texts(raw, "phrasings", point=point, prefix=prefix, required=False),
            label=label,
        )
        if not any(has_content(t) for t in (argument.summary, *argument.source, *argument.phrasings)):
            raise self.fail(
                "has no content words in its summary, source or phrasings: nothing a rebuttal could be matched on",
                point=point,
                field=prefix + "summary",
            )
        return argument


class CaseLibrary:
    """The cases available to practice, by id."""

    def __init__(self, cases: Iterable[Case]):
        self._cases: dict[str, Case] = {}
        for case in cases:
            if case.id in self._cases:
                raise ValueError(f"two cases share the id '{case.id}'")
            self._cases[case.id] = case

    @classmethod
    def from_directory(cls, directory: Path) -> CaseLibrary:
        """Load every ``*.toml`` in ``directory``; any invalid file stops the load."""
        if not directory.is_dir():
            raise CaseError(str(directory), "the cases folder does not exist")
        return cls(load_case_file(path) for path in sorted(directory.glob("*.toml")))

    def with_cases_beside(self, path: Path) -> CaseLibrary:
        """This library plus the case files (``*.toml``) in ``path``'s folder whose ids it lacks:
        a graded set ships beside the cases it grades."""
        extra = [load_case_file(p) for p in sorted(path.parent.glob("*.toml"))]
        return CaseLibrary([*self._cases.values(), *(c for c in extra if c.id not in self._cases)])

    def get(self, case_id: str) -> Case:
        """The case with this id, or :class:`UnknownCaseError` listing those that exist."""
        try:
            return self._cases[case_id]
        except KeyError:
            raise UnknownCaseError(case_id, self._cases) from None

    def __iter__(self) -> Iterator[Case]:
        return iter(sorted(self._cases.values(), key=lambda c: c.id))

    def __len__(self) -> int:
        return len(self._cases)

    @property
    def default(self) -> Case:
        """The case used when none is named: the first by id."""
        first = next(iter(self), None)
        if first is None:
            raise UnknownCaseError("(default)", ())
        return first
