"""Write a corpus of the broken input scrapers produce, one file (or JSON Lines record) a case.

    python tests/hostile.py FOLDER     writes the corpus and prints one line per case

Each case says whether newskg can read it (then its text, exactly as the article's text must
come out) or must refuse it (then words the one-line error must hold); tests/test_hostile.py
puts the corpus through `kg build`, `kg ingest` and `kg load`.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

LEAD = "Angela Merkel met Emmanuel Macron in Paris on Monday, officials said."
SAID = "Macron said the talks would go on."
HUGE = 1_000_001  # characters: longer than the model reads


@dataclass(frozen=True)
class Case:
    """One broken input: the file it is in, and what reading it must give."""

    name: str
    file: str  # the file name inside the corpus folder
    where: str  # how an error names the record ("file", "file:3" for a JSON Lines line)
    article_id: str = ""
    text: str | None = None  # the article's text when it can be read
    refused: str | None = None  # words of the error when it cannot

    @property
    def readable(self) -> bool:
        return self.text is not None


def _record(article_id: str, text: str, **extra: str) -> dict[str, str]:
    return {"id": article_id, "text": text, "headline": f"Case {article_id}", **extra}


# readable JSON Lines records: (case name, id, text, more keys)
READABLE: list[tuple[str, str, str, dict[str, str]]] = [
    ("crlf line ends", "crlf", "Paris talks\r\n" + LEAD + '\r\nMacron said: "We agree."\r\n', {}),
    (
        "combining marks",
        "combining",
        "Zoe\u0301 Dupont said Ame\u0301lie Blanc left Lyon. " + LEAD,
        {},
    ),
    ("zero-width characters", "zero-width", "Ange\u200bla Merkel\u200d met him.\ufeff " + LEAD, {}),
    (
        "right-to-left script",
        "rtl",
        "\u0642\u0627\u0644 \u0627\u0644\u0631\u0626\u064a\u0633 "
        "\u200f(Reuters)\u200f " + LEAD + " \u05e9\u05dc\u05d5\u05dd",
        {},
    ),
    ("astral before a mention", "emoji", "\U0001f600\U0001f1eb\U0001f1f7 \U00020000 " + LEAD, {}),
    ("control characters", "controls", "Breaking\x07\x1b[31m: " + LEAD + "\x0c\x7f\x85 end.", {}),
    ("NUL character", "nul", "Before\x00after. " + LEAD, {}),
    (
        "names with quotes, brackets, ampersands",
        "names",
        "AT&T and Procter & Gamble (P&G) "
        'hired "Big" O\'Brien <Jr.> of Smith [Holdings] & Sons; ' + LEAD,
        {},
    ),
    ("id that is a path", "../../etc/passwd", LEAD, {}),
    ("id with a space", "with space", LEAD, {}),
    ("id with ?", "what?now", LEAD, {}),
    ("id with #", "hash#tag", LEAD, {}),
    ("id with /", "a/b/c", LEAD, {}),
    ("id with < > and quotes", '<x> "y"', LEAD, {}),
    (
        "earliest date",
        "date-first",
        LEAD + " Last year he said so.",
        {"datePublished": "0001-01-01"},
    ),
    ("latest date", "date-last", LEAD + " Next year he will.", {"datePublished": "9999-12-31"}),
    ("one huge line", "huge-line", " ".join([LEAD] * 300), {}),
]

# refused JSON Lines records: (case name, the line as written, words of the error)
REFUSED_LINES: list[tuple[str, str, str]] = [
    ("empty text", json.dumps(_record("empty", "")), "missing 'text'"),
    ("whitespace-only text", json.dumps(_record("blank", " \t\r\n  ")), "no letter or digit"),
    ("zero-width-only text", json.dumps(_record("zw", "\u200b\u200c\ufeff")), "no letter or digit"),
    ("missing id", json.dumps({"text": LEAD}), "missing 'id'"),
    ("empty id", json.dumps({"id": "", "text": LEAD}), "missing 'id'"),
    ("text that is not a string", json.dumps({"id": "num", "text": 42}), "must be a string"),
    (
        "unparseable date",
        json.dumps(_record("d1", LEAD, datePublished="06/11/2016")),
        "is not an ISO date",
    ),
    (
        "impossible date",
        json.dumps(_record("d2", LEAD, datePublished="2016-13-45")),
        "is not an ISO date",
    ),
    (
        "year zero",
        json.dumps(_record("d3", LEAD, datePublished="0000-01-01")),
        "is not an ISO date",
    ),
    (
        "year past 9999",
        json.dumps(_record("d4", LEAD, datePublished="10000-01-01")),
        "is not an ISO date",
    ),
    ("malformed JSON line", '{"id": "broken", "text": "unterminated', "not valid JSON"),
    ("JSON line that is not an object", '["id", "text"]', "expected a JSON object"),
    ("very large text", json.dumps(_record("huge", "a " * (HUGE // 2 + 1))), "split the article"),
]


def corpus(folder: Path) -> list[Case]:
    """Write every case into ``folder``; return what reading each must give."""
    folder.mkdir(parents=True, exist_ok=True)
    return _jsonl(folder) + _files(folder)


def _jsonl(folder: Path) -> list[Case]:
    """Good and bad records mixed in one JSON Lines file (a bad one is named by its line)."""
    path = folder / "mixed.jsonl"
    lines: list[str] = []
    cases: list[Case] = []
    good = iter(READABLE)
    for name, line, words in REFUSED_LINES:
        # one good record between two bad ones
        lines.append(line)
        cases.append(Case(name, path.name, f"{path}:{len(lines)}", refused=words))
        found = next(good, None)
        if found is not None:
            lines.append(json.dumps(_record(found[1], found[2], **found[3])))
            cases.append(Case(found[0], path.name, f"{path}:{len(lines)}", found[1], found[2]))
    for found in good:
        lines.append(json.dumps(_record(found[1], found[2], **found[3])))
        cases.append(Case(found[0], path.name, f"{path}:{len(lines)}", found[1], found[2]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return cases


def _files(folder: Path) -> list[Case]:
    """Whole files that are broken, or hostile but readable."""
    cases = []

    def put(name: str, file: str, data: bytes, text: str | None = None, refused: str | None = None):
        (folder / file).write_bytes(data)
        where = str(folder / file)
        cases.append(Case(name, file, where, Path(file).stem, text=text, refused=refused))

    put("binary file", "binary.txt", bytes(range(256)) * 8, refused="not UTF-8")
    put(
        "text that is not UTF-8",
        "latin1.txt",
        "Fran\u00e7ois Hollande a dit.".encode("latin-1"),
        refused="not UTF-8",
    )
    put("malformed JSON file", "broken.json", b'{"id": "x", "text": ', refused="not valid JSON")
    put("empty file", "empty.txt", b"", refused="missing 'text'")
    put("whitespace-only file", "spaces.txt", b"  \r\n\t\n", refused="no letter or digit")
    put(
        "HTML without text",
        "blank.html",
        b"<html><body><div></div></body></html>",
        refused="no article text found",
    )
    body = f"<p>{LEAD}</p><p>{SAID}</p>"
    hostile = (
        "<html><head><title>Talks</title><script>document.write('stolen')</script>"
        "<style>p{color:red}</style></head><body onload=\"alert('x')\">"
        '<article><h1 onclick="evil()">Talks</h1>'
        + body
        + "<img src=x onerror=\"alert(1)\"><script>var secret = 'ignore me';</script>"
        '<iframe src="javascript:alert(2)"></iframe></article></body></html>'
    )
    # the heading is part of the text; the scripts, styles and handlers are not
    put("hostile HTML", "hostile.html", hostile.encode(), text=f"Talks\n{LEAD}\n{SAID}")
    nested = "<html><body>" + "<div>" * 5000 + body + "</div>" * 5000 + "</body></html>"
    put("thousands of nested elements", "nested.html", nested.encode(), text=f"{LEAD}\n{SAID}")
    return cases


def main(folder: str) -> None:
    for case in corpus(Path(folder)):
        print(f"{'reads  ' if case.readable else 'refuses'}  {case.where}  ({case.name})")


if __name__ == "__main__":
    main(sys.argv[1])
