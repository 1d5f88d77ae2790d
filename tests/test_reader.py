import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.reader import iter_records, read_articles
from tests.conftest import SEED

SEED_SHA256 = "736ad3050ea59344d8599f0f3c0c65ff27765f286518ce9a48135f3f49dca6a2"


def test_txt_front_matter_keeps_the_text_byte_for_byte():
    import hashlib

    (article,) = read_articles([SEED])
    assert article.id == "newarab-2016-11-06-wheres-baghdadi"
    assert article.date_published == "2016-11-06"
    assert article.publisher == "The New Arab"
    assert len(article.text) == 2355
    assert "\u00a0" in article.text
    assert hashlib.sha256(article.text.encode()).hexdigest() == SEED_SHA256


def test_txt_without_front_matter_takes_its_id_from_the_file_name(tmp_path: Path):
    path = tmp_path / "story-7.txt"
    path.write_text("Line one.\r\nLine two.", encoding="utf-8", newline="")
    (article,) = read_articles([path])
    assert article.id == "story-7"
    assert article.text == "Line one.\r\nLine two."


def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path: Path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Alpha.", "datePublished": "2020-01-02"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "Gamma.", "datePublished": "yesterday"}),
        json.dumps({"id": "d", "text": "Delta.", "publisher": {"name": "Daily"}}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = list(iter_records([path]))
    ok = [r for r in records if not isinstance(r, InputError)]
    errors = [str(r) for r in records if isinstance(r, InputError)]
    assert [a.id for a in ok] == ["a", "d"]
    assert ok[1].publisher == "Daily"
    assert f"{path}:2: not valid JSON" in errors[0]
    assert "missing 'text'" in errors[1] and f"{path}:3" in errors[1]
    assert "not an ISO date" in errors[2]


def test_half_of_a_surrogate_pair_is_reported_and_the_rest_read(tmp_path: Path):
    # JSON may escape half of a pair alone; no UTF-8 (and so no RDF) can hold it
    path = tmp_path / "corpus.jsonl"
    broken = '{"id": "a", "text": "Broken \\ud83d emoji."}'
    headline = '{"id": "b", "text": "Fine.", "headline": "\\udc00"}'
    path.write_text("\n".join([broken, headline, '{"id": "c", "text": "Fine."}']), encoding="utf-8")
    records = list(iter_records([path]))
    errors = [str(r) for r in records if isinstance(r, InputError)]
    assert [r.id for r in records if not isinstance(r, InputError)] == ["c"]
    assert f"{path}:1: 'text' holds half of a UTF-16 surrogate pair" in errors[0]
    assert "('\\ud83d' at index 7)" in errors[0]
    assert f"{path}:2: 'headline'" in errors[1]


def test_json_list_and_folder_are_read_in_order(tmp_path: Path):
    (tmp_path / "b.json").write_text(json.dumps([{"id": "x", "text": "X."}]), encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"id": "y", "text": "Y."}), encoding="utf-8")
    assert [a.id for a in read_articles([tmp_path])] == ["y", "x"]


def test_missing_path_raises_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_articles([tmp_path / "nope.json"])


def test_html_page_gives_main_text_and_metadata(tmp_path: Path):
    paragraph = "The council approved the new budget on Monday after a long debate. " * 4
    page = tmp_path / "budget.html"
    page.write_text(
        "<html><head><title>Budget approved</title>"
        '<meta property="og:site_name" content="City Times">'
        '<meta property="article:published_time" content="2021-03-04"></head>'
        f"<body><nav>Home | News</nav><article><h1>Budget approved</h1><p>{paragraph}</p>"
        "</article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    (article,) = read_articles([page])
    assert article.id == "budget"
    assert "approved the new budget" in article.text
    assert "Copyright" not in article.text
    assert article.date_published == "2021-03-04"


@pytest.mark.parametrize(
    "given,kept",
    [
        ("2016-11-06", "2016-11-06"),
        ("2016-11-06T10:00:00Z", "2016-11-06T10:00:00+00:00"),
        ("2016-11-06 10:00", "2016-11-06T10:00:00"),
        ("Sun, 06 Nov 2016 10:00:00 GMT", "2016-11-06T10:00:00+00:00"),
        ("6 Nov 2016 10:00:00 +0100", "2016-11-06T10:00:00+01:00"),
    ],
)
def test_publication_dates_become_xsd_lexical_forms(tmp_path: Path, given: str, kept: str):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "T.", "datePublished": given}) + "\n")
    (article,) = list(iter_records([path]))
    assert article.date_published == kept


@pytest.mark.parametrize("given", ["06/11/2016", "2016-13-01", "last Sunday"])
def test_ambiguous_or_broken_dates_are_refused_with_the_forms_taken(tmp_path: Path, given: str):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "T.", "datePublished": given}) + "\n")
    (error,) = list(iter_records([path]))
    assert isinstance(error, InputError)
    assert "RFC 2822" in str(error) and repr(given) in str(error)


def test_broken_front_matter_is_reported_in_one_line_with_its_place(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("---\nheadline: fine\nid: [unclosed\n---\nThe text.\n", encoding="utf-8")
    (error,) = list(iter_records([path]))
    assert isinstance(error, InputError)
    where, reason = error.parts()
    assert where == str(path)
    assert reason.startswith("front matter is not valid YAML (line 3, column ")
    assert "\n" not in reason


def test_an_id_met_again_is_reported_not_read_over_the_first(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    rows = [{"id": "same", "text": "First."}, {"id": "other", "text": "O."}]
    rows.append({"id": "same", "text": "Second."})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    first, other, again = list(iter_records([path]))
    assert (first.text, other.text) == ("First.", "O.")
    assert isinstance(again, InputError)
    assert again.parts() == (
        f"{path}:3",
        f"the id 'same' is taken already (by {path}:1); every article needs its own id",
    )
    # the same file named twice is read twice, not reported as a clash with itself
    twice = list(iter_records([path, path]))
    assert [type(r).__name__ for r in twice].count("InputError") == 2


@pytest.mark.parametrize(
    "text", ["   ", " \n\t\r\n ", "\u00a0\u2003", "\u200b\u200d\u0301", "...!?"]
)
def test_a_text_without_letters_or_digits_is_refused(tmp_path: Path, text: str):
    corpus = tmp_path / "blank.jsonl"
    corpus.write_text(json.dumps({"id": "blank", "text": text}) + "\n", encoding="utf-8")
    (error,) = iter_records([corpus])
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{corpus}:1: 'text' holds no letter or digit")


def test_a_txt_file_of_whitespace_is_refused(tmp_path: Path):
    page = tmp_path / "empty.txt"
    page.write_text("---\nheadline: Nothing\n---\n  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="holds no letter or digit"):
        read_articles([page])


def test_html_nested_deeper_than_lxml_parses_falls_back_to_its_plain_text(tmp_path: Path):
    paragraphs = "<p>Angela Merkel visited Paris on Monday.</p><p>The talks lasted an hour.</p>"
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><head><title>Talks &amp; more</title><script>var x = 1;</script></head>"
        "<body onload='steal()'>"
        + "<div>" * 5000
        + paragraphs
        + "<script>evil()</script>"
        + "</div>" * 5000
        + "</body></html>",
        encoding="utf-8",
    )
    (article,) = read_articles([page])
    assert article.text == "Angela Merkel visited Paris on Monday.\nThe talks lasted an hour."
    assert article.headline == "Talks & more"


def test_html_without_any_text_is_still_refused(tmp_path: Path):
    page = tmp_path / "blank.html"
    page.write_text("<html><body>" + "<div>" * 3000 + "</div>" * 3000 + "</body></html>")
    with pytest.raises(InputError, match="no article text found"):
        read_articles([page])
