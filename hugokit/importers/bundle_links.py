"""Links to a page bundle's own files (`url_slides: exli-slides.pdf`) → the path the site
publishes them at.

Hugo publishes a leaf bundle's files beside its page: content/publication/exli/exli-slides.pdf
at /publication/exli/exli-slides.pdf (the page's URL, then the file's path in the bundle). That
path is certain only for a bundle under the site's content/ folder, holding the file, whose URL
nothing else changes: no `url` in its front-matter (a `slug` replaces the last segment), no
`permalinks` for its section, no `uglyURLs`, no language subfolder, no `disablePathToLower`.
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
_URL_CHANGING = re.compile(r"uglyurls|defaultcontentlanguageinsubdir|disablepathtolower", re.IGNORECASE)


def publish_bundle_links(pub: Publication, page: Path, front_matter: dict[str, str]) -> None:
    """Rewrites pub's links to files of the bundle whose page is `page`, where their published
    path is certain (see the module's docstring)."""
    base = _page_path(page, front_matter)
    if base is None:
        return
    for kind, url in pub.links.items():
        if problem(url) != RELATIVE or not _in_bundle(page.parent, url):
            continue
        pub.links[kind] = base + url


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
    return ("/" + "/".join(segments) + "/").lower()


def _url_changed(site: Path, section: str) -> bool:
    """Whether the site's configuration may publish the section somewhere else than its folder."""
    files = [site / name for name in HUGO_CONFIG_NAMES]
    if (site / "config").is_dir():
        files += [p for p in (site / "config").rglob("*") if p.suffix in _CONFIG_SUFFIXES]
    for path in files:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if _URL_CHANGING.search(text) or ("permalinks" in text.lower()
                                         and re.search(rf"^\s*['\"]?{re.escape(section)}['\"]?\s*[:=]", text, re.M)):
            return True
    return False
