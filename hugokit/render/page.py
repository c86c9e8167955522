"""The shortcode page (content/publications.md), in the exact format hand-written sites use."""
from __future__ import annotations

from hugokit import shortcode
from hugokit.model import Publication, by_year

DEFAULT_FRONT_MATTER = 'title: "Publications"\nlayout: "publications"\nurl: "/publications/"\nsummary: publications\n'
YEAR_END = "&emsp;\n"


# shortcode.PARAMS with each link kind taken out (None: a field), read once.
_LEADING = tuple((param, source[6:] if source.startswith("links.") else None, source) for param, source in shortcode.PARAMS)


def render_entry(pub: Publication) -> str:
    links, quote = pub.links, shortcode.quote
    opening = [f"{name}={quote(links.get(kind, '') if kind is not None else str(getattr(pub, source)))}"
               for name, kind, source in _LEADING]
    opening += [f"{shortcode.link_param(kind)}={quote(url)}" for kind, url in links.items()
                if kind not in shortcode.SHORTCODE_LINK_PARAMS]
    opening.append(f"{shortcode.TOPICS_PARAM}={quote(shortcode.LIST_SEPARATOR.join(pub.topics))}")
    if pub.id:  # only then: the layouts find an entry without one by its title
        opening.append(f"{shortcode.ID_PARAM}={quote(pub.id)}")
    return (f"{{{{< {shortcode.NAME} {' '.join(opening)} >}}}}\n"
            f"{shortcode.author_line(pub.authors, pub.editors)}\n"
            f"{{{{< /{shortcode.NAME} >}}}}\n")


def render_page(publications: list[Publication], front_matter: str = DEFAULT_FRONT_MATTER) -> str:
    """The whole page: front-matter, then per filed year (newest first) its entries."""
    parts = [f"---\n{front_matter}---\n"]
    for year, entries in by_year(publications):
        parts.append(f"\n### {year}\n\n")
        parts.extend(render_entry(pub) + "\n" for pub in entries)
        parts.append(YEAR_END)
    return "".join(parts)
