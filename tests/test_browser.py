"""End to end in a real headless Chromium: the server on 127.0.0.1, driven with Playwright.

Chromium comes from Debian's packages (scripts/install-browser.sh runs when it is missing);
without it these tests skip, except under CI, where a missing browser is a failure.
Screenshots go to the pytest temporary folder, under screenshots/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from kg.server import ServerSettings, create_app
from kg.store import EmbeddedStore
from tests.test_server import EVIL, EVIL_EVENT_PAGE, SCRIPT, build_store, evil_annotations

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEED = "/article/newarab-2016-11-06-wheres-baghdadi"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Return the Chromium binary, installing Debian's package when it is missing."""
    if not CHROMIUM.exists():
        script = ROOT / "scripts" / "install-browser.sh"
        try:
            subprocess.run(["bash", str(script)], check=True, timeout=900, capture_output=True)
        except (subprocess.SubprocessError, OSError) as e:
            _unavailable(f"Chromium is not installed and {script.name} failed: {e}")
    if not CHROMIUM.exists() or not shutil.which(str(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM}")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        _unavailable(f"the playwright package is not installed ({e})")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(store_path: Path) -> Iterator[str]:
    """Run uvicorn over a read-only store in a thread; yield its URL; stop it."""
    store = EmbeddedStore(store_path, read_only=True)
    port = _free_port()
    config = uvicorn.Config(
        create_app(ServerSettings(store=store)), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        server.should_exit = True
        pytest.fail(f"the server did not start on 127.0.0.1:{port} within 15 s")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture(scope="session")
def seed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve a store holding every bundled article (the seed and the demo corpus), built with
    the model."""
    from kg.ingest import ingest

    path = tmp_path_factory.mktemp("seed") / "store"
    store = EmbeddedStore(path)
    summary = ingest([ROOT / "data" / "articles"], store)
    store.close()
    assert summary.ok and summary.loaded >= 1, summary.describe()
    yield from _serve(path)


@pytest.fixture(scope="session")
def evil_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve a store holding an article whose text and names carry markup."""
    path = build_store(tmp_path_factory.mktemp("evil") / "store", [evil_annotations()])
    yield from _serve(path)


@pytest.mark.model
def test_clicking_a_mention_leads_to_the_entity_page(page, seed_server, screenshots):
    page.goto(seed_server + SEED)
    assert "Baghdadi" in page.locator("h1").inner_text()
    for kind in ("person", "organization", "place", "time"):
        assert page.locator(f".text a.m-{kind}").count() > 0, kind
    page.screenshot(path=screenshots / "article.png", full_page=True)

    page.locator(".text a.m-person", has_text="Baghdadi").first.click()
    page.wait_for_url("**/entity/abu-bakr-al-baghdadi")
    assert "Abu Bakr al-Baghdadi" in page.locator("h1").inner_text()
    assert page.locator("dl.ids a", has_text="Wikipedia").count() == 1
    assert page.locator(".mentioned-in a.headline").count() >= 1
    assert page.locator("#quotes blockquote").count() >= 3
    page.screenshot(path=screenshots / "entity.png", full_page=True)


@pytest.mark.model
def test_the_demo_corpus_is_listed_and_a_shared_entity_links_its_articles(
    page, seed_server, screenshots
):
    from kg.reader import read_articles

    articles = read_articles([ROOT / "data" / "articles"])
    page.goto(seed_server + "/")
    listed = page.locator("ol.articles a.headline")
    assert listed.count() == len(articles) > 1
    shown = set(listed.all_inner_texts())
    assert {a.headline for a in articles} <= shown, shown
    page.screenshot(path=screenshots / "demo-index.png", full_page=True)

    page.fill("header input[name=q]", "Achterberg")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Achterberg")
    page.locator(".hits a", has_text="Rosalind Achterberg").first.click()
    page.wait_for_url("**/entity/person/rosalind-achterberg")
    assert "Rosalind Achterberg" in page.locator("h1").inner_text()
    headlines = set(page.locator(".mentioned-in a.headline").all_inner_texts())
    assert headlines == {
        a.headline for a in articles if a.text and "Rosalind Achterberg" in a.text
    }, headlines
    assert len(headlines) >= 2  # a shared entity: the follow-up articles name her again
    page.screenshot(path=screenshots / "demo-entity.png", full_page=True)


@pytest.mark.model
def test_certainty_levels_look_different(page, seed_server, screenshots):
    page.goto(seed_server + SEED + "#claims")
    colours = {
        level: page.locator(f"#claims .badge.c-{level}").first.evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        for level in ("certain", "probable", "possible")
    }
    assert len(set(colours.values())) == 3, colours
    assert page.locator("#claims .hedge", has_text="reportedly").count() >= 1
    page.locator("#claims").screenshot(path=screenshots / "claims.png")


@pytest.mark.model
def test_a_stored_query_runs_from_its_form(page, seed_server, screenshots):
    page.goto(seed_server + "/queries/claims-about")
    page.fill("input[name=entity]", "https://w3id.org/newskg/entity/abu-bakr-al-baghdadi")
    page.click("form.query-form button[type=submit]")
    page.wait_for_url("**/queries/claims-about?entity=*")
    rows = page.locator("table.results tbody tr")
    assert rows.count() >= 3
    assert "Probable" in page.locator("table.results").inner_text()
    page.screenshot(path=screenshots / "query.png", full_page=True)


@pytest.mark.model
def test_the_search_box_finds_a_place_with_coordinates(page, seed_server):
    page.goto(seed_server + "/")
    page.fill("header input[name=q]", "mosul")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=mosul")
    page.locator(".hits a", has_text="Mosul").first.click()
    page.wait_for_url("**/entity/mosul")
    assert page.locator(".coordinates .lat").inner_text().startswith("36.3")


@pytest.mark.model
def test_a_contested_happening_shows_its_claim_matrix_and_its_reports(
    page, seed_server, screenshots
):
    page.goto(seed_server + "/queries/contested")
    page.locator("table.results a[href*='/happening/']").first.click()
    page.wait_for_url("**/happening/*")
    assert "a happening across articles" in page.locator("h1").inner_text().lower()
    rows = page.locator("table.matrix tbody tr")
    assert rows.count() >= 2
    levels = {rows.nth(i).locator(".badge").first.inner_text() for i in range(rows.count())}
    assert len(levels) >= 2, levels
    mark = page.locator("table.matrix td.context mark").first
    assert mark.is_visible()
    colour = mark.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), colour
    reports = page.locator("#members li.member")
    assert reports.count() >= 2
    happening = page.url
    page.screenshot(path=screenshots / "happening.png", full_page=True)

    reports.first.locator("a.event").click()
    page.wait_for_url("**/event?iri=*")
    assert "an event of one article" in page.locator("h1").inner_text().lower()
    assert page.locator("table.matrix tbody tr").count() >= 1
    page.screenshot(path=screenshots / "event.png", full_page=True)
    page.locator("a.cluster").click()
    page.wait_for_url(happening)


@pytest.mark.model
def test_a_story_shows_its_articles_and_timeline_and_links_its_happenings(
    page, seed_server, screenshots
):
    page.goto(seed_server + "/")
    assert page.locator("#contested a.happening[href*='/happening/']").count() >= 1
    page.locator("#stories a.headline").first.click()
    page.wait_for_url("**/story/*")
    assert "a story" in page.locator("h1").inner_text().lower()
    assert page.locator("#articles li").count() >= 2
    assert page.locator("#timeline tbody tr").count() >= 2
    assert page.locator("#timeline .badge.contested", has_text="said otherwise").count() >= 1
    page.screenshot(path=screenshots / "story.png", full_page=True)
    page.locator("#timeline a.happening").first.click()
    page.wait_for_url("**/happening/*")
    assert page.locator("table.matrix tbody tr").count() >= 1


@pytest.mark.model
def test_an_entity_groups_its_claims_by_happening(page, seed_server, screenshots):
    page.goto(seed_server + "/entity/organization/brackenfield-foods#claims")
    groups = page.locator("#claims section.happening-claims")
    assert groups.count() >= 2
    first = groups.first
    assert first.locator(".badge.contested").count() == 1
    claims = first.locator("li.claim").count()
    assert claims >= 2
    page.locator("#claims").screenshot(path=screenshots / "entity-claims.png")
    first.locator("h3 a.happening").click()
    page.wait_for_url("**/happening/*")
    # the happening's matrix holds these claims, and those of reports not naming the entity
    assert page.locator("table.matrix tbody tr").count() >= claims


def test_markup_in_the_data_is_shown_as_text_and_never_runs(page, evil_server, screenshots):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (EVIL, "/search?q=bad", "/", EVIL_EVENT_PAGE):
        page.goto(evil_server + path)
        assert page.evaluate("() => window.__pwned") is None, path
    page.goto(evil_server + EVIL)
    assert SCRIPT in page.locator("h1").inner_text()
    assert "<b>hello</b>" in page.locator(".text").inner_text()
    assert page.locator(".text b").count() == 0
    page.screenshot(path=screenshots / "escaped.png", full_page=True)
    assert dialogs == []
