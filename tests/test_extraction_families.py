"""Failure families seen in real news, each reproduced by articles written for this test:
several outlets reporting one event, titles that say what happened, and the trace that says
why each sentence became an event or did not."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from timeline.extraction import extract, load_reference_files
from timeline.extraction.articles import RawArticle, SourceMeta

KNOWLEDGE = load_reference_files()
OUTLETS = {
    "wire.txt": (
        "2024-05-16",
        "BEIJING - Russian President Vladimir Putin arrived in Beijing on Thursday for a two-day state visit.",
    ),
    "agency.txt": (
        "2024-05-16",
        "President Xi Jinping held talks with Vladimir Putin in Beijing on Thursday, state media said.",
    ),
    "daily.txt": (
        "2024-05-17",
        "Vladimir Putin, who arrived in Beijing on Thursday, met Xi Jinping for talks the same day.",
    ),
}


def articles(texts) -> list[RawArticle]:
    return [
        RawArticle(name, Path(name), text, SourceMeta(published=date.fromisoformat(day)))
        for name, (day, text) in texts.items()
    ]


def test_one_visit_reported_by_three_outlets_is_one_event_citing_all_three():
    extraction = extract(articles(OUTLETS), KNOWLEDGE)
    [event] = extraction.events
    assert {c.origin for c in event.citations} == set(OUTLETS)
    assert (event.kind, event.date_start, event.date_end) == ("visit", date(2024, 5, 16), date(2024, 5, 17))
    assert "Merged 3 reports" in event.merge_note
    assert event.title == "Putin visits Beijing, hosted by Xi"


def test_a_ministry_reporting_its_own_talks_that_day_is_part_of_them_not_a_second_event():
    reports = {
        "envoy.txt": ("2023-05-26", "Sergei Lavrov met China's envoy Li Hui in Moscow on Friday."),
        "ministry.txt": (
            "2023-05-26",
            "“An exchange of views with China took place,” the Russian Foreign Ministry said on Friday.",
        ),
    }
    [event] = extract(articles(reports), KNOWLEDGE).events
    assert event.kind == "meeting" and {c.origin for c in event.citations} == set(reports)
    assert "said that day is about the meeting" in event.merge_note


@pytest.mark.parametrize(
    "text, title",
    [
        ("Xi Jinping and Vladimir Putin held a video call on Monday.", "Xi and Putin hold a video call"),
        ("Sergei Lavrov met Wang Yi in Beijing on Monday.", "Lavrov meets Wang Yi in Beijing"),
        (
            "Kremlin spokesman Dmitry Peskov said on Monday that Russia and China were “not in a military alliance”.",
            "Peskov: “not in a military alliance”",
        ),
        ("Xi Jinping and Vladimir Putin signed a joint statement on Monday.", "Xi and Putin sign a joint statement"),
    ],
)
def test_titles_say_what_happened_in_plain_words(text, title):
    extraction = extract(articles({"a.txt": ("2024-07-01", text)}), KNOWLEDGE)
    assert [event.title for event in extraction.events] == [title]


def test_explain_prints_for_each_sentence_why_it_became_an_event_or_not(db, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Xi Jinping met Vladimir Putin in Moscow on 21 March 2023.\n\nThe weather was fine.\n\n"
        "Narendra Modi visited Kyiv on 23 August 2024.",
        encoding="utf-8",
    )
    output = tmp_path / "never.json"
    call_command("extract_events", str(folder), explain=["a.txt"], output=str(output), verbosity=1)
    printed = capsys.readouterr().out
    assert not output.exists()
    assert "[1] Xi Jinping met Vladimir Putin" in printed and "kept: meeting dated 21 March 2023" in printed
    assert "[2] The weather was fine." in printed and "no event: no event word" in printed
    assert "dropped: only third parties take part" in printed
    assert "21 March 2023: Xi meets Putin in Moscow (meeting)" in printed


def test_explain_names_an_article_it_did_not_read(db, tmp_path):
    from django.core.management import CommandError

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Xi Jinping met Vladimir Putin on 21 March 2023.", encoding="utf-8")
    with pytest.raises(CommandError, match="b.txt: not among the articles read"):
        call_command("extract_events", str(folder), explain=["b.txt"], verbosity=0)


def undated(texts) -> list[RawArticle]:
    return [RawArticle(name, Path(name), text, SourceMeta(published=None)) for name, text in texts.items()]


def read_undated(text):
    """One article without a publication date, extracted."""
    return extract(undated({"a.txt": text}), KNOWLEDGE)


def test_a_weekday_beside_a_yearless_date_gives_the_year_of_an_undated_article():
    text = "Vladimir Putin and Xi Jinping held a phone call on Thursday, July 4."
    extraction = extract(undated({"a.txt": text}), KNOWLEDGE)
    reference = extraction.references["a.txt"]
    assert reference.year == 2024 and "falls on its weekday only in 2024" in reference.note
    assert [(e.kind, e.date_start) for e in extraction.events] == [("call", date(2024, 7, 4))]


def test_headlines_at_the_foot_of_a_page_do_not_set_the_article_year_floor():
    text = (
        "Russian Foreign Minister Sergei Lavrov met Wang Yi in Beijing on Friday, April 1.\n\n"
        "Most Popular\n\nThe best films of 2025, so far"
    )
    [event] = extract(undated({"a.txt": text}), KNOWLEDGE).events
    assert event.date_start == date(2022, 4, 1)


def test_this_is_what_a_spokesman_said_speaks_of_the_sentence_before():
    text = (
        "Vladimir Putin will talk with Xi Jinping before the end of the year. "
        "This is what Kremlin spokesman Dmitry Peskov said at a briefing on Monday."
    )
    [event] = extract(articles({"a.txt": ("2022-12-26", text)}), KNOWLEDGE).events
    assert (event.kind, event.date_start) == ("statement", date(2022, 12, 26))


def test_a_wire_story_lead_without_time_words_happened_on_its_dateline_day():
    text = (
        "ULAANBAATAR, June 3. /TASS/. Vladimir Putin hopes to meet Xi Jinping in private during the autumn summit. "
        "Putin said at a meeting with Chinese Vice President Han Zheng that relations were at their best."
    )
    [event] = extract(articles({"a.txt": ("2024-06-04", text)}), KNOWLEDGE).events
    assert (event.kind, event.date_start) == ("meeting", date(2024, 6, 3))
    assert {slug for slug, _ in event.participants} == {"vladimir-putin", "han-zheng"}


def test_an_undated_wire_story_reads_its_relative_words_against_its_dateline():
    text = (
        "MOSCOW, March 14. /TASS/. Sergei Lavrov met Wang Yi on Tuesday. "
        "Xi Jinping will pay a state visit to Russia in the spring of 2023, and "
        "Putin will meet him on Monday, March 20."
    )
    extraction = read_undated(text)
    assert "dateline 'March 14'" in extraction.references["a.txt"].note
    meetings = [e.date_start for e in extraction.events if e.kind == "meeting"]
    assert date(2023, 3, 14) in meetings


def test_words_said_during_a_meeting_date_the_meeting_and_the_speaker_takes_part():
    text = (
        "Relations between the two countries are not aimed at any third party, said Chinese Foreign "
        "Minister Wang Yi during a meeting with Russian Foreign Minister Sergei Lavrov on Wednesday in Beijing."
    )
    [event] = extract(articles({"a.txt": ("2024-10-31", text)}), KNOWLEDGE).events
    assert (event.kind, event.date_start) == ("meeting", date(2024, 10, 30))
    assert {slug for slug, _ in event.participants} >= {"wang-yi", "sergey-lavrov"}


def test_a_calendar_keyword_with_a_small_word_inside_is_found_as_written():
    """'a two-day summit in Tianjin' names the 2025 summit, so the article's 'Tuesday' is not the
    Tuesday of an earlier Beijing meeting of the same two leaders in another report."""
    texts = undated(
        {
            "a.txt": "Xi Jinping and Vladimir Putin held talks in Beijing on Tuesday. "
            "The talks followed a two-day summit in Tianjin.",
        }
    ) + articles({"b.txt": ("2023-10-18", "Xi Jinping met Vladimir Putin in Beijing on Tuesday, October 17.")})
    extraction = extract(texts, KNOWLEDGE)
    assert extraction.references["a.txt"].year != 2023
    assert all(c.origin == "b.txt" for e in extraction.events if e.date_start.year == 2023 for c in e.citations)


def test_according_to_a_report_the_heads_of_government_are_who_meet_not_the_source():
    text = (
        "Chinese Premier Li Qiang will visit Russia on August 20-22 at the invitation of Russian Prime Minister "
        "Mikhail Mishustin. According to the report, the heads of government will hold their regular meeting "
        "on August 21."
    )
    events = extract(articles({"a.txt": ("2024-08-19", text)}), KNOWLEDGE).events
    meeting = next(e for e in events if e.kind == "meeting")
    assert meeting.date_start == date(2024, 8, 21)
    assert {slug for slug, _ in meeting.participants} >= {"li-qiang", "mikhail-mishustin"}


def test_a_visitor_meeting_two_hosts_on_one_day_in_two_reports_is_one_round_of_talks():
    reports = {
        "cabinet.txt": ("2024-08-21", "Li Qiang and Mikhail Mishustin held talks in Moscow on Wednesday."),
        "kremlin.txt": ("2024-08-21", "Vladimir Putin met with Chinese Premier Li Qiang on Wednesday."),
    }
    [event] = extract(articles(reports), KNOWLEDGE).events
    assert {c.origin for c in event.citations} == set(reports)
    assert {slug for slug, _ in event.participants} >= {"li-qiang", "mikhail-mishustin", "vladimir-putin"}


@pytest.mark.parametrize(
    "sentence",
    [
        "As Vladimir Putin readies for his highly orchestrated May 9 parade, Xi Jinping is his guest of honour.",
        "Vladimir Putin prepares for the May 9 parade with Xi Jinping as his guest of honour.",
    ],
)
def test_a_yearless_day_just_ahead_of_an_event_being_prepared_is_this_year(sentence):
    events = extract(articles({"a.txt": ("2025-05-07", sentence)}), KNOWLEDGE).events
    assert [e.date_start for e in events if e.kind == "other"] == [date(2025, 5, 9)]


def test_the_dated_summit_of_a_forum_dates_its_undated_mentions_in_the_same_article():
    text = (
        "Vladimir Putin expects to meet Xi Jinping in private during the BRICS summit in Kazan. "
        "Both countries are members of the group. The BRICS summit is scheduled for October 22-24."
    )
    [event] = extract(articles({"a.txt": ("2024-09-04", text)}), KNOWLEDGE).events
    assert (event.kind, event.date_start, event.date_end) == ("summit", date(2024, 10, 22), date(2024, 10, 24))
    assert {"vladimir-putin", "xi-jinping"} <= {slug for slug, _ in event.participants}


def test_a_summit_on_a_day_of_a_visit_to_that_country_is_the_visit():
    reports = {
        "wire.txt": (
            "2025-08-31",
            "Vladimir Putin arrived in China on Sunday for a four-day visit to attend a regional summit.",
        ),
        "kremlin.txt": (
            "2025-08-31",
            "Vladimir Putin will attend the summit of the Shanghai Cooperation Organisation in Tianjin on September 1.",
        ),
    }
    [event] = extract(articles(reports), KNOWLEDGE).events
    assert {c.origin for c in event.citations} == set(reports)
    assert (event.date_start, event.date_end) == (date(2025, 8, 31), date(2025, 9, 3))


def test_a_stance_expressed_in_a_phone_call_is_the_call_and_the_speaker_takes_part():
    text = (
        "Xi Jinping spoke with Vladimir Putin by phone on Friday. Earlier on the same day, Chinese foreign minister "
        "Wang Yi had also expressed China's stance in a phone call with his Russian counterpart Sergey Lavrov."
    )
    events = extract(articles({"a.txt": ("2022-02-25", text)}), KNOWLEDGE).events
    assert [e.kind for e in events] == ["call", "call"]
    assert any({"wang-yi", "sergey-lavrov"} <= {slug for slug, _ in e.participants} for e in events)


def test_they_after_a_joining_word_are_the_people_just_named():
    text = "Sergei Lavrov and Chinese Foreign Minister Wang Yi shake hands as they meet in Bali on Thursday."
    [event] = extract(articles({"a.txt": ("2022-07-08", text)}), KNOWLEDGE).events
    assert (event.kind, event.date_start) == ("meeting", date(2022, 7, 7))
    assert {"sergey-lavrov", "wang-yi"} <= {slug for slug, _ in event.participants}


def test_the_place_is_where_the_event_happened_not_where_a_photo_was_taken():
    text = (
        "Leaders meet\n\nRussian President Vladimir Putin and Chinese President Xi Jinping, seen here in Beijing "
        "in 2024, met in Moscow on Thursday, the Kremlin said.\n"
    )
    [event] = extract(articles({"caption.txt": ("2025-05-08", text)}), KNOWLEDGE).events
    assert event.location == "Moscow" and "Moscow" in event.title and "Beijing" not in event.title


def test_a_dateline_above_the_headline_is_not_the_articles_title():
    text = "May 8, 2025 / 9:14 AM\n\nLeaders meet in Moscow\n\nXi Jinping met Vladimir Putin in Moscow on Thursday.\n"
    [doc] = extract(articles({"dated.txt": ("2025-05-08", text)}), KNOWLEDGE).docs
    assert doc.display_title == "Leaders meet in Moscow"


def test_an_undated_article_with_no_clue_to_its_year_still_dates_what_carries_its_own_year():
    text = "In March 2024, Gazprom and CNPC signed an agreement on gas supplies. The two firms met again on Monday."
    extraction = extract(undated({"a.txt": text}), KNOWLEDGE)
    assert not extraction.references["a.txt"].known
    found = [(e.kind, e.date_start, e.date_precision) for e in extraction.events]
    assert found == [("agreement", date(2024, 3, 1), "month")]


def test_a_fronted_time_phrase_dates_the_main_clause_not_a_plan_after_a_comma():
    text = "In late December, Vladimir Putin held a video call with Xi Jinping, inviting him to Moscow in spring 2023."
    [event] = extract(articles({"a.txt": ("2023-01-10", text)}), KNOWLEDGE).events
    assert (event.kind, event.date_start, event.date_precision) == ("call", date(2022, 12, 1), "month")


@pytest.mark.parametrize(
    "head",
    ["Apr 2, 2024  •  2 hours ago  •  3 minute read  •  Join the conversation", "Published April 2,2024"],
)
def test_a_byline_strip_at_the_head_of_an_undated_page_is_its_date(head):
    text = f"Lavrov meets Wang Yi\n\n{head}\n\nWang Yi met Sergei Lavrov in Beijing on Tuesday."
    [event] = extract(undated({"a.txt": text}), KNOWLEDGE).events
    assert (event.kind, event.date_start, event.date_precision) == ("meeting", date(2024, 4, 2), "day")


@pytest.mark.parametrize(
    "defence_minister, year",
    [("Russian Defence Minister Sergei Shoigu", 2023), ("former Russian Defence Minister Sergei Shoigu", None)],
)
def test_titles_held_for_part_of_the_window_leave_a_yearless_dateline_one_year(defence_minister, year):
    text = (
        f"BEIJING, October 16. /TASS/. Chinese Premier Li Qiang held talks with {defence_minister} "
        "in Beijing, the Chinese government said."
    )
    extraction = extract(undated({"a.txt": text}), KNOWLEDGE)
    assert extraction.references["a.txt"].year == year
    if year:
        assert "terms of" in extraction.references["a.txt"].note
        assert [e.date_start for e in extraction.events] == [date(year, 10, 16)]


def test_a_days_programme_dates_the_plans_told_just_after_it_and_the_others_meet_him_alone():
    text = (
        "MOSCOW, June 3. /Wire/. Vladimir Putin is back in the capital after a tour of the Urals. "
        "The agenda for Thursday, June 5, is full. "
        "The president will meet Kazakh President Kassym-Jomart Tokayev, "
        "Uzbek President Shavkat Mirziyoyev and Chinese Premier Li Qiang in turn."
    )
    [event] = extract(articles({"a.txt": ("2025-06-03", text)}), KNOWLEDGE).events
    assert (event.kind, event.date_start) == ("meeting", date(2025, 6, 5))
    assert {slug for slug, _ in event.participants} == {"vladimir-putin", "li-qiang"}


def test_the_eve_of_a_visit_is_the_day_before_its_first_day():
    text = (
        "Chinese President Xi Jinping arrived in Moscow on Monday for a three-day state visit. "
        "On the eve of his visit, Xi praised the partnership in a written interview with Russia's TASS news agency."
    )
    events = extract(articles({"a.txt": ("2025-06-02", text)}), KNOWLEDGE).events
    dates = {event.kind: (event.date_start, event.date_end) for event in events}
    assert dates == {"visit": (date(2025, 6, 2), date(2025, 6, 4)), "statement": (date(2025, 6, 1), None)}


def test_a_fixed_day_holiday_dates_the_event_it_names_and_nothing_else():
    text = (
        "Xi Jinping arrives in Russia on May 7 for four days, in which he plans talks with Vladimir Putin "
        "and will go to the Victory Day celebrations, Beijing said on Sunday."
    )
    events = extract(articles({"a.txt": ("2025-05-04", text)}), KNOWLEDGE).events
    dated = {(event.kind, event.date_start, event.date_end) for event in events}
    assert ("other", date(2025, 5, 9), None) in dated
    assert ("visit", date(2025, 5, 7), None) in dated
    assert not any(event.kind == "meeting" and event.date_start == date(2025, 5, 9) for event in events)


def test_a_holiday_days_away_is_the_coming_one_whatever_the_tense():
    text = "Xi Jinping visits Russia for Victory Day celebrations with Vladimir Putin."
    [event] = extract(articles({"a.txt": ("2025-05-07", text)}), KNOWLEDGE).events
    assert (event.kind, event.date_start) == ("other", date(2025, 5, 9))


def test_a_speaker_named_in_apposition_does_not_take_part_in_what_he_reports():
    text = (
        "A senior diplomat, Igor Morgulov, said on Monday that Xi Jinping "
        "would watch the Victory Day parade beside Vladimir Putin."
    )
    events = extract(articles({"a.txt": ("2025-03-03", text)}), KNOWLEDGE).events
    [parade] = [event for event in events if event.kind == "other"]
    assert parade.date_start == date(2025, 5, 9)
    assert "igor-morgulov" not in {slug for slug, _ in parade.participants}


def test_talks_led_by_people_named_in_the_next_sentence_are_theirs_and_one_event():
    text = (
        "Beijing and Moscow hold a three-day round of consultations on Asian security from Monday, "
        "the Chinese Foreign Ministry announced. Beijing's team is headed by Wang Yi and Moscow's by "
        "Nikolai Patrushev. The consultations will end on Wednesday. "
        "The round begins a day after he met an envoy in Malta."
    )
    [event] = extract(articles({"a.txt": ("2023-09-18", text)}), KNOWLEDGE).events
    assert (event.kind, event.date_start, event.date_end) == ("meeting", date(2023, 9, 18), date(2023, 9, 20))
    people = {slug for slug, _ in event.participants}
    assert {"wang-yi", "nikolai-patrushev"} <= people and "chinese-foreign-ministry" not in people


def test_an_arrival_the_lead_tells_in_the_perfect_is_the_one_a_later_sentence_dates():
    text = (
        "HARBIN, (Northern Wire - 12th June, 2024) : Russian Prime Minister Mikhail Mishustin has arrived in China "
        "for talks with Xi Jinping. Mishustin arrived late Tuesday in Harbin, where he was met by Chinese officials."
    )
    extraction = extract(articles({"a.txt": ("2024-06-12", text)}), KNOWLEDGE)
    assert [(e.kind, e.date_start) for e in extraction.events] == [("visit", date(2024, 6, 11))]
    trace = extraction.docs[0].trace[0]
    assert any("the same visit is dated 'Tuesday' in sentence 2" in line for line in trace)


def test_written_between_two_dates_a_month_apart_a_weekday_has_no_month():
    text = (
        "Vladimir Putin received Wang Yi at the Kremlin on 3 March 2025. "
        "Putin met Wang Yi on Monday, and Wang Yi is in Russia for talks. "
        "Xi Jinping will attend the parade in Moscow on April 10."
    )
    extraction = read_undated(text)
    assert extraction.references["a.txt"].approximate
    found = {(e.kind, e.date_start, e.date_precision) for e in extraction.events}
    assert ("meeting", date(2025, 3, 3), "day") in found
    assert not any(start.month == 4 and kind != "other" for kind, start, _ in found)


def test_a_call_between_the_two_leaders_names_no_year_by_itself():
    text = "Vladimir Putin held a phone call between Xi and Putin on Thursday, the Kremlin said."
    extraction = read_undated(text)
    assert not extraction.references["a.txt"].known


def test_an_anniversary_marked_this_year_gives_the_year_but_not_its_day():
    text = (
        "Vladimir Putin and Xi Jinping spoke by phone on Thursday. China and Russia are this year "
        "marking the 75th anniversary of diplomatic relations between the two countries."
    )
    reference = read_undated(text).references["a.txt"]
    assert (reference.year, reference.day) == (2024, None)
    assert "named as this year's" in reference.note


def test_a_day_an_invitation_was_accepted_for_lies_ahead_of_the_acceptance():
    from timeline.extraction.dates import direction_at

    sentence = "Xi Jinping accepted an invitation to attend the celebrations in Moscow on May 9, the Kremlin said."
    assert direction_at(sentence, sentence.index("May 9")) == "future"


def test_talks_a_written_statement_tells_of_in_the_lead_are_not_dated_by_the_dateline():
    text = (
        "BEIJING, March 3. /TASS/. Gazprom chief Alexei Miller and CNPC executives discussed new gas routes "
        "during a working meeting in Beijing, according to a statement from the company."
    )
    extraction = extract(articles({"a.txt": ("2025-03-03", text)}), KNOWLEDGE)
    assert extraction.events == []
    trace = extraction.docs[0].trace[1]
    assert any("the day's news is the statement that tells of it" in line for line in trace)


def test_a_possessive_calendar_keyword_is_named_by_its_words_close_together_and_only_so():
    from timeline.extraction.evidence import _tokens, keyword_sentence
    from timeline.extraction.text import split_sentences

    keyword = "Putin's state visit to China"
    near = "Vladimir Putin is on a state visit to China on May 16-17, the Kremlin said."
    far = (
        "Ten years ago Putin said that the state of ties was good, and that a visit by the Chinese leader "
        "to Moscow would follow, which China later confirmed."
    )
    for text, named in ((near, True), (far, False)):
        sentences = split_sentences(text)
        found = keyword_sentence(sentences, [_tokens(s.text) for s in sentences], keyword)
        assert (found is not None) is named


UNNAMED_THEN_NAMED = (
    "Vladimir Putin and Xi Jinping will hold talks next week in Astana, a Russian official said Tuesday. "
    "The two presidents will meet at the summit there on July 3, Russian Ambassador Igor Morgulov told reporters."
)


def test_the_official_a_sentence_leaves_unnamed_is_named_in_the_next_one_and_spoke_that_day():
    extraction = extract(articles({"a.txt": ("2024-06-26", UNNAMED_THEN_NAMED)}), KNOWLEDGE)
    found = {(e.kind, e.date_start) for e in extraction.events}
    assert ("statement", date(2024, 6, 25)) in found and ("meeting", date(2024, 7, 3)) in found
    [statement] = [e for e in extraction.events if e.kind == "statement"]
    assert [slug for slug, role in statement.participants if role == "speaker"] == ["igor-morgulov"]
    trace = extraction.docs[0].trace[1]
    assert any("the official sentence 1 quotes unnamed, on 'Tuesday'" in line for line in trace)


def test_an_official_of_the_other_side_named_next_is_not_the_unnamed_one():
    text = UNNAMED_THEN_NAMED.replace("Russian Ambassador Igor Morgulov", "Chinese Ambassador Zhang Hanhui")
    extraction = extract(articles({"a.txt": ("2024-06-26", text)}), KNOWLEDGE)
    assert "statement" not in {e.kind for e in extraction.events}


def test_an_undated_article_about_next_week_is_of_the_week_before_the_day_to_come():
    text = UNNAMED_THEN_NAMED.replace("at the summit there", "at the SCO summit in Astana")
    extraction = read_undated(text)
    reference = extraction.references["a.txt"]
    assert reference.day == date(2024, 6, 30) and "'next week'" in reference.note
    assert ("statement", date(2024, 6, 25)) in {(e.kind, e.date_start) for e in extraction.events}


def test_an_undated_wire_story_with_nothing_else_to_date_it_is_read_in_the_latest_year_it_names():
    text = (
        "MOSCOW, December 21. /TASS/. Dmitry Medvedev met Xi Jinping in Beijing during his December 20-21 visit. "
        "Medvedev congratulated Xi on the 20th Party Congress held in October."
    )
    reference = read_undated(text).references["a.txt"]
    assert reference.day == date(2022, 12, 21) and reference.confidence < 0.5
    assert "nothing else dates it" in reference.note


def test_a_dateline_before_what_the_article_names_as_past_that_year_is_not_read_in_that_year():
    text = (
        "MOSCOW, March 2. /TASS/. Dmitry Medvedev met Xi Jinping in Beijing on Tuesday. "
        "Medvedev congratulated Xi on the 20th Party Congress held in October."
    )
    reference = read_undated(text).references["a.txt"]
    assert reference.day is None or reference.day.year != 2022


@pytest.mark.parametrize(
    "text, day, event",
    [
        # a visit told on the days the calendar gives it: the talks of its first day are part of it
        (
            "HARBIN, May 17. /TASS/. Vladimir Putin is on a state visit to China on May 16-17. "
            "Yesterday, Putin and Xi Jinping held talks in Beijing.",
            date(2024, 5, 17),
            ("visit", date(2024, 5, 16)),
        ),
        # talks on a weekday that followed a named summit: the first such day after it ended
        (
            "Vladimir Putin and Xi Jinping held talks in Beijing on Tuesday. "
            "The talks followed the SCO summit in Tianjin, where both leaders spoke.",
            date(2025, 9, 2),
            ("meeting", date(2025, 9, 2)),
        ),
    ],
)
def test_an_undated_article_is_dated_by_the_calendar_event_it_names(text, day, event):
    extraction = read_undated(text)
    assert extraction.references["a.txt"].day == day
    assert event in {(e.kind, e.date_start) for e in extraction.events}


def test_a_weekday_of_the_last_day_named_as_past_is_that_day_even_when_the_article_date_is_a_window():
    text = (
        "Vladimir Putin received Wang Yi at the Kremlin on 1 April 2025 (pool photo). "
        "Putin met Wang Yi on Tuesday. Xi Jinping will attend the parade in Moscow on May 9."
    )
    extraction = read_undated(text)
    assert extraction.references["a.txt"].approximate
    [meeting] = [e for e in extraction.events if e.kind == "meeting"]
    assert meeting.date_start == date(2025, 4, 1) and len(meeting.citations) >= 1
    trace = extraction.docs[0].trace[1]
    assert any("kept: meeting dated 1 April 2025" in line for line in trace)
