"""Values made for templates answer item[name], the template engine's first lookup."""

from collections import Counter
from datetime import date

import pytest
from django.template import Context, Template

from timeline.chart import month_chart
from timeline.facets import FacetValue
from timeline.listing import timeline_items
from timeline.models import Event
from timeline.shown import Shown


def test_a_shown_value_answers_subscripts_with_its_attributes():
    value = FacetValue("meeting", "meeting", 3, False)
    assert isinstance(value, Shown)
    assert (value["value"], value["count"], value["selected"]) == ("meeting", 3, False)
    with pytest.raises(KeyError):
        value["missing"]


def test_the_template_engine_reads_them_by_subscript_not_by_exception(monkeypatch):
    # A spy on Shown itself: it sees every lookup only while FacetValue is Shown and the
    # engine asks item[name] first (the premise of timeline/shown.py).
    seen = []
    answer = Shown.__getitem__
    monkeypatch.setattr(Shown, "__getitem__", lambda self, name: seen.append(name) or answer(self, name))
    value = FacetValue("call", "call", 2, True)
    rendered = Template("{{ v.label }} {{ v.count }}{% if v.selected %} chosen{% endif %}").render(
        Context({"v": value})
    )
    assert rendered == "call 2 chosen"
    assert seen == ["label", "count", "selected"]


@pytest.mark.django_db
def test_a_listed_event_carries_every_value_its_entry_shows_escaped_once():
    event = Event.objects.create(
        title="Talks <b>& more</b>",
        slug="talks",
        kind=Event.Kind.CALL,
        date_start=date(2024, 3, 1),
        date_precision="month",
    )
    (item,) = timeline_items([event], None, lambda actor: "/")
    shown = item["html"]
    assert (shown["date_label"], shown["kind_label"], shown["machine_date"], shown["reports"]) == (
        "March 2024",
        "call",
        "2024-03",
        "0 articles",
    )
    assert shown["title"] == "Talks &lt;b&gt;&amp; more&lt;/b&gt;"
    assert "not yet reviewed" in shown["review"]
    # Already escaped, so the template must not escape it again.
    assert Template("{{ e.title }}").render(Context({"e": shown})) == shown["title"]


def test_the_month_chart_and_its_bars_are_shown_values():
    chart = month_chart(Counter({(2023, 5): 2}), Counter(), lambda y, m: f"/?m={y}-{m}")
    bar = next(bar for bar in chart["bars"] if bar["count"])
    assert bar["url"] == "/?m=2023-5"
