"""The pages a site keeps of its publications by hand, where `hugokit build --pages` would put a
bundle: found by title, so that no publication is listed twice (see build.plan_build)."""

import os
from pathlib import Path

from hugokit.site import Site


def hand_written_pages(site: Site, folder: str, others: set[str], looked_at: dict[str, str | None]) -> dict[str, str]:
    """The hand-written bundles among the folders no publication is built into: the folded title
    of each, to its index.md (recorded in looked_at, as the plan depends on it)."""
    from hugokit.regular_files import read_bytes
    from hugokit.render.bundles import MARK, marked
    from hugokit.text import fold

    titles: dict[str, str] = {}
    for relative in site_pages(site.config.path(folder), folder, others):
        try:
            data = read_bytes(site.config.path(relative))
        except OSError:  # none there, a folder, or unreadable: no page to compare
            continue
        if not marked(data, MARK):
            looked_at[relative] = site.cache.data_digest(data)
            title = front_matter_title(data)
            if title:
                titles.setdefault(fold(title), relative)
    return titles


def front_matter_title(data: bytes) -> str:
    """The title a page's YAML or TOML front-matter gives, else ""."""
    import tomllib

    import yaml

    from hugokit.text import front_matter_close

    lines = data.decode("utf-8", errors="replace").splitlines()
    for opener, parse in (("---", yaml.safe_load), ("+++", tomllib.loads)):
        end = front_matter_close(lines, opener)
        if end is None:
            continue
        try:
            meta = parse("\n".join(lines[1:end]))
        except (yaml.YAMLError, ValueError, RecursionError):  # TOMLDecodeError is a ValueError
            return ""  # names no publication here (check reports the front-matter)
        title = meta.get("title") if isinstance(meta, dict) else None
        return title.strip() if isinstance(title, str) else ""
    return ""


def site_pages(base: Path, folder: str, others: set[str]) -> list[str]:
    """The pages a site may keep of its publications where no bundle is built: each other
    folder's index.md, else the bundles nested in it (content/en/publication/2020/ACL/CamemBERT/,
    as some sites sort them), and the loose pages beside them (Hugo Academic's clipper-pub.md)."""
    found = []
    for slug in sorted(others):
        if (base / slug / "index.md").is_file():
            found.append(f"{folder}/{slug}/index.md")
            continue
        for parent, names, files in sorted(os.walk(base / slug)):
            names[:] = [n for n in names if not n.startswith(".")]
            if "index.md" in files:
                found.append(f"{folder}/{Path(parent, 'index.md').relative_to(base).as_posix()}")
    try:
        with os.scandir(base) as entries:
            found += sorted(f"{folder}/{e.name}" for e in entries
                            if e.name.endswith(".md") and not e.name.startswith("_index.") and e.is_file())
    except OSError:
        pass
    return found
