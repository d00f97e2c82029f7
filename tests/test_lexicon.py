"""The lexicon is the extractor's one home for word lists: these tests keep its lists agreeing
with each other and with the code that reads them."""

import re

import pytest

from timeline.extraction import lexicon, load_reference_files
from timeline.extraction.lexicon import NOW_TRIGGER_WORDS
from timeline.extraction.triggers import find_triggers
from timeline.models import Event

FRAGMENT_LISTS = {
    **{f"VERB_TRIGGERS[{k}]": v for k, v in lexicon.VERB_TRIGGERS.items()},
    **{f"NOUN_TRIGGERS[{k}]": v for k, v in lexicon.NOUN_TRIGGERS.items()},
    "SPEECH_VERBS": lexicon.SPEECH_VERBS,
    "REPORTING_VERBS": lexicon.REPORTING_VERBS,
    "BACKGROUND_OPENERS": lexicon.BACKGROUND_OPENERS,
    "JOINT_CUES": lexicon.JOINT_CUES,
    "ABSENT_MARKERS": lexicon.ABSENT_MARKERS,
}


@pytest.mark.parametrize("name", sorted(FRAGMENT_LISTS))
def test_every_fragment_is_a_regular_expression_that_matches_no_empty_word(name):
    for fragment in FRAGMENT_LISTS[name]:
        pattern = re.compile(rf"\b(?:{fragment})\b", re.IGNORECASE)
        assert not pattern.fullmatch(""), (name, fragment)


def test_trigger_kinds_are_the_event_kinds_plus_talks_of_either_kind():
    kinds = set(Event.Kind.values)
    assert set(lexicon.VERB_TRIGGERS) <= kinds | {"talk"}
    assert set(lexicon.NOUN_TRIGGERS) <= kinds
    assert set(lexicon.KIND_ORDER) == kinds
    assert set(lexicon.ENCOUNTER_KINDS) <= kinds


@pytest.mark.parametrize(
    "sentence, word",
    [
        ("Xi Jinping is in Moscow.", "is in"),
        ("Xi Jinping is on a state visit to Russia.", "is on a"),
        ("Xi Jinping is visiting Moscow.", "visiting"),
        ("Vladimir Putin is hosting Xi Jinping.", "hosting"),
        ("Xi Jinping arrives in Moscow.", "arrives in"),
        ("Xi Jinping is meeting Vladimir Putin.", "meeting"),
        ("Xi Jinping is paying a state visit to Russia.", "paying"),
    ],
)
def test_every_word_that_means_today_is_one_the_trigger_finder_returns(sentence, word):
    assert word in NOW_TRIGGER_WORDS
    triggers, _ = find_triggers(sentence, [])
    assert any(t.word.lower().strip().startswith(word) for t in triggers), triggers


def test_the_words_that_mean_today_are_all_tested():
    tested = {"is in", "is on a", "visiting", "hosting", "arrives in", "meeting", "paying"}
    assert set(NOW_TRIGGER_WORDS) == tested


def test_nationalities_name_countries_the_reference_list_knows():
    countries = {a.country for a in load_reference_files().actors.values() if a.kind == "state"}
    assert set(lexicon.NATIONALITIES.values()) <= countries
    assert set(lexicon.DEFAULT_SIDES) <= countries


def test_speaker_fillers_are_single_lowercase_words():
    assert all(re.fullmatch(r"[a-z]+", word) for word in lexicon.SPEAKER_FILLERS)


def test_closing_verbs_include_every_verb_that_can_come_before_its_speaker():
    assert set(lexicon.INVERTIBLE_VERBS) <= set(lexicon.CLOSING_VERBS)
    saying = re.compile(rf"(?:{'|'.join(lexicon.SPEECH_VERBS + lexicon.REPORTING_VERBS)})")
    assert all(saying.fullmatch(verb) for verb in lexicon.CLOSING_VERBS)


def test_role_meanings_explain_only_listed_roles():
    assert set(lexicon.ROLE_MEANINGS) <= set(lexicon.ROLE_NOUNS)


def test_every_past_verb_of_saying_has_a_present_form_for_titles():
    past = [v for v in lexicon.SPEECH_VERBS if not v.endswith("s")]
    for fragment in past:
        pattern = re.compile(rf"(?:{fragment})")
        assert any(pattern.fullmatch(word) for word in lexicon.SPEECH_PRESENT), fragment
