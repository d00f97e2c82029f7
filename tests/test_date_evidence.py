"""The one sentence that says how an event's date was read."""

from datetime import date

from timeline.date_evidence import date_sentence
from timeline.models import Citation, Event, Source


def cite(source, date_text, pk):
    return Citation(pk=pk, source=source, date_text=date_text, quote="q", quote_start=0, quote_end=1)


def test_a_stated_publication_date_is_preferred_and_other_reports_are_counted():
    event = Event(date_start=date(2022, 9, 15), date_end=date(2022, 9, 16), date_precision="day")
    undated = Source(pk=1, title="A", reference_date=date(2022, 9, 13))
    dated = Source(pk=2, title="B", published_on=date(2022, 9, 12))
    citations = [cite(undated, "this week", 1), cite(dated, "on Thursday and Friday", 2)]
    assert date_sentence(event, citations) == (
        "Dated 15–16 September 2022 from “on Thursday and Friday” in an article published on 12 September 2022; "
        "1 other report agrees."
    )


def test_an_inferred_article_date_says_so_and_the_precision_is_told():
    event = Event(date_start=date(2023, 3, 1), date_precision="month")
    source = Source(pk=1, title="A", reference_date=date(2023, 3, 24))
    assert date_sentence(event, [cite(source, "in March", 1)]) == (
        "Dated March 2023 from “in March” in an article of about 24 March 2023 (its date inferred), "
        "known only to the month."
    )


def test_without_date_words_only_the_date_and_its_precision_are_given():
    event = Event(date_start=date(2024, 1, 1), date_precision="year")
    assert date_sentence(event, []) == "Dated 2024, known only to the year."
