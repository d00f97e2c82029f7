"""Which sides a report involves, and what kind of actor each name is.

A China–Russia timeline keeps an event only when both sides take part in it: through a person,
a body, a state or the place where it happens. "Modi visited Kyiv" is news, but not this
timeline's; "Lavrov arrived in Beijing" is."""

from dataclasses import dataclass, field

from . import lexicon
from .knowledge import ActorInfo

BRIEFING_REACH = 6  # sentences after a briefing's title that tell what it was about


@dataclass
class ActorLookup:
    actors: dict[str, ActorInfo]
    sides: tuple[str, ...] = lexicon.DEFAULT_SIDES
    places: dict = field(default_factory=dict)  # slug -> PlaceInfo
    outlets: set[str] = field(init=False)

    def __post_init__(self):
        self.outlets = {
            slug
            for slug, actor in self.actors.items()
            if actor.kind == "organisation" and any(role in actor.role.lower() for role in lexicon.OUTLET_ROLES)
        }

    def kind(self, slug) -> str:
        actor = self.actors.get(slug)
        return actor.kind if actor else "person"

    def is_person(self, slug) -> bool:
        return self.kind(slug) == "person"

    def is_state(self, slug) -> bool:
        return self.kind(slug) == "state"

    def country(self, slug) -> str:
        actor = self.actors.get(slug)
        return actor.country if actor else ""

    def on_a_side(self, slug) -> bool:
        return self.country(slug) in self.sides

    def place_country(self, slug) -> str:
        place = self.places.get(slug)
        return place.country if place else ""


def mention_sides(mention, doc, lookup) -> set[str]:
    """The sides a mention involves: its actors', what a statement speaks of, and its place's."""
    # Who reports an event does not take part, but "Putin added that Xi will be the main guest"
    # still ties the event to Russia.
    named = [*mention.actors, *mention.about, *mention.reported_by]
    if mention.anchored_to is not None:  # "Following the talks, Gazprom announced ...": the talks' sides
        named += mention.anchored_to.actors
    if mention.kind == "statement" and not mention.gist and not mention.quotes:
        # "Lin Jian's press conference on May 9": what was said follows in the next sentences.
        after = doc.sentences[mention.sentence.index + 1 : mention.sentence.index + 1 + BRIEFING_REACH]
        if after:
            start, end = after[0].start, after[-1].end
            named += [m.slug for m in doc.actor_mentions if start <= m.start < end]
    if mention.says_previous and mention.sentence.index > 0:
        before = doc.sentences[mention.sentence.index - 1]
        named += [m.slug for m in doc.actor_mentions if before.start <= m.start < before.end]
    if mention.refers_back:  # "Ushakov confirmed the meeting": the meetings this article tells of
        named += [slug for m in doc.mentions if m.group in ("encounter", "call", "talk") for slug in m.actors]
    found = {lookup.country(slug) for slug in named if slug not in lookup.outlets}
    people = [slug for slug in mention.principals if lookup.is_person(slug)]
    if mention.group in ("encounter", "call", "talk") and mention.kind != "visit" and len(people) >= 2:
        # Modi and Xi meeting in Kazan is not a China–Russia meeting: the people must be both sides.
        return found & set(lookup.sides)
    places = [mention.location] if mention.location else []
    if mention.kind == "statement":
        # A statement may name the other side only by a place ("a visit to Beijing").
        sentence = mention.sentence
        places += [slug for start, _, slug in doc.places if sentence.start <= start < sentence.end]
    found |= {lookup.place_country(slug) for slug in places}
    return found & set(lookup.sides)


def separate_meetings(mention, lookup) -> None:
    """'The president will meet Laos's leader, Peru's prime minister and China's top
    legislator': people of both sides and two or more others, with no word that they met together,
    each meet him alone. This timeline's meeting is the one between the two sides."""
    if mention.kind != "meeting" or mention.joint:
        return
    third = {s for s in mention.people if not lookup.on_a_side(s)}
    sides = {lookup.country(s) for s in mention.people} & set(lookup.sides)
    if len(third) < 2 or len(sides) < len(lookup.sides):
        return
    mention.actors = [s for s in mention.actors if s not in third]
    mention.principals = [s for s in mention.principals if s not in third]
    mention.people = [s for s in mention.people if s not in third]
