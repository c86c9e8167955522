"""What `hugokit init` writes into a site with a theme, rendered by real Hugo: hugokit goes after
the theme (in the theme list, or among the module imports), so the publications page renders
inside the theme's own base; and the mount that keeps data/publications.yaml out of Hugo's data
loading leaves every other folder of the site (content, layouts, static, assets, i18n, the rest
of data) working, although declaring a mount replaces Hugo's default one for that folder."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, SEED_PAGE, hugokit, write
from hugo_site import new_site, render
from hugokit import HUGO_MODULE
from test_layouts_standalone import PAPERMOD_LIKE

SITE_FILES = {
    "content/publications.md": SEED_PAGE.read_text(),
    "content/about.md": "---\ntitle: About the lab\n---\nWe write papers.\n",
    "static/lab.txt": "the lab's own static file\n",
    "assets/lab.css": "body { margin: 0 }\n",
    "i18n/en.toml": 'greeting = "Welcome to the lab"\n',
    "data/lab.yaml": "name: The Lab\n",
    # The site's own home page, in place of the theme's: it shows what reached Hugo.
    "layouts/home.html": '{{ define "main" }}<p id="greeting">{{ i18n "greeting" }}</p>'
                         '<p id="lab">{{ hugo.Data.lab.name }}</p>'
                         '<p id="database">{{ with hugo.Data.publications }}loaded{{ else }}not loaded{{ end }}</p>'
                         '<p id="css">{{ (resources.Get "lab.css").RelPermalink }}</p>'
                         '{{ partial "hugokit/selected.html" (dict "limit" 3) }}{{ end }}\n',
}


@pytest.mark.parametrize("wiring", ["theme list", "module imports"])
def test_init_puts_hugokit_after_the_theme_and_the_page_renders_in_the_themes_base(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wiring: str) -> None:
    themes = tmp_path / "themes"
    for relative, text in PAPERMOD_LIKE.items():
        write(themes / "papermod-like" / relative, text)
    (themes / "hugokit").symlink_to(REPO)  # as a Git submodule would hold hugokit
    site = new_site(tmp_path / "site")
    for relative, text in SITE_FILES.items():
        write(site / relative, text)
    config = site / "hugo.toml"
    before = config.read_text()
    if wiring == "theme list":
        config.write_text(before + 'theme = "papermod-like"\n')
    else:
        config.write_text(before + f'[[module.imports]]\n  path = "{themes / "papermod-like"}"\n')

    run = hugokit("init", "--site", site)
    assert "imported 47 publications" in run.stdout, run.output
    settings = tomllib.loads(config.read_text())
    if wiring == "theme list":
        assert "hugo.toml: put hugokit last in its theme list, after papermod-like" in run.stdout
        assert settings["theme"] == ["papermod-like", "hugokit"]
    else:
        assert f"hugo.toml: added hugokit as a Hugo module import, after {themes / 'papermod-like'}" in run.stdout
        assert [i["path"] for i in settings["module"]["imports"]] == [str(themes / "papermod-like"), HUGO_MODULE]
    assert "hugo.toml: mounted data/ without publications.yaml" in run.stdout
    assert settings["module"]["mounts"] == [{"source": "data", "target": "data", "files": ["! publications.yaml"]}]

    monkeypatch.setenv("HUGO_MODULE_REPLACEMENTS", f"{HUGO_MODULE} -> {REPO}")  # hugokit's import, offline
    result = render(site, tmp_path / "public", "--themesDir", str(themes), "--disableKinds", "taxonomy,term,RSS,sitemap")
    assert result.returncode == 0, result.stdout + result.stderr

    page = BeautifulSoup((tmp_path / "public/publications/index.html").read_text(), "html.parser")
    assert page.select_one("html")["class"] == ["papermod-like"]  # the theme's base, not hugokit's
    assert page.select_one("header.pm-header") is not None
    assert len(page.select("main.pm-main article.hugokit-publications .hugokit-list .hugokit-pub")) == 47

    # Every folder of the site still reaches Hugo; only the YAML database is kept out.
    home = BeautifulSoup((tmp_path / "public/index.html").read_text(), "html.parser")
    assert home.select_one("#greeting").get_text() == "Welcome to the lab"   # i18n/
    assert home.select_one("#lab").get_text() == "The Lab"                   # data/, the rest of it
    assert home.select_one("#database").get_text() == "not loaded"           # data/publications.yaml
    assert home.select_one("#css").get_text() == "/lab.css"                   # assets/
    assert len(home.select(".hugokit-selected .hugokit-pub")) == 3            # data/hugokit/publications.json
    about = BeautifulSoup((tmp_path / "public/about/index.html").read_text(), "html.parser")
    assert about.select_one("h1.pm-single").get_text() == "About the lab"     # content/
    assert (tmp_path / "public/lab.txt").read_text() == SITE_FILES["static/lab.txt"]  # static/
