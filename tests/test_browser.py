"""The rendered publications page in a real browser (Debian's Chromium driven by Playwright):
the topic filter shows exactly the entries of a topic, keeps it in the URL, and "All" undoes it."""
from __future__ import annotations

import functools
import http.server
import os
import threading
from collections import Counter
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from conftest import EXAMPLE_SITE, REPO
from hugo_site import render

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
DATABASE = yaml.safe_load((EXAMPLE_SITE / "data/publications.yaml").read_text())
COUNTS = Counter(t for entry in DATABASE for t in entry["topics"])
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs /usr/bin/chromium: run `make browser` (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed (make browser installs it)", allow_module_level=True)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    public = tmp_path_factory.mktemp("public")
    result = render(EXAMPLE_SITE, public)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(public))
    handler.log_message = lambda *args: None  # type: ignore[assignment]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def visible_topics(page) -> list[str]:
    return page.eval_on_selector_all(
        ".hugokit-pub", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.topic)")


def test_clicking_a_topic_shows_exactly_its_entries_and_the_url_keeps_it(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    page.goto(f"{base_url}/publications/")
    assert len(visible_topics(page)) == len(DATABASE)

    page.get_by_role("button", name="ML Security").click()

    shown = visible_topics(page)
    assert len(shown) == COUNTS["ML Security"] == 3
    assert all("ML Security" in t.split(", ") for t in shown)
    assert page.url.endswith("/publications/#topic=ML%20Security")
    assert page.get_by_role("button", name="ML Security").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="All").get_attribute("aria-pressed") == "false"
    # Years without a matching entry lose their heading too.
    headings = page.eval_on_selector_all(".hugokit-list h3", "els => els.filter(e => !e.hidden).map(e => e.textContent)")
    years = sorted({str(e["year"]) for e in DATABASE if "ML Security" in e["topics"]}, reverse=True)
    assert headings == years
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "publications-ml-security.png"), full_page=True)

    page.reload()
    assert len(visible_topics(page)) == 3
    assert page.get_by_role("button", name="ML Security").get_attribute("aria-pressed") == "true"

    page.get_by_role("button", name="All").click()
    assert len(visible_topics(page)) == len(DATABASE)
    assert "#topic" not in page.url
    page.close()


def test_a_shared_link_opens_filtered_and_entries_with_several_topics_count_once(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{base_url}/publications/#topic=Large%20Language%20Models")
    shown = visible_topics(page)
    assert len(shown) == COUNTS["Large Language Models"]
    assert any(len(t.split(", ")) > 2 for t in shown)
    assert page.locator("[data-hugokit-status]").text_content() == \
        f"{COUNTS['Large Language Models']} of {len(DATABASE)} publications: Large Language Models"
    page.close()


def test_filter_works_from_the_keyboard(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{base_url}/publications/")
    page.get_by_role("button", name="Healthcare").focus()
    page.keyboard.press("Enter")
    assert len(visible_topics(page)) == COUNTS["Healthcare"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    focused = page.evaluate("document.activeElement.dataset.hugokitTopic")
    assert len(visible_topics(page)) == COUNTS[focused]
    page.close()


def test_without_javascript_everything_is_visible_and_the_filter_hidden(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1100, "height": 1400})
    page = context.new_page()
    page.goto(f"{base_url}/publications/#topic=Healthcare")
    assert len(visible_topics(page)) == len(DATABASE)
    assert not page.locator("[data-hugokit-filter]").is_visible()
    context.close()


def test_screenshot_of_the_full_page(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{base_url}/publications/")
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "publications.png"
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000
    home = ARTIFACTS / "home.png"
    page.goto(f"{base_url}/")
    page.screenshot(path=str(home), full_page=True)
    page.close()
