"""A citation for an event, to copy into an article or a bibliography: plain text
and BibTeX, each with the event's permanent address and the articles that report it."""

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from .listing import machine_date

SITE = "Chronicle: China–Russia relations"
# What BibTeX reads as commands or groups, escaped so that any title stays plain text.
BIBTEX_SPECIAL = re.compile(r"([\\{}$&%#_^~])")
BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


@dataclass(frozen=True)
class Reported:
    title: str
    outlet: str
    published_on: date | None
    url: str

    def plain(self) -> str:
        where = ", ".join(
            part for part in (self.outlet, self.published_on and f"{self.published_on:%-d %B %Y}") if part
        )
        return f"{self.title}" + (f" ({where})" if where else "") + (f", {self.url}" if self.url else "")


def bibtex_text(value: str) -> str:
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_REPLACEMENTS.get(m.group(1), "\\" + m.group(1)), " ".join(value.split()))


def reports_of(citations) -> list[Reported]:
    """Each cited article once, in the order given, with its address only if it is a web one."""
    found = {}
    for citation in citations:
        source = citation.source
        url = source.url if urlsplit(source.url.strip()).scheme.lower() in ("http", "https") else ""
        found.setdefault(source.pk, Reported(source.title, source.publisher, source.published_on, url))
    return list(found.values())


def plain_citation(event, permalink: str, reports: list[Reported], accessed: date) -> str:
    cited = "; ".join(report.plain() for report in reports)
    title = event.title.replace("“", "‘").replace("”", "’")  # quotes inside quotes turn single
    text = f"“{title}” ({event.date_label}). {SITE}. {permalink} (accessed {accessed:%-d %B %Y})."
    return text + (f" Reported in: {cited}." if cited else "")


def bibtex_citation(event, permalink: str, reports: list[Reported], accessed: date) -> str:
    fields = [
        ("title", f"{{{bibtex_text(event.title)}}}"),
        ("howpublished", bibtex_text(SITE).replace("–", "--")),
        ("date", machine_date(event)),
        ("url", permalink),
        ("urldate", accessed.isoformat()),
    ]
    if reports:
        fields.append(("note", "Reported in: " + "; ".join(bibtex_text(report.plain()) for report in reports)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{chronicle-{event.slug},\n{body}\n}}"


def ways_to_cite(event, permalink: str, citations, accessed: date) -> dict:
    """The event page's citations, by template name."""
    reports = reports_of(citations)
    return {
        "cite_plain": plain_citation(event, permalink, reports, accessed),
        "cite_bibtex": bibtex_citation(event, permalink, reports, accessed),
    }
