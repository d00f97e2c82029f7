"""The facet lists' choices as HTML, escaped once in Python, as entry_html.py does for the
list entries. The template (index.html's facet-lists) lays out the fieldsets and says what
each list is; what repeats, up to sixty actors, a dozen places, the kinds and the years,
is written here. Rendered by the template engine, those choices took longer than every
facet query of the request together (issue 13: a cold filter change)."""

from html import escape

from django.utils.safestring import SafeString

from .facets import FacetValue


def count_html(n: int) -> str:
    """The count beside a choice: "12" on screen, "(12 events)" to a screen reader."""
    noun = "event" if n == 1 else "events"
    return (
        f'<span class="count"><span class="visually-hidden">(</span>{n}'
        f'<span class="visually-hidden"> {noun})</span></span>'
    )


def _checkbox(field: str, value: FacetValue, label_html: str, *, disable_empty: bool = False) -> str:
    key = escape(value.value)
    empty = disable_empty and not value.count
    state = " checked" if value.selected else " disabled" if empty else ""
    return (
        f'<li class="facet-item{" is-empty" if empty else ""}">'
        f'<input type="checkbox" class="auto-submit" id="{field}-{key}" name="{field}" value="{key}"{state}>'
        f'<label for="{field}-{key}">{label_html} {count_html(value.count)}</label></li>\n'
    )


def kind_choices(values: list[FacetValue]) -> SafeString:
    """Every kind, an empty one greyed out and not choosable (unless already chosen)."""
    return SafeString(
        "".join(
            _checkbox(
                "kind",
                value,
                f'<span class="badge kind-{escape(value.value)}">{escape(value.label)}</span>',
                disable_empty=True,
            )
            for value in values
        )
    )


def name_choices(field: str, values: list[FacetValue]) -> SafeString:
    """Actors or places by name: `field` is the query parameter they set."""
    return SafeString("".join(_checkbox(field, value, escape(value.label)) for value in values))


def year_links(years: list[tuple[FacetValue, str]]) -> SafeString:
    """(year, its address) pairs as links; the list around them gives their htmx target."""
    links = []
    for value, url in years:
        href = escape(url)
        current = ' aria-current="true"' if value.selected else ""
        links.append(
            f'<li><a class="pill{" is-selected" if value.selected else ""}" href="{href}" hx-get="{href}"{current}>'
            f"{escape(value.label)} {count_html(value.count)}</a></li>\n"
        )
    return SafeString("".join(links))
