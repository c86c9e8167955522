"""The rendered publications page in a real browser (Debian's Chromium driven by Playwright), at
a desktop and a phone width: search, topic and type filters combine, their state lives in the
URL, counts follow the other filters, the BibTeX copy button copies, the keyboard reaches
everything, and without JavaScript the whole list shows."""
from __future__ import annotations

import functools
import http.server
import json
import os
import threading
import unicodedata
from pathlib import Path
from typing import Iterator

import pytest

from conftest import EXAMPLE_SITE, REPO
from hugo_site import render

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
LAYOUT_DATA = json.loads((EXAMPLE_SITE / "data/hugokit/publications.json").read_text())
ENTRIES = [LAYOUT_DATA["entries"][key] for key in LAYOUT_DATA["order"]]
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
WIDTHS = [1280, 390]
VLLM = "Efficient Memory Management for Large Language Model Serving with PagedAttention"

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


def new_page(browser, width: int, **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    return page


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def expected_titles(topic: str = "", kind: str = "", query: str = "") -> list[str]:
    def matches(entry: dict) -> bool:
        text = fold(" ".join([entry["title"], ", ".join(entry.get("authors", [])), entry.get("venue", "")]))
        return ((not topic or topic in entry.get("topics", [])) and (not kind or entry["kind"] == kind)
                and all(word in text for word in fold(query).split()))
    return [entry["title"] for entry in ENTRIES if matches(entry)]


def visible_titles(page) -> list[str]:
    return page.eval_on_selector_all(
        ".hugokit-list .hugokit-pub",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.querySelector('.hugokit-pub__title').textContent)")


def visible_headings(page) -> list[str]:
    return page.eval_on_selector_all(".hugokit-list h3", "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)")


def count(page, attribute: str, value: str) -> int:
    return int(page.locator(f'button[{attribute}="{value}"] .hugokit-count').text_content())


@pytest.mark.parametrize("width", WIDTHS)
def test_topic_type_and_search_combine_and_the_url_keeps_them(browser, base_url: str, width: int) -> None:
    page = new_page(browser, width)
    page.goto(f"{base_url}/publications/")
    assert visible_titles(page) == expected_titles()

    page.get_by_role("button", name="ML Systems").click()
    page.get_by_role("button", name="Conference").click()
    page.get_by_label("Search").fill("serving")
    expected = expected_titles("ML Systems", "conference", "serving")
    assert 1 < len(expected) < len(expected_titles("ML Systems", "conference"))
    assert visible_titles(page) == expected
    assert page.url.endswith("/publications/#topic=ML%20Systems&type=conference&q=serving")
    # Each count says how many entries that button would show with the other filters kept.
    assert count(page, "data-hugokit-topic", "Large Language Models") == \
        len(expected_titles("Large Language Models", "conference", "serving"))
    assert count(page, "data-hugokit-type", "preprint") == len(expected_titles("ML Systems", "preprint", "serving"))
    assert count(page, "data-hugokit-topic", "") == len(expected_titles("", "conference", "serving"))
    years = [str(e["year"]) for e in ENTRIES if e["title"] in expected]
    assert visible_headings(page) == sorted(set(years), reverse=True)
    assert page.locator("[data-hugokit-status]").text_content() == \
        f"{len(expected)} of {len(ENTRIES)} publications: ML Systems, Conference, \u201cserving\u201d"

    page.reload()
    assert visible_titles(page) == expected
    assert page.get_by_label("Search").input_value() == "serving"
    assert page.get_by_role("button", name="ML Systems").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="Conference").get_attribute("aria-pressed") == "true"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"publications-filtered-{width}.png"), full_page=True)

    page.get_by_role("button", name="All").click()
    page.get_by_role("button", name="Any type").click()
    page.get_by_label("Search").fill("")
    assert visible_titles(page) == expected_titles()
    assert "#" not in page.url
    assert page.errors == []
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(browser, base_url: str, width: int) -> None:
    """The README's picture (examples/publications-page.png is the 1280 px one, copied by hand)."""
    page = new_page(browser, width)
    page.goto(f"{base_url}/publications/#topic=ML%20Systems&q=goodput")
    assert len(visible_titles(page)) == 2
    pollux = page.locator(".hugokit-pub", has_text="Pollux")
    assert pollux.locator(".hugokit-award").is_visible()
    pollux.locator("summary", has_text="BibTeX").click()
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"publications-{width}.png"
    page.screenshot(path=str(target))
    assert target.stat().st_size > 20_000
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_search_that_matches_nothing_says_so(browser, base_url: str, width: int) -> None:
    page = new_page(browser, width)
    page.goto(f"{base_url}/publications/#q=Gonz%C3%A1lez%20zzzz")
    assert visible_titles(page) == [] and visible_headings(page) == []
    assert page.locator("[data-hugokit-empty]").is_visible()
    page.get_by_role("button", name="Show all").click()
    assert visible_titles(page) == expected_titles()
    assert not page.locator("[data-hugokit-empty]").is_visible()
    # Accents do not matter: "Gonzalez" finds "González" and the other way round.
    page.get_by_label("Search").fill("gonzález stoica")
    assert visible_titles(page) == expected_titles(query="gonzalez stoica") != []
    page.context.close()


def test_the_copy_button_puts_the_bibtex_on_the_clipboard(browser, base_url: str) -> None:
    page = new_page(browser, 1280, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{base_url}/publications/")
    entry = page.locator(".hugokit-pub", has_text=VLLM)
    entry.locator("summary", has_text="BibTeX").click()
    code = entry.locator(".hugokit-bibtex code").text_content()
    assert code.startswith("@inproceedings{kwon2023vllm,")
    entry.get_by_role("button", name="Copy").click()
    page.wait_for_function("document.querySelector('[data-hugokit-copy-label]') && "
                           "[...document.querySelectorAll('[data-hugokit-copy-label]')].some(e => e.textContent !== 'Copy')")
    assert page.evaluate("navigator.clipboard.readText()") == code
    assert entry.locator("[data-hugokit-copy-label]").text_content() == "Copied"
    page.context.close()


def test_without_clipboard_access_the_bibtex_is_left_selected(browser, base_url: str) -> None:
    page = new_page(browser, 390)
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(f"{base_url}/publications/")
    entry = page.locator(".hugokit-pub", has_text=VLLM)
    entry.locator("summary", has_text="BibTeX").click()
    entry.get_by_role("button", name="Copy").click()
    assert page.evaluate("window.getSelection().toString()") == entry.locator(".hugokit-bibtex code").text_content()
    page.context.close()


def tab_to(page, condition: str, limit: int = 400) -> None:
    """Presses Tab until the focused element satisfies the JavaScript condition (on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => !!el && ({condition}))(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element with {condition}")


@pytest.mark.parametrize("width", WIDTHS)
def test_everything_works_from_the_keyboard(browser, base_url: str, width: int) -> None:
    page = new_page(browser, width, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{base_url}/publications/")
    tab_to(page, "el.matches('[data-hugokit-search]')")
    page.keyboard.type("lookahead")
    tab_to(page, "el.dataset.hugokitTopic === 'Large Language Models'")
    page.keyboard.press("Enter")
    assert visible_titles(page) == expected_titles("Large Language Models", "", "lookahead") != []
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # the topic before it
    focused = page.evaluate("document.activeElement.dataset.hugokitTopic")
    assert visible_titles(page) == expected_titles(focused, "", "lookahead")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    tab_to(page, "el.tagName === 'SUMMARY' && el.textContent.trim() === 'BibTeX'")
    page.keyboard.press("Enter")
    assert page.locator("details.hugokit-toggle--bibtex[open]").count() == 1
    tab_to(page, "el.matches('[data-hugokit-copy]')", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_function("[...document.querySelectorAll('[data-hugokit-copy-label]')].some(e => e.textContent === 'Copied')")
    assert page.evaluate("navigator.clipboard.readText()").startswith("@")
    page.context.close()


def test_without_javascript_everything_is_visible_and_the_filters_hidden(browser, base_url: str) -> None:
    page = new_page(browser, 390, java_script_enabled=False)
    page.goto(f"{base_url}/publications/#topic=Healthcare&q=zzzz")
    assert visible_titles(page) == expected_titles()
    assert not page.locator("[data-hugokit-filters]").is_visible()
    assert not page.locator("[data-hugokit-empty]").is_visible()
    entry = page.locator(".hugokit-pub", has_text=VLLM)
    assert not entry.locator(".hugokit-abstract").is_visible()
    entry.locator("summary", has_text="Abstract").click()  # <details>: no script needed
    assert entry.locator(".hugokit-abstract").is_visible()
    entry.locator("summary", has_text="BibTeX").click()
    assert entry.locator(".hugokit-bibtex").is_visible()
    assert not entry.locator("[data-hugokit-copy]").is_visible()  # the one part that needs JavaScript
    page.context.close()


def test_colours_follow_a_dark_theme(browser, base_url: str) -> None:
    page = new_page(browser, 1280)
    page.goto(f"{base_url}/publications/")
    page.add_style_tag(content="body{background:#111827;color:#e5e7eb}")
    colours = page.evaluate("""() => {
      const style = s => getComputedStyle(document.querySelector(s));
      return {body: style('body').color, award: style('.hugokit-award').color,
              awardBg: style('.hugokit-award').backgroundColor, button: style('.hugokit-button').color,
              title: style('.hugokit-pub__title a').color};
    }""")
    assert colours["award"] == colours["body"] == colours["button"] == colours["title"]
    assert colours["awardBg"].startswith("color(srgb") or colours["awardBg"].startswith("rgba")  # translucent
    page.context.close()


def test_the_home_page_selected_list_has_working_copy_buttons(browser, base_url: str) -> None:
    page = new_page(browser, 390, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{base_url}/")
    entries = page.locator(".hugokit-selected .hugokit-pub")
    assert entries.count() == 8
    entries.first.locator("summary", has_text="BibTeX").click()
    entries.first.get_by_role("button", name="Copy").click()
    page.wait_for_function("[...document.querySelectorAll('[data-hugokit-copy-label]')].some(e => e.textContent === 'Copied')")
    assert page.evaluate("navigator.clipboard.readText()").startswith("@")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home-390.png"), full_page=True)
    page.context.close()
