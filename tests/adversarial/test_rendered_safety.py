"""Rendered output is safe: with an injection string in every field and every link kind, the
pages Hugo renders with hugokit's layouts hold no markup that runs: no <script> but hugokit's
own (one, the same on every page), no on… attribute, no javascript: (or data:, vbscript:) URL."""
from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

import hostile
from conftest import REPO, hugokit, write
from hugo_site import render

CONFIG = f"""baseURL = "https://example.org/"
title = "injection"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[[module.imports]]
  path = "{REPO}"
"""
BASEOF = '<!DOCTYPE html>\n<html><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n'
HOME = '{{ define "main" }}{{ partial "hugokit/selected.html" (dict "limit" 100) }}{{ end }}\n'
SINGLE = '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n'
KINDS = ["paper", "code", "project", "slides", "video", "blog", "poster", "dataset"]
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
_RUNNABLE_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


def _entries() -> str:
    from hugokit.shortcode import unwritable

    lines = []
    for i, value in enumerate(hostile.INJECTIONS):
        if unwritable(value, list_item=True):
            continue  # build refuses these even when forced: see the test below
        text = json.dumps(value)
        links = ", ".join(f"{kind}: {text}" for kind in KINDS)
        lines.append(f"- {{id: injection{i}, title: {json.dumps(f'{value} {i}')}, year: 2020, venue: {text}, "
                     f"authors: [{text}], award: {text}, topics: [Selected, {text}], doi: {text}, arxiv: {text}, "
                     f"abstract: {text}, keywords: [{text}], links: {{{links}}}}}\n")
    return "".join(lines)


def test_no_injection_reaches_a_rendered_page_as_markup(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for relative, text in {"hugo.toml": CONFIG, "layouts/_default/baseof.html": BASEOF, "layouts/home.html": HOME,
                           "layouts/_default/single.html": SINGLE, "layouts/_default/list.html": SINGLE,
                           "data/publications.yaml": _entries(),
                           "data/topics.yaml": "- Selected\n"}.items():
        write(site / relative, text)
    build = hugokit("build", "--site", site, "--pages", "--force", "--no-cache")  # past check's errors on purpose
    assert build.exit_code == 0, build.output
    result = render(site, tmp_path / "public")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted((tmp_path / "public").rglob("*.html"))
    scripts: set[str] = set()
    listing = tmp_path / "public/publications/index.html"
    assert listing in pages and len(pages) > 10  # the list, the home page, a page per publication
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):  # only hugokit's own: one script, the same on every page
            assert not script.get("src") and "alert(" not in script.get_text(), (page, script)
            scripts.add(script.get_text())
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (page, tag)
                if name.lower() in _URL_ATTRIBUTES:
                    assert not _RUNNABLE_URL.match(value), (page, tag)
    assert len(scripts) == 1 and "hugokit" in next(iter(scripts))
    titles = BeautifulSoup(listing.read_text(encoding="utf-8"), "html.parser").select(".hugokit-pub__title")
    assert any("<script>alert(1)</script>" in t.get_text() for t in titles)  # shown as text, not run


def test_build_refuses_what_would_break_the_page_even_when_forced(tmp_path: Path) -> None:
    for value in ("{{< publication >}}", ">}}", "a\u0085b", "{{% x %}}"):
        site = tmp_path / str(abs(hash(value)))
        write(site / "data/publications.yaml", f"- {{title: {json.dumps(value)}, year: 2020}}\n")
        for options in (("--force",), ("--force", "--pages")):
            run = hugokit("build", "--site", site, "--no-cache", *options)
            assert run.exit_code == 1 and "error[unsafe-value]" in run.stdout, run.output
            assert "cannot be written into the page safely" in run.stderr
        write(site / "hugokit.yaml", "ignore: [unsafe-value]\n")
        assert hugokit("build", "--site", site, "--no-cache", "--force").exit_code == 1
        assert not (site / "content").exists()
