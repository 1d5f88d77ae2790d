"""The command line end to end on the seed article (needs the trained model)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from tests.conftest import ROOT, SEED

SEED_ID = "newarab-2016-11-06-wheres-baghdadi"
SEED_IRI = f"https://w3id.org/newskg/article/{SEED_ID}"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = run("build", str(SEED), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory, built) -> Path:
    path = tmp_path_factory.mktemp("store") / "s"
    result = run("load", str(built / f"{SEED_ID}.trig"), "--store", str(path))
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.model
def test_build_writes_one_conforming_file_per_article(built):
    files = sorted(p.name for p in built.iterdir())
    assert files == [f"{SEED_ID}.trig"]
    result = run("validate", str(built / files[0]))
    assert result.exit_code == 0
    assert "conforms" in result.output


@pytest.mark.model
@pytest.mark.parametrize(
    "fmt,suffix",
    [("nq", ".nq"), ("nquads", ".nq"), ("ttl", ".ttl"), ("turtle", ".ttl"), ("jsonld", ".jsonld")],
)
def test_build_formats_hold_the_same_graph(built, tmp_path, fmt, suffix):
    result = run("build", str(SEED), "--out", str(tmp_path), "--format", fmt)
    assert result.exit_code == 0, result.output
    reference = Dataset().parse(built / f"{SEED_ID}.trig", format="trig").graph(URIRef(SEED_IRI))
    path = tmp_path / f"{SEED_ID}{suffix}"
    if suffix == ".ttl":
        other = Graph().parse(path, format="turtle")
    else:
        ds = Dataset().parse(path, format={".nq": "nquads", ".jsonld": "json-ld"}[suffix])
        other = ds.graph(URIRef(SEED_IRI))
    assert isomorphic(reference, other)


@pytest.mark.model
def test_validate_reports_a_broken_graph_with_exit_1(built, tmp_path):
    text = (built / f"{SEED_ID}.trig").read_text(encoding="utf-8")
    # shift one mention's anchor text so it no longer matches the article text
    broken_text, n = re.subn(r'nif:anchorOf "Mosul"', 'nif:anchorOf "Mosal"', text, count=1)
    assert n == 1
    broken = tmp_path / "broken.trig"
    broken.write_text(broken_text, encoding="utf-8")
    result = run("validate", str(broken))
    assert result.exit_code == 1
    assert "Mosal" in result.output or "anchor" in result.output.lower()


def test_validate_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "bad.trig"
    bad.write_text("this is not trig", encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 2
    assert "cannot parse" in result.output
    assert "Traceback" not in result.output


def test_build_of_a_missing_file_exits_2_without_traceback(tmp_path):
    result = run("build", str(tmp_path / "missing.json"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "no such file" in result.output


@pytest.mark.model
def test_build_keeps_going_past_bad_records(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps(
            {
                "id": "good",
                "text": "Angela Merkel visited Paris on Monday.",
                "datePublished": "2015-03-04",
            }
        )
        + "\n{broken\n",
        encoding="utf-8",
    )
    result = run("build", str(corpus), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert (tmp_path / "o" / "good.trig").exists()
    assert "not valid JSON" in result.output
    # where the record is, said once
    assert f"failed: {corpus}:2: not valid JSON" in result.output


@pytest.mark.model
def test_loading_twice_changes_nothing(store, built):
    before = run("export", "--store", str(store), "--format", "nquads").output
    again = run("load", str(built / f"{SEED_ID}.trig"), "--store", str(store))
    assert again.exit_code == 0
    after = run("export", "--store", str(store), "--format", "nquads").output
    assert sorted(before.splitlines()) == sorted(after.splitlines())
    # the short names kg build takes are taken here too
    assert run("export", "--store", str(store), "--format", "nq").output == after


@pytest.mark.model
def test_export_jsonld_is_compact_and_round_trips(store, built):
    result = run("export", "--store", str(store), "--article", SEED_ID, "--format", "jsonld")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["@context"]["anchorOf"] == "nif:anchorOf"
    back = Dataset().parse(data=result.output, format="json-ld").graph(URIRef(SEED_IRI))
    reference = Dataset().parse(built / f"{SEED_ID}.trig", format="trig").graph(URIRef(SEED_IRI))
    assert isomorphic(back, reference)


@pytest.mark.model
def test_query_formats(store):
    table = run("query", "articles", "--store", str(store))
    assert table.exit_code == 0 and SEED_ID in table.output
    as_json = json.loads(run("query", "articles", "--store", str(store), "--format", "json").output)
    assert as_json["results"]["bindings"][0]["id"]["value"] == SEED_ID
    csv = run("query", "articles", "--store", str(store), "--format", "csv").output
    assert csv.splitlines()[0].startswith("id,date,headline")


def test_query_without_a_store_says_what_to_do(tmp_path):
    result = run("query", "articles", "--store", str(tmp_path / "none"))
    assert result.exit_code == 2
    assert "kg ingest" in result.output


def test_queries_lists_titles_and_parameters():
    result = run("queries")
    assert result.exit_code == 0
    assert "who-said-what" in result.output and "-p speaker=" in result.output


@pytest.mark.model
def test_delete_removes_the_article(tmp_path, built):
    store = tmp_path / "s"
    run("load", str(built / f"{SEED_ID}.trig"), "--store", str(store))
    assert run("delete", SEED_ID, "--store", str(store)).exit_code == 0
    assert run("delete", SEED_ID, "--store", str(store)).exit_code == 2
    assert SEED_ID not in run("query", "articles", "--store", str(store)).output


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    assert "kg ingest data/articles" in blocks[0]
    assert blocks[1].endswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci.splitlines()


def test_help_explains_every_command():
    for command in ("build", "validate", "ingest", "load", "delete", "queries", "query", "export"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_python_dash_m_kg_runs_the_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "Usage: python -m kg" in done.stdout and "ingest" in done.stdout


@pytest.mark.model
def test_query_runs_a_users_own_query_file(store, tmp_path):
    select = tmp_path / "count.rq"
    select.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://schema.org/Person> }\n")
    result = run("query", str(select), "--store", str(store), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "n" and int(result.output.splitlines()[1]) > 0
    describe = tmp_path / "article.rq"
    describe.write_text(f"DESCRIBE <{SEED_IRI}>\n")
    result = run("query", str(describe), "--store", str(store))
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.output, format="nt")
    assert (URIRef(SEED_IRI), URIRef("http://schema.org/identifier"), None) in graph
    refused = run("query", str(describe), "-p", "x=y", "--store", str(store))
    assert refused.exit_code == 2 and "take no parameters" in refused.output


@pytest.mark.model
def test_build_and_ingest_join_two_reports_of_one_happening(tmp_path):
    reports = [
        ("first", "2016-11-06", "Abu Bakr al-Baghdadi fled Mosul on Friday, officials said."),
        ("second", "2016-11-07", "Abu Bakr al-Baghdadi has probably fled Mosul, a source said."),
        ("unrelated", "2016-11-07", "The mayor of Harrowmere opened a new bridge."),
    ]
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": i, "datePublished": d, "text": t, "headline": t}) + "\n"
            for i, d, t in reports
        )
    )
    result = run("build", str(corpus), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    links = Dataset().parse(tmp_path / "out" / "corpus" / "stories.trig", format="trig")
    nkg = "https://w3id.org/newskg/ns#"
    members = {str(o) for _, _, o, _ in links.quads((None, URIRef(nkg + "member"), None, None))}
    articles = {m for m in members if "#" not in m}
    assert articles == {f"https://w3id.org/newskg/article/{i}" for i in ("first", "second")}
    assert any(m.startswith("https://w3id.org/newskg/article/first#event=") for m in members)

    store = str(tmp_path / "store")
    assert run("ingest", str(corpus), "--store", store).exit_code == 0
    listed = run("query", "stories", "--store", store, "--format", "csv")
    assert listed.exit_code == 0 and listed.output.count("\n") == 2, listed.output
    assert run("delete", "second", "--store", store).exit_code == 0
    listed = run("query", "stories", "--store", store, "--format", "csv")
    assert listed.output.count("\n") == 1, listed.output  # the header alone
