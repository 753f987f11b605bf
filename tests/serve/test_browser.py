"""End to end in a real browser: Debian's chromium driven by Playwright, against a live server on loopback.

Locally these tests skip when chromium or Playwright is missing; in CI (CI=true) .ci/run installs both,
and a missing browser fails instead of skipping. `AKHBAR_SCREENSHOT=docs/web.png` makes the run save the
README's screenshot there (not by default: a test run leaves the working tree as it was).
"""

from __future__ import annotations

import importlib.util
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.serve.conftest import HOSTILE, OUTLETS

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(os.environ["AKHBAR_SCREENSHOT"]) if os.environ.get("AKHBAR_SCREENSHOT") else None
TIMEOUT_MS = 90_000


def _missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install 'akhbar[browser]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from akhbar.serve.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(jobs_dir=tmp_path_factory.mktemp("jobs"))
    live = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not live.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}"
    live.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = _missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {missing}; .ci/run should have installed it")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.problems = []  # console errors (a CSP violation among them) and dialogs (a script that ran)
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.on("dialog", lambda dialog: (page.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()


def _paste(page: Any, texts: list[str], outlets: list[str]) -> None:
    slots = page.locator("fieldset.slot")
    for number, (text, outlet) in enumerate(zip(texts, outlets, strict=True)):
        if number >= slots.count():
            page.click("#add-article")
        slots.nth(number).locator("input[name=source]").fill(outlet)
        slots.nth(number).locator("textarea[name=text]").fill(text)


def _submit_and_wait(page: Any) -> None:
    page.click("#submit")
    page.wait_for_url("**/jobs/**")
    page.wait_for_selector(".summary li")


def test_pasted_seeds_give_a_cited_summary_with_outlet_names(server: str, page: Any, seed_records: list[dict]) -> None:
    page.goto(server + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    _paste(page, [r["text"] for r in seed_records], list(OUTLETS))
    _submit_and_wait(page)
    items = page.locator(".summary li")
    assert items.count() >= 2
    cited = {name.strip() for name in page.locator(".summary .cites .src").all_inner_texts()}
    assert len(cited) >= 3 and cited <= set(OUTLETS)
    assert page.locator(".outlet").count() == 5
    assert page.locator(".outlet .s.shared").count() >= 2  # the passages outlets share, highlighted
    if SCREENSHOT is not None:  # tall enough to show the outlets side by side, shared passages highlighted
        page.set_viewport_size({"width": 1280, "height": 1500})
        page.screenshot(path=str(SCREENSHOT))
        page.set_viewport_size({"width": 1280, "height": 900})
    first_cite = page.locator(".summary .cites a.src").first
    first_cite.click()
    target = page.evaluate("document.querySelector(location.hash) && document.querySelector(location.hash).id")
    assert target and page.url.endswith("#" + target)
    for key in ("quotes", "figures", "entities", "timeline", "conflicts", "framing"):
        assert page.locator(f"section.facts-{key}").count() == 1
    assert not page.problems, page.problems


def test_an_article_holding_script_is_shown_as_text(server: str, page: Any, seed_records: list[dict]) -> None:
    page.goto(server + "/")
    _paste(page, [HOSTILE, seed_records[1]["text"]], ["<b>منفذ</b>", OUTLETS[1]])
    _submit_and_wait(page)
    shown = page.locator(".outlet").first.inner_text()
    assert '<script>alert("x")</script>' in shown and "<img src=x onerror=alert(1)>" in shown
    assert "<b>منفذ</b>" in page.locator(".outlet h3").first.inner_text()
    assert page.evaluate("document.scripts.length") == 1  # only the page's own app.js
    assert page.locator(".outlet img").count() == 0
    assert not [p for p in page.problems if p.startswith("dialog")], page.problems


def test_dropped_files_upload_with_progress(server: str, page: Any, seed_files: list[Path]) -> None:
    page.goto(server + "/")
    page.set_input_files("#files", [str(p) for p in seed_files])
    assert page.locator("#file-list li").count() == 5
    _submit_and_wait(page)
    assert page.locator(".outlet").count() == 5
    assert page.locator("a[href$='/result']").count() == 1  # the JSON of the same job


def test_the_page_fits_a_phone(server: str, browser: Any, seed_records: list[dict]) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(TIMEOUT_MS)
    phone.goto(server + "/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    _paste(phone, [r["text"] for r in seed_records[:3]], list(OUTLETS[:3]))
    _submit_and_wait(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    boxes = [phone.locator(".outlet").nth(n).bounding_box() for n in range(2)]
    assert boxes[1]["y"] > boxes[0]["y"]  # outlets stack on a phone
    context.close()


def test_api_docs_render_offline(server: str, page: Any) -> None:
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .info")
    assert page.get_by_text("/api/summarize", exact=True).count() >= 1
    assert not [p for p in page.problems if "Content Security Policy" in p], page.problems


def test_uploaded_files_take_the_outlets_typed_for_them(server: str, page: Any, seed_files: list[Path]) -> None:
    page.goto(server + "/")
    page.set_input_files("#files", [str(p) for p in seed_files[:3]])
    names = ["الجزيرة", "العربية", "الشروق"]
    for number, name in enumerate(names):
        page.locator("#file-list input[name=file_source]").nth(number).fill(name)
    _submit_and_wait(page)
    shown = {label.strip() for label in page.locator(".outlet h3 .src").all_inner_texts()}
    assert shown == set(names)
    assert not page.problems, page.problems


def test_articles_of_several_stories_offer_their_stories(server: str, page: Any) -> None:
    from tests.stories.test_cluster import FOOTBALL, QUAKE, QUAKE_2, SUMMIT, SUMMIT_2

    page.goto(server + "/")
    _paste(page, [QUAKE, SUMMIT, QUAKE_2, SUMMIT_2, FOOTBALL], ["أ", "ب", "ج", "د", "هـ"])
    _submit_and_wait(page)
    assert page.locator("#blend").is_visible() and "3 قصص" in page.locator("#blend").inner_text()
    page.click("#show-stories")
    page.wait_for_selector("details.story")
    assert page.locator("details.story").count() == 2 and page.locator(".lone li").count() == 1
    assert not page.problems, page.problems


@pytest.fixture(scope="module")
def store_server(tmp_path_factory: pytest.TempPathFactory, seed_articles: tuple) -> Iterator[tuple[str, Path]]:
    import uvicorn

    from akhbar.config import load_config
    from akhbar.serve.app import create_app
    from akhbar.store import Store
    from akhbar.store.loader import ingest_into
    from akhbar.store.storylines import update_storylines
    from akhbar.store.update import update_stories

    db = tmp_path_factory.mktemp("store") / "live.db"
    with Store(db) as store:
        ingest_into(store, list(seed_articles), config=load_config())
        update_stories(store, config=load_config())
        update_storylines(store, config=load_config())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(jobs_dir=tmp_path_factory.mktemp("jobs"), db=db, stories_poll_ms=300)
    live = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not live.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db
    live.should_exit = True
    thread.join(timeout=10)


def test_the_stories_page_updates_without_a_reload(store_server: tuple[str, Path], page: Any) -> None:
    from akhbar.store import Store

    base, db = store_server
    page.goto(base + "/stories")
    first = page.locator("#story-list li").first
    assert first.get_attribute("class") != "changed"
    marker = page.evaluate("window.akhbarMarker = 1")  # a reload would forget it
    del marker
    with Store(db) as store:
        story = next(iter(store.stories("updated"))).id
        store.touch_stories([story], "grown")
    page.wait_for_selector(f'#story-list li.changed[data-story="{story}"]')
    assert page.evaluate("window.akhbarMarker") == 1
    assert "تحدّثت" in page.locator("#story-list li.changed").first.inner_text()
    line = page.locator("#story-list li.changed a.storyline-link").first  # as the page lists it
    assert line.inner_text() == "القصة المتواصلة" and line.get_attribute("href").startswith("/storylines/line-")
    assert not page.problems, page.problems
