"""Values made for templates answer item[name], the template engine's first lookup."""

from collections import Counter

import pytest
from django.template import Context, Template

from timeline.chart import month_chart
from timeline.facets import FacetValue
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


def test_the_month_chart_and_its_ticks_are_shown_values():
    # The template reads the chart and its levels and year labels; the bars it takes as markup.
    chart = month_chart(Counter({(2023, 5): 2}), Counter(), lambda y, m: f"/?m={y}-{m}")
    assert chart["total"] == 2 and chart["years"][1]["label"] == "2023"
    assert isinstance(chart["levels"][0], Shown)
