"""Events, the actors who take part in them and the sources that report them.

Every event is tied to the exact sentence that reports it (Citation), with the
words the text used for its date and how that date was worked out.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .date_labels import DAY, MONTH, YEAR, date_label, period_end, period_start
from .month_runs import MonthsRun
from .sql_rows import read_rows, table


class Precision(models.TextChoices):
    DAY = DAY, "day"
    MONTH = MONTH, "month"
    YEAR = YEAR, "year"


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# --- Actors -----------------------------------------------------------------


class ActorQuerySet(models.QuerySet):
    def needing_review(self):
        return self.filter(needs_review=True)


class ActorManager(models.Manager.from_queryset(ActorQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ActorKind(models.TextChoices):
    PERSON = "person", "person"
    ORGANISATION = "organisation", "organisation"
    STATE = "state", "state"


class Actor(models.Model):
    Kind = ActorKind

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PERSON)
    country = models.CharField(max_length=100, blank=True, help_text="Country or affiliation.")
    role = models.CharField(max_length=200, blank=True, help_text="Role or title, e.g. 'President of Russia'.")
    aliases = models.TextField(
        blank=True,
        help_text="Other names the extractor should recognise, one per line (e.g. 'Xi', 'Mr. Xi').",
    )
    description = models.TextField(blank=True)
    needs_review = models.BooleanField(
        default=False, help_text="Found by the extractor and not yet checked by an editor."
    )

    objects = ActorManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ActorKind.values), name="actor_kind_valid"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def alias_list(self) -> list[str]:
        return split_lines(self.aliases)


# --- Places and the calendar of well-known events (evidence for dating) -----


class PlaceManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Place(models.Model):
    """A place the extractor recognises as an event's location."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    country = models.CharField(max_length=100, blank=True)
    aliases = models.TextField(blank=True, help_text="Other names, one per line (e.g. 'the Kremlin' for Moscow).")

    objects = PlaceManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def alias_list(self) -> list[str]:
        return split_lines(self.aliases)

    @property
    def names(self) -> list[str]:
        """Every way an event's location may name it."""
        return [self.name, *self.alias_list]


class CalendarEntryManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class CalendarEntry(models.Model):
    """A well-known dated happening (summit, forum, holiday) used as evidence
    when an article's own date is missing. Never copied into the timeline."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    date_start = models.DateField()
    date_end = models.DateField(null=True, blank=True)
    recurs_yearly = models.BooleanField(default=False, help_text="Held on the same day every year (a holiday).")
    location = models.CharField(max_length=200, blank=True)
    keywords = models.TextField(
        help_text="Phrases that name it in articles, one per line (e.g. 'Belt and Road Forum')."
    )
    actors = models.ManyToManyField(Actor, blank=True, related_name="calendar_entries")
    description = models.TextField(blank=True)

    objects = CalendarEntryManager()

    class Meta:
        ordering = ["date_start"]
        verbose_name_plural = "calendar entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(date_end__isnull=True) | Q(date_end__gte=models.F("date_start")),
                name="calendar_end_not_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.date_start:%Y-%m-%d})"

    def natural_key(self):
        return (self.slug,)

    @property
    def keyword_list(self) -> list[str]:
        return split_lines(self.keywords)


# --- Sources ----------------------------------------------------------------


class OutletManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class OutletAffiliation(models.TextChoices):
    STATE_CHINA = "state-china", "state media of China"
    STATE_RUSSIA = "state-russia", "state media of Russia"
    OTHER = "other", "independent or other"


class Outlet(models.Model):
    """Who published an article: a news agency, a paper, a ministry's website."""

    Affiliation = OutletAffiliation

    name = models.CharField(max_length=200, unique=True)
    website = models.URLField(max_length=300, blank=True)
    country = models.CharField(max_length=100, blank=True)
    affiliation = models.CharField(
        max_length=20,
        choices=Affiliation,
        default=Affiliation.OTHER,
        help_text="Whose voice it is: a state outlet reporting its own side is weighed differently.",
    )

    objects = OutletManager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(affiliation__in=OutletAffiliation.values), name="outlet_affiliation_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class SourceManager(models.Manager):
    def get_by_natural_key(self, origin):
        return self.get(origin=origin)


class Source(models.Model):
    """An article. `published_on` is only what was given; what the extractor
    inferred lives in the reference_* fields with its reasoning."""

    title = models.CharField(max_length=500)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="sources")
    author = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True, help_text="The article's address (its canonical URL).")
    published_on = models.DateField(null=True, blank=True, help_text="Publication date, when known.")
    origin = models.CharField(
        max_length=255,
        unique=True,
        help_text="Its file name in the corpus, or its import key. Never shown publicly.",
    )
    text = models.TextField(help_text="The full article text, so any quote can be shown in context.")
    text_hash = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="Fingerprint of the text, to recognise an article seen before.",
    )
    added_at = models.DateTimeField(default=timezone.now, editable=False)
    language = models.CharField(max_length=10, default="en")
    reference_date = models.DateField(
        null=True, blank=True, help_text="The date relative words ('on Monday') were read against."
    )
    reference_note = models.TextField(blank=True, help_text="How the reference date was worked out.")
    reference_confidence = models.FloatField(default=0.0)

    objects = SourceManager()
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["origin"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reference_confidence__gte=0) & Q(reference_confidence__lte=1),
                name="source_confidence_in_unit_range",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.origin,)

    natural_key.dependencies = ["timeline.outlet"]

    @property
    def publisher(self) -> str:
        return self.outlet.name if self.outlet_id else ""


# --- Events -----------------------------------------------------------------


def overlap(start: date | None = None, end: date | None = None) -> Q:
    """Events whose days overlap [start, end]; a month-precision event covers its whole
    month, a year-precision event its whole year (Event.days says the same in Python)."""
    condition = Q()
    if end is not None:
        condition &= Q(date_start__lte=end)
    if start is not None:
        open_ended = Q(date_end__isnull=True) & (
            Q(date_precision=DAY, date_start__gte=start)
            | Q(date_precision=MONTH, date_start__gte=period_start(start, MONTH))
            | Q(date_precision=YEAR, date_start__gte=period_start(start, YEAR))
        )
        condition &= Q(date_end__gte=start) | open_ended
    return condition


class EventQuerySet(models.QuerySet):
    def overlapping(self, start: date | None = None, end: date | None = None):
        return self.filter(overlap(start, end))

    def named(self, slug: str):
        return self.filter(slug=slug)

    def involving(self, actors):
        # A semi-join, not a join plus DISTINCT: counting and paging stay cheap at 100,000 events.
        # Plain ids, so PostgreSQL can use its per-actor statistics.
        ids = [getattr(actor, "pk", actor) for actor in actors]
        return self.filter(id__in=Participation.objects.filter(actor_id__in=ids).values("event_id"))

    def of_kind(self, kinds):
        return self.filter(kind__in=kinds)

    def located_in(self, location: str):
        return self.filter(location__icontains=location)

    def at_places(self, places):
        """Events whose location is one of these places, by its name or one of its aliases."""
        names = [name for place in places for name in place.names]
        query = Q()
        for name in names:
            query |= Q(location__iexact=name)
        return self.filter(query) if names else self.none()

    def quoting(self, text: str, search=None):
        """Statements whose quoted words hold every word of `text` (the full-text search finds
        candidates from its index, or `search`, a search.TextSearch of `text`, from what it
        matched; the quote itself must then contain each word)."""
        from .search import search_words

        events = (search.filter(self) if search else self.search(text)).exclude(quote="")
        for word in search_words(text):
            events = events.filter(quote__icontains=word)
        return events

    def said_by(self, actor):
        """Statements with quoted words where `actor` is the speaker."""
        spoke = Participation.objects.filter(actor=actor, role=Participation.Role.SPEAKER).values("event_id")
        return self.filter(id__in=spoke).exclude(quote="")

    def citing(self, source):
        return self.filter(id__in=Citation.objects.filter(source=source).values("event_id"))

    def search(self, text: str):
        """Events whose title, summary or quoted sentences contain every word (full-text: timeline/search.py)."""
        from .search import search_events

        return search_events(self, text)

    def protected(self):
        """Events a later import must never overwrite."""
        return self.filter(Q(edited=True) | Q(status=Event.Status.REVIEWED))

    def chronological(self, descending: bool = False):
        if descending:
            return self.order_by("-date_start", "-date_end", "-id")
        return self.order_by("date_start", "date_end", "id")


def own_columns(model) -> list[str]:
    """The model's own columns by field name, in their order, without its id: what a bulk insert writes."""
    return [field.name for field in model._meta.concrete_fields if not field.primary_key]


def editable_columns(model) -> list[str]:
    """The columns an editor's form edits."""
    return [field.name for field in model._meta.concrete_fields if not field.primary_key and field.editable]


class EventManager(models.Manager.from_queryset(EventQuerySet)):
    def get_by_natural_key(self, slug):
        """By slug, or by a slug the event had before an editor corrected its date."""
        try:
            return self.get(slug=slug)
        except self.model.DoesNotExist:
            alias = EventAlias.objects.filter(slug=slug).select_related("event").first()
            if alias is None:
                raise
            return alias.event


class EventKind(models.TextChoices):
    MEETING = "meeting", "meeting"
    VISIT = "visit", "visit"
    SUMMIT = "summit", "summit"
    CALL = "call", "call"
    STATEMENT = "statement", "statement"
    AGREEMENT = "agreement", "agreement"
    OTHER = "other", "other"


class EventStatus(models.TextChoices):
    PROPOSED = "proposed", "proposed by the extractor"
    REVIEWED = "reviewed", "reviewed by an editor"


class Event(models.Model):
    # Module-level choices, so the constraints in Meta can name them too.
    Kind = EventKind
    Status = EventStatus

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    date_start = models.DateField(
        help_text="First day. For month precision the 1st of the month; for year precision 1 January."
    )
    date_end = models.DateField(
        null=True, blank=True, help_text="Last day of a range such as 15–16 September; empty for a single date."
    )
    date_precision = models.CharField(
        max_length=10,
        choices=Precision,
        default=Precision.DAY,
        help_text="How much of the date the sources support: never more than the text gives.",
    )
    date_note = models.TextField(blank=True, help_text="How the date was worked out, and from which words.")
    location = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    quote = models.TextField(
        blank=True, help_text="For a statement: the words said, as quoted in the sentence. Shown as its headline."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.PROPOSED)
    edited = models.BooleanField(default=False, help_text="Changed by a person: later imports never overwrite it.")
    confidence = models.FloatField(default=1.0, help_text="The extractor's confidence in the date, 0 to 1.")
    merge_note = models.TextField(blank=True, help_text="Why several reports were merged into this event.")
    merge_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merge_proposals",
        help_text="A reviewed event this proposal seems to report again: an editor decides whether to merge.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    actors = models.ManyToManyField(Actor, through="Participation", related_name="events")
    sources = models.ManyToManyField(Source, through="Citation", related_name="events")

    objects = EventManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date_start", "date_end", "id"]
        indexes = [
            # Covering indexes: a kind + date filter, the ids of a page of events
            # (listing.page_of) and the per-day counts behind the month chart and
            # year facet read the index alone, never the rows. SQLite's indexes
            # always hold the id; PostgreSQL's need it included.
            models.Index(fields=["date_start", "date_end"], include=["date_precision", "id"], name="event_dates_idx"),
            models.Index(
                fields=["kind", "date_start", "date_end", "date_precision"], include=["id"], name="event_kind_dates_idx"
            ),
            models.Index(fields=["date_start", "date_precision"], name="event_start_precision_idx"),
            models.Index(fields=["date_end"], name="event_date_end_idx"),
            # The events running into a period from before it, one range per run length and kind
            # (month_runs.py), in the timeline's order within each; with the precision, the run's
            # expression reads only what the index holds, so SQLite reads the index alone.
            # Made on SQLite only (migration 0013).
            models.Index(MonthsRun(), F("date_start"), F("date_end"), F("date_precision"), name="event_run_idx"),
            # The run first, not the kind: a query of kinds alone would take it for event_kind_dates_idx.
            models.Index(
                MonthsRun(), F("kind"), F("date_start"), F("date_end"), F("date_precision"), name="event_kind_run_idx"
            ),
            models.Index(fields=["status", "created_at"], name="event_review_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_end__isnull=True) | Q(date_end__gte=models.F("date_start")),
                name="event_end_not_before_start",
            ),
            models.CheckConstraint(condition=Q(date_precision__in=Precision.values), name="event_precision_valid"),
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values),
                name="event_kind_valid",
            ),
            models.CheckConstraint(condition=Q(status__in=EventStatus.values), name="event_status_valid"),
            # Month precision starts on the 1st; year precision on 1 January.
            models.CheckConstraint(
                condition=~Q(date_precision=MONTH) | Q(date_start__day=1),
                name="event_month_precision_starts_on_first",
            ),
            models.CheckConstraint(
                condition=~Q(date_precision=YEAR) | Q(date_start__day=1, date_start__month=1),
                name="event_year_precision_starts_on_new_year",
            ),
        ]

    def __str__(self):
        return f"{self.date_label}: {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("timeline:event_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def date_label(self) -> str:
        return date_label(self.date_start, self.date_end, self.date_precision)

    @property
    def days(self) -> tuple[date, date]:
        """The first and last day the event may have taken (what overlap() tests in SQL)."""
        return self.date_start, self.date_end or period_end(self.date_start, self.date_precision)

    def description(self) -> dict:
        """What the event says happened, and when: what a copy of it starts from."""
        return {name: getattr(self, name) for name in DESCRIBING_FIELDS}


DESCRIBING_FIELDS = (
    "title",
    "kind",
    "date_start",
    "date_end",
    "date_precision",
    "date_note",
    "location",
    "summary",
    "quote",
)


class EventAlias(models.Model):
    """A slug an event was known by before an editor corrected it: old links redirect,
    and a later import that still names the event by it finds the corrected event."""

    slug = models.SlugField(max_length=200, unique=True)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name_plural = "event aliases"

    def __str__(self):
        return f"{self.slug} → {self.event.slug}"


class ParticipationManager(models.Manager):
    def get_by_natural_key(self, event_slug, actor_slug):
        return self.get(event=Event.objects.get_by_natural_key(event_slug), actor__slug=actor_slug)


class Participation(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", "participant"
        HOST = "host", "host"
        GUEST = "guest", "guest"
        SPEAKER = "speaker", "speaker"
        ADDRESSEE = "addressee", "spoken to"
        MENTIONED = "mentioned", "mentioned"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=20, choices=Role, default=Role.PARTICIPANT)

    objects = ParticipationManager()

    class Meta:
        ordering = ["event", "actor__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "actor"], name="participation_once_per_event"),
        ]
        indexes = [models.Index(fields=["actor", "event"], name="participation_actor_idx")]

    def __str__(self):
        return f"{self.actor} ({self.role})"

    def natural_key(self):
        return (*self.event.natural_key(), *self.actor.natural_key())

    natural_key.dependencies = ["timeline.event", "timeline.actor"]


class CitationManager(models.Manager):
    def get_by_natural_key(self, event_slug, source_origin, quote_start):
        event = Event.objects.get_by_natural_key(event_slug)
        return self.get(event=event, source__origin=source_origin, quote_start=quote_start)


class Citation(models.Model):
    """The sentence of a source that reports an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="citations")
    quote = models.TextField(help_text="The exact sentence(s) from the source.")
    quote_start = models.PositiveIntegerField(help_text="Character offset of the quote in the source text.")
    quote_end = models.PositiveIntegerField()
    date_text = models.CharField(max_length=200, blank=True, help_text="The date words the text used.")
    date_reasoning = models.TextField(blank=True, help_text="How those words became a date.")

    objects = CitationManager()

    class Meta:
        ordering = ["source__origin", "quote_start"]
        constraints = [
            models.UniqueConstraint(fields=["event", "source", "quote_start"], name="citation_once_per_quote"),
            models.CheckConstraint(condition=Q(quote_end__gt=models.F("quote_start")), name="citation_span_valid"),
        ]

    def __str__(self):
        return f"{self.source.title} (characters {self.quote_start}–{self.quote_end})"

    def natural_key(self):
        return (*self.event.natural_key(), *self.source.natural_key(), self.quote_start)

    natural_key.dependencies = ["timeline.event", "timeline.source"]


# --- Editors' decisions -------------------------------------------------------


class Tombstone(models.Model):
    """Something an editor rejected or removed, so that no load, refresh or import
    brings it back. Deleting the tombstone reverses the decision: the next refresh
    may propose the thing again."""

    class Kind(models.TextChoices):
        EVENT = "event", "event"
        PARTICIPATION = "participation", "actor on an event"
        CITATION = "citation", "citation"

    kind = models.CharField(max_length=20, choices=Kind)
    event_slug = models.SlugField(max_length=200, help_text="The event's slug when the decision was made.")
    actor_slug = models.SlugField(max_length=200, blank=True)
    source_origin = models.CharField(max_length=255, blank=True)
    quote = models.TextField(blank=True, help_text="The sentence that reported it, so a renamed proposal is known too.")
    title = models.CharField(max_length=300, blank=True, help_text="What it was called, for people.")
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["kind", "event_slug"], name="tombstone_kind_slug_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["event", "participation", "citation"]), name="tombstone_kind_valid"
            ),
        ]

    def __str__(self):
        what = {"event": self.title or self.event_slug, "participation": f"{self.actor_slug} on {self.event_slug}"}
        return f"{self.get_kind_display()}: {what.get(self.kind, self.quote[:60] or self.event_slug)}"


class Tally(models.Model):
    """What every tally holds: events counted per actor (0: every event) and kind, and more
    keys in each subclass. A plain integer, not a foreign key: 0 is no actor, and no actor
    with events can be deleted (Participation protects it). Kept by tally_schema.py's triggers."""

    actor_id = models.BigIntegerField()
    kind = models.CharField(max_length=20)
    events = models.IntegerField(default=0)

    class Meta:
        abstract = True


class EventTally(Tally):
    """How many events of one kind start in one month and end in another, per actor
    (actor 0: every event). Kept current by database triggers (tally_schema.py) on
    every write; the page reads its facet counts here (tallies.py) instead of counting
    events."""

    start_month = models.DateField()
    end_month = models.DateField(help_text="The month of the last day the event covers.")
    date_precision = models.CharField(max_length=10)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["actor_id", "kind", "start_month", "end_month", "date_precision"], name="event_tally_key"
            ),
        ]
        indexes = [
            # The actor facet over a period reads these alone, never the rows: the months
            # the period starts in, and the few tallies of events that run into it from before.
            models.Index(
                fields=["start_month", "kind", "end_month", "actor_id", "events"], name="event_tally_months_idx"
            ),
            # The same for chosen kinds: only their months are read, not every kind's.
            models.Index(
                fields=["kind", "start_month", "end_month", "actor_id", "events"], name="event_tally_kind_months_idx"
            ),
            models.Index(
                fields=["end_month", "start_month", "kind", "actor_id", "events"],
                condition=Q(end_month__gt=models.F("start_month")),
                name="event_tally_spanning_idx",
            ),
        ]

    def __str__(self):
        return f"actor {self.actor_id}, {self.kind}, {self.start_month:%Y-%m}–{self.end_month:%Y-%m}: {self.events}"


class YearTally(Tally):
    """EventTally by years instead of months and precisions: the actor facet over whole
    years reads a few rows per actor and kind here, where it summed every month's
    (thousands of rows a year, more as events grow)."""

    start_year = models.IntegerField()
    end_year = models.IntegerField(help_text="The year of the last day the event covers.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor_id", "kind", "start_year", "end_year"], name="year_tally_key")
        ]
        indexes = [
            models.Index(fields=["start_year", "kind", "end_year", "actor_id", "events"], name="year_tally_years_idx"),
            # The few events that began in an earlier year and run into the period.
            models.Index(
                fields=["end_year", "start_year", "kind", "actor_id", "events"],
                condition=Q(end_year__gt=models.F("start_year")),
                name="year_tally_spanning_idx",
            ),
        ]

    def __str__(self):
        return f"actor {self.actor_id}, {self.kind}, {self.start_year}–{self.end_year}: {self.events}"


class KindTally(Tally):
    """EventTally summed over every month: how many events of one kind each actor
    has (actor 0: every event). What the page reads when no period is chosen, in
    a few thousand rows however many events and months there are."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor_id", "kind"], name="kind_tally_key")]

    def __str__(self):
        return f"actor {self.actor_id}, {self.kind}: {self.events}"


class PlaceTally(Tally):
    """Events per actor (0: every event), kind and location, over every month: the
    place facet when no period is chosen, read off a few rows instead of every event."""

    location = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor_id", "kind", "location"], name="place_tally_key")]

    def __str__(self):
        return f"actor {self.actor_id}, {self.kind}, {self.location or 'nowhere'}: {self.events}"


class PlaceMonthTally(Tally):
    """PlaceTally by the months an event starts and ends in: the place facet over a period."""

    start_month = models.DateField()
    end_month = models.DateField()
    location = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["actor_id", "kind", "start_month", "end_month", "location"], name="place_month_tally_key"
            )
        ]
        indexes = [
            # The place facet over a period reads this alone: the tallies ending in or after its
            # first month, never the rows. Through the key, an open period looked up the row of
            # every one of the actor's tallies (at a million events, 10 ms for start=2025).
            models.Index(
                fields=["actor_id", "end_month", "start_month", "kind", "location", "events"],
                name="place_month_tally_period_idx",
            )
        ]

    def __str__(self):
        return (
            f"actor {self.actor_id}, {self.kind}, {self.start_month:%Y-%m}, {self.location or 'nowhere'}: {self.events}"
        )


class Appearance(models.Model):
    """An actor's part in an event, with the event's kind and dates beside it: the index
    an actor's timeline is read from in date order, fifty rows at a time, instead of
    every event the actor ever took part in being found and sorted. Written only by
    appearance_schema.py's triggers, on every write of an event or a participation."""

    actor_id = models.BigIntegerField()
    event_id = models.BigIntegerField()
    kind = models.CharField(max_length=20)
    date_start = models.DateField()
    date_end = models.DateField(null=True)
    date_precision = models.CharField(max_length=10)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor_id", "event_id"], name="appearance_key")]
        indexes = [
            # In the timeline's order (date_start, date_end, id), with the precision that
            # overlap() reads, so a page is read off the index alone.
            models.Index(
                fields=["actor_id", "kind", "date_start", "date_end", "event_id", "date_precision"],
                name="appearance_kind_dates_idx",
            ),
            models.Index(
                fields=["actor_id", "date_start", "date_end", "event_id", "date_precision"],
                name="appearance_dates_idx",
            ),
            # What the triggers find an event's appearances by, when it changes or goes.
            models.Index(fields=["event_id"], name="appearance_event_idx"),
        ]

    def __str__(self):
        return f"actor {self.actor_id} in event {self.event_id} ({self.kind}, {self.date_start})"


class DataStamp(models.Model):
    """One row whose counter any bulk change moves on (a load, a refresh, an import), so
    every server process, not only the one that made the change, knows its cached counts are old."""

    counter = models.BigIntegerField(default=0)

    def __str__(self):
        return f"data version {self.counter}"

    @classmethod
    def bump(cls):
        updated = cls.objects.filter(pk=1).update(counter=models.F("counter") + 1)
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"counter": 1})

    @classmethod
    def current(cls) -> int:
        # Read by every page (facet_cache.py): in SQL, which the database answers in a fifth
        # of the time the ORM took to build the query.
        rows = read_rows(f"SELECT counter FROM {table(cls)} WHERE id = 1", [])
        return rows[0][0] if rows else 0
