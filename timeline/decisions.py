"""Editors' decisions that must outlive every load, refresh and import.

A rejected or deleted event, an actor taken off an event and a citation taken
away each leave a Tombstone. Loading consults them (`Decisions`) before it
writes anything, so the machine never proposes again what a person turned down.
"""

from dataclasses import dataclass

from .models import Citation, Event, EventAlias, Participation, Tombstone


def same_words(quote: str) -> str:
    """Quotes compare by their words: re-extraction may trim or join whitespace differently."""
    return " ".join(quote.split()).casefold()


# --- Recording ---------------------------------------------------------------


def _decider(user):
    """The editor who decided; None for a command or an anonymous caller."""
    return user if getattr(user, "is_authenticated", False) else None


def bury_event(event: Event, reason: str = "", user=None) -> None:
    """Tombstones for an event about to be deleted: by its slug, and by each sentence that reported it."""
    decided_by = _decider(user)
    citations = list(event.citations.select_related("source"))
    stones = [
        Tombstone(
            kind=Tombstone.Kind.EVENT,
            event_slug=event.slug,
            source_origin=c.source.origin,
            quote=c.quote,
            title=event.title,
            reason=reason,
            decided_by=decided_by,
        )
        for c in citations
    ] or [
        Tombstone(
            kind=Tombstone.Kind.EVENT, event_slug=event.slug, title=event.title, reason=reason, decided_by=decided_by
        )
    ]
    Tombstone.objects.bulk_create(stones)


def bury_participation(participation: Participation, reason: str = "", user=None) -> None:
    Tombstone.objects.create(
        kind=Tombstone.Kind.PARTICIPATION,
        event_slug=participation.event.slug,
        actor_slug=participation.actor.slug,
        title=participation.event.title,
        reason=reason,
        decided_by=_decider(user),
    )


def bury_citation(citation: Citation, reason: str = "", user=None) -> None:
    Tombstone.objects.create(
        kind=Tombstone.Kind.CITATION,
        event_slug=citation.event.slug,
        source_origin=citation.source.origin,
        quote=citation.quote,
        title=citation.event.title,
        reason=reason,
        decided_by=_decider(user),
    )


# --- Consulting ----------------------------------------------------------------


@dataclass
class Decisions:
    """Every tombstone, read once per load, in the shapes the loader asks about."""

    current_slug: dict[str, str]  # an old slug → the event's slug now
    rejected_slugs: set[str]
    rejected_quotes: set[tuple[str, str]]  # (source origin, words of the quote)
    removed_actors: set[tuple[str, str]]  # (event slug, actor slug)
    removed_citations: set[tuple[str, str, str]]  # (event slug, source origin, words)

    @classmethod
    def read(cls) -> "Decisions":
        current = dict(EventAlias.objects.values_list("slug", "event__slug"))
        canon = current.get
        decisions = cls(current, set(), set(), set(), set())
        for kind, slug, actor, origin, quote in Tombstone.objects.values_list(
            "kind", "event_slug", "actor_slug", "source_origin", "quote"
        ):
            slug = canon(slug, slug)
            if kind == Tombstone.Kind.EVENT:
                decisions.rejected_slugs.add(slug)
                if quote:
                    decisions.rejected_quotes.add((origin, same_words(quote)))
            elif kind == Tombstone.Kind.PARTICIPATION:
                decisions.removed_actors.add((slug, actor))
            else:
                decisions.removed_citations.add((slug, origin, same_words(quote)))
        return decisions

    def canonical(self, slug: str) -> str:
        return self.current_slug.get(slug, slug)

    def rejects_event(self, slug: str, quotes: list[tuple[str, str]]) -> bool:
        """Rejected by name, or every sentence that reports it was a rejected event's sentence."""
        if self.canonical(slug) in self.rejected_slugs:
            return True
        return bool(quotes) and all((origin, same_words(q)) in self.rejected_quotes for origin, q in quotes)

    def rejects_quote(self, origin: str, quote: str) -> bool:
        return (origin, same_words(quote)) in self.rejected_quotes

    def removed_actor(self, slug: str, actor: str) -> bool:
        return (self.canonical(slug), actor) in self.removed_actors

    def removed_citation(self, slug: str, origin: str, quote: str) -> bool:
        return (self.canonical(slug), origin, same_words(quote)) in self.removed_citations
