"""Links to a page bundle's own files (`url_slides: exli-slides.pdf`) → the path the site
publishes them at.

Hugo publishes a leaf bundle's files beside its page: content/publication/exli/exli-slides.pdf
at /publication/exli/exli-slides.pdf (the page's URL, then the file's path in the bundle). That
path is certain only for a bundle under the site's content/ folder, holding the file, whose URL
nothing else changes: a folder name Hugo keeps as it is (no space: `journal-article1 copy 10` is
published as `journal-article1-copy-10`), no `url` in its front-matter (a `slug` replaces the last segment), no
`permalinks` for its section, no `uglyURLs`, no language subfolder or `contentDir` (a
multilingual site's pages sit under content/en/, published under another path), no `disablePathToLower`.
Hugo lower-cases the page's path, not the file's name (checked with Hugo 0.168:
content/publication/Mixed/Slides-A.pdf → /publication/mixed/Slides-A.pdf). Any other relative
link is left as it is, for the import to report.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from hugokit.layout import HUGO_CONFIG_NAMES
from hugokit.links import RELATIVE, problem
from hugokit.model import Publication

_CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
_PLAIN_PATH = re.compile(r"[a-z0-9/._~-]+")
_URL_CHANGING = ("uglyurls", "defaultcontentlanguageinsubdir", "disablepathtolower")


def publish_bundle_links(pub: Publication, page: Path, front_matter: dict[str, str]) -> None:
    """Rewrites pub's links to files of the bundle whose page is `page`, where their published
    path is certain (see the module's docstring)."""
    base = _page_path(page, front_matter)
    if base is None:
        return
    for kind, url in pub.links.items():
        if problem(url.replace(" ", "%20")) != RELATIVE:  # a file's name may hold spaces
            continue
        # the file's path in the bundle, or its published path written without the leading /
        # (`publication/exli/exli-slides.pdf`, which Hugo Blox reads from the site's root)
        name = url[len(base) - 1:] if url.lower().startswith(base[1:]) else url
        if _in_bundle(page.parent, name):
            pub.links[kind] = base + name.replace(" ", "%20")


def _in_bundle(bundle: Path, url: str) -> bool:
    name = PurePosixPath(url.split("?", 1)[0].split("#", 1)[0])
    return ".." not in name.parts and name.name not in ("index.md", "index.markdown") and (bundle / name).is_file()


def _page_path(page: Path, front_matter: dict[str, str]) -> str | None:
    """The URL path of the bundle's page, ending with /, or None when it is not certain."""
    if page.name.lower() not in ("index.md", "index.markdown") or front_matter.get("url"):
        return None
    folders = page.resolve().parent.parts
    if "content" not in folders:
        return None
    at = len(folders) - 1 - folders[::-1].index("content")
    site, segments = Path(*folders[:at]), list(folders[at + 1:])
    if not segments or _url_changed(site, segments[0]):
        return None
    if front_matter.get("slug"):
        segments[-1] = front_matter["slug"].strip("/")
    path = ("/" + "/".join(segments) + "/").lower()
    # Hugo makes a folder's name a URL its own way (`journal-article1 copy 10` → `…-copy-10`):
    # only a name it keeps as it is gives a certain path
    return path if _PLAIN_PATH.fullmatch(path) else None


def _url_changed(site: Path, section: str) -> bool:
    """Whether the site's configuration may publish the section somewhere else than its folder
    (a file that does not parse counts as one that does)."""
    from hugokit.theme_wiring import parse

    files = [site / name for name in HUGO_CONFIG_NAMES]
    if (site / "config").is_dir():
        files += [p for p in (site / "config").rglob("*") if p.suffix in _CONFIG_SUFFIXES]
    for path in files:
        if not path.is_file():
            continue
        try:
            data: object = parse(path.name, path.read_text(encoding="utf-8", errors="replace"))
        except ValueError:
            return True
        if path.parent != site and path.stem not in ("config", "hugo"):  # config/_default/permalinks.toml
            data = {path.stem: data}
        if _changes_urls(data, section.lower()):
            return True
    return False


def _changes_urls(data: object, section: str, under: str = "") -> bool:
    """Whether these settings (at any depth: a language's own, Hugo's newer permalinks.page) set
    a URL-changing option or a permalink for the section."""
    if not isinstance(data, dict):
        return False
    for key, value in data.items():
        name = str(key).lower()
        if name in _URL_CHANGING and value is True:
            return True
        if name == "contentdir" and str(value).strip("/") != "content":
            return True
        if under == "permalinks" and name == section:
            return True
        if _changes_urls(value, section, "permalinks" if name == "permalinks" or under == "permalinks" else ""):
            return True
    return False
