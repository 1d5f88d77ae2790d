"""Read articles: files (JSON, JSON Lines, .txt with YAML front matter, .html) -> Article.

Reading never alters an article's text; a record that cannot be read becomes an InputError
that names the file (and line), so a corpus with a few bad records still loads the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.model import Article

SUFFIXES = (".json", ".jsonl", ".ndjson", ".txt", ".html", ".htm")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
_FIELDS = {
    "id": "id",
    "text": "text",
    "headline": "headline",
    "datePublished": "date_published",
    "url": "url",
    "publisher": "publisher",
    "author": "author",
    "description": "description",
}


def iter_records(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Yield every article of the given files and folders, or the error that stopped one.

    An id met again is an error: its article would replace the first one's graph unseen.
    """
    first: dict[str, str] = {}  # id -> where it was read
    for path in expand(paths):
        try:
            for record in _read_file(path):
                if isinstance(record, Article):
                    where = record.source or str(path)
                    taken = first.setdefault(record.id, where)
                    if taken != where:
                        yield InputError(
                            f"{where}: the id {record.id!r} is taken already (by {taken}); "
                            "every article needs its own id"
                        )
                        continue
                yield record
        except InputError as err:
            yield err


def read_articles(paths: Iterable[str | Path]) -> list[Article]:
    """Read every article, raising the first InputError."""
    articles = []
    for record in iter_records(paths):
        if isinstance(record, InputError):
            raise record
        articles.append(record)
    return articles


def count_records(paths: Iterable[str | Path]) -> int:
    """Count the articles of the inputs cheaply (lines of JSON Lines, other files as one)."""
    total = 0
    for path in expand(paths):
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            with path.open("rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return total


def expand(paths: Iterable[str | Path], suffixes: Iterable[str] = SUFFIXES) -> Iterator[Path]:
    """Yield the files named, descending into folders for files with one of ``suffixes``.

    Files in a folder come sorted, for a stable order; a folder with none of them is an error,
    not an empty corpus, so a mistyped folder never ends in a run that did nothing.
    """
    wanted = tuple(suffixes)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in wanted)
            if not found:
                raise InputError(_nothing_found(path, wanted))
            yield from found
        elif path.exists():
            yield path
        else:
            raise InputError(f"{path}: no such file or folder")


def _nothing_found(folder: Path, wanted: tuple[str, ...]) -> str:
    from kg.graphfiles import GRAPH_SUFFIXES  # only on this error path: it loads the validator

    message = f"{folder}: no file to read in this folder (looked for {', '.join(wanted)})"
    built = any(p.suffix.lower() in GRAPH_SUFFIXES for p in folder.rglob("*"))
    if built and not set(wanted) & set(GRAPH_SUFFIXES):
        message += "; it holds built graphs, which `kg load` stores"
    return message


def _read_file(path: Path) -> Iterator[Article | InputError]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl(path)
    elif suffix == ".json":
        yield from _read_json(path)
    elif suffix in (".html", ".htm"):
        yield from_html(_read_text(path), path)
    elif suffix == ".txt":
        yield from_txt(_read_text(path), path)
    else:
        raise InputError(f"{path}: unsupported file type; use .json, .jsonl, .txt or .html")


def _read_text(path: Path) -> str:
    try:
        # newline="" keeps "\r\n" as written: offsets count into the text exactly as given
        with path.open(encoding="utf-8", newline="") as f:
            return f.read()
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e


def _read_jsonl(path: Path) -> Iterator[Article | InputError]:
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                yield from_record(json.loads(line), where)
            except json.JSONDecodeError as e:
                yield InputError(f"{where}: not valid JSON ({e.msg}, column {e.colno})")
            except InputError as e:
                yield e


def _read_json(path: Path) -> Iterator[Article | InputError]:
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: not valid JSON ({e.msg}, line {e.lineno})") from e
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records):
        where = f"{path}[{number}]" if isinstance(data, list) else str(path)
        try:
            yield from_record(record, where)
        except InputError as e:
            yield e


def from_record(record: Any, where: str = "<record>") -> Article:
    """Make an Article from a schema.org-keyed mapping; ``where`` names it in errors."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with 'id' and 'text'")
    values: dict[str, str] = {}
    for key, attr in _FIELDS.items():
        value = record.get(key)
        if value is not None:
            values[attr] = value if key == "text" else _scalar(value, key, where)
    for key in ("id", "text"):
        if not values.get(_FIELDS[key]):
            raise InputError(f"{where}: missing '{key}' (every article needs an id and a text)")
    if not isinstance(record["text"], str):
        raise InputError(f"{where}: 'text' must be a string")
    for key, attr in _FIELDS.items():
        if attr in values:
            _check_encodable(values[attr], key, where)
    if not any(c.isalnum() for c in record["text"]):
        raise InputError(
            f"{where}: 'text' holds no letter or digit (only whitespace, marks or symbols); "
            "give the article's text"
        )
    if "date_published" in values:
        values["date_published"] = normalise_date(values["date_published"], where)
    return Article(**values, source=where)


def _check_encodable(value: str, key: str, where: str) -> None:
    """Refuse a value holding half of a surrogate pair (JSON's "\\ud83d" alone): no RDF can."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(
            f"{where}: '{key}' holds half of a UTF-16 surrogate pair ({value[e.start]!r} at "
            f"index {e.start}), which no RDF text can hold; fix the record's encoding"
        ) from None


def _scalar(value: Any, key: str, where: str) -> str:
    if isinstance(value, dict) and key in ("publisher", "author"):
        return str(value.get("name", ""))
    if isinstance(value, (dict, list)):
        raise InputError(f"{where}: '{key}' must be a string, not {type(value).__name__}")
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


def normalise_date(value: str, where: str) -> str:
    """Return a publication date as an ISO date or xsd:dateTime.

    ISO 8601 dates and date-times ("2016-11-06", "2016-11-06 10:00Z") and RFC 2822 dates, as
    feeds write them ("Sun, 06 Nov 2016 10:00:00 GMT"), are written out in the lexical form of
    xsd:date or xsd:dateTime. Anything else ("06/11/2016": which day?) is refused.
    """
    text = value.strip()
    try:
        if "T" not in text and " " not in text:
            return date.fromisoformat(text).isoformat()
        # written out again: xsd:dateTime wants "T" and seconds, which ISO lets one leave out
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        raise InputError(
            f"{where}: datePublished {value!r} is not an ISO date (2016-11-06), an ISO date-time "
            "(2016-11-06T10:00:00Z) or an RFC 2822 date (Sun, 06 Nov 2016 10:00:00 GMT)"
        ) from None


def from_txt(raw: str, path: Path) -> Article:
    """Make an Article from a .txt file, with optional YAML front matter for the metadata."""
    match = _FRONT_MATTER.match(raw)
    meta: dict[str, Any] = {}
    text = raw
    if match:
        try:
            loaded = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as e:
            raise InputError(f"{path}: front matter is not valid YAML ({_yaml_problem(e)})") from e
        if not isinstance(loaded, dict):
            raise InputError(f"{path}: front matter must be a mapping of keys to values")
        meta, text = loaded, raw[match.end() :]
    meta.setdefault("id", path.stem)
    return from_record({**meta, "text": text}, str(path))


def _yaml_problem(error: yaml.YAMLError) -> str:
    """Say what is wrong with YAML in one line, with the place in the front matter."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    if mark is None:
        return problem
    # the front matter starts on the file's second line, after "---"
    return f"line {mark.line + 2}, column {mark.column + 1}: {problem}"


def from_html(html: str, path: Path) -> Article:
    """Make an Article from an HTML page: main text and metadata via trafilatura."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    doc = found.as_dict() if found is not None else {}
    if not doc.get("text"):
        # lxml, under trafilatura, gives up on pages nested deeper than it parses (256
        # elements); the page's plain text may still be an article
        doc = plain_text(html)
    if not doc.get("text"):
        raise InputError(f"{path}: no article text found in the HTML page")
    record = {
        "id": path.stem,
        "text": doc["text"],
        "headline": doc.get("title"),
        "datePublished": doc.get("date"),
        "url": doc.get("url"),
        "publisher": doc.get("sitename"),
        "author": doc.get("author"),
        "description": doc.get("description"),
    }
    return from_record({k: v for k, v in record.items() if v}, str(path))


def plain_text(html: str) -> dict[str, str]:
    """Return the text of an HTML page (and its title), however deep its elements nest."""
    reader = _PlainText()
    reader.feed(html)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return {"text": "\n".join(line for line in lines if line), "title": " ".join(reader.title)}


class _PlainText(HTMLParser):
    """Collect a page's text, a line per block element, without what is never shown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden: list[str] = []  # open elements whose text is not the page's

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._hidden.clear()  # pages often leave </head> out
        elif tag in _HIDDEN:
            self._hidden.append(tag)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._hidden and self._hidden[-1] == tag:
            self._hidden.pop()
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)
        elif self._hidden[-1] == "title":
            self.title.append(data)


# the text of these is not shown as the page's (the title is kept as the headline)
_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title", "svg", "iframe"})
_BLOCKS = frozenset(
    {"p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "pre"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "header", "footer", "main"}
    | {"aside", "nav", "blockquote", "figure", "figcaption"}
)
