"""The links that change the filters: index_url keeps the canonical order and encodes safely."""

from urllib.parse import parse_qsl, urlsplit

from django.http import QueryDict
from django.urls import set_script_prefix

from timeline.querystrings import index_url, index_url_maker


def pairs(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def test_no_parameters_is_the_bare_timeline_address():
    assert index_url() == "/"
    assert index_url(QueryDict(), page=None) == "/"


def test_a_changed_key_keeps_its_place_and_a_new_key_goes_last():
    params = QueryDict("actor=xi-jinping&kind=meeting&start=2023")
    assert pairs(index_url(params, kind="call", page=2)) == [
        ("actor", "xi-jinping"),
        ("kind", "call"),
        ("start", "2023"),
        ("page", "2"),
    ]


def test_none_removes_a_key_and_a_list_sets_every_value():
    params = QueryDict("actor=a&actor=b&kind=meeting")
    assert pairs(index_url(params, actor=None)) == [("kind", "meeting")]
    assert pairs(index_url(params, kind=["call", "visit"])) == [
        ("actor", "a"),
        ("actor", "b"),
        ("kind", "call"),
        ("kind", "visit"),
    ]
    assert pairs(index_url(params, kind=[])) == [("actor", "a"), ("actor", "b")]


def test_values_are_encoded_as_the_query_dict_would_encode_them():
    params = QueryDict(mutable=True)
    params["q"] = 'Xi & Putin = "talks" 北京'
    url = index_url(params, location="Moscow/Kremlin")
    assert url == f"/?{(params.urlencode())}&location=Moscow%2FKremlin"
    assert pairs(url) == [("q", 'Xi & Putin = "talks" 北京'), ("location", "Moscow/Kremlin")]


def test_the_address_follows_the_script_prefix_of_the_request():
    set_script_prefix("/chronicle/")
    try:
        assert index_url(QueryDict("kind=call")) == "/chronicle/?kind=call"
    finally:
        set_script_prefix("/")
    assert index_url(QueryDict("kind=call")) == "/?kind=call"


def test_a_link_maker_gives_what_index_url_gives_for_every_value():
    params = QueryDict("q=a%26b+c&actor=xi-jinping&actor=putin&kind=meeting&start=2023&page=3")
    by_actor = index_url_maker(params, "actor", actors_match=None, page=None)
    by_month = index_url_maker(params, "start", "end")
    for value in ("wang-yi", "a b&c=d", "Ĳ/é?#", "", 2024):
        assert by_actor(value) == index_url(params, actor=value, actors_match=None, page=None)
        assert by_month(value) == index_url(params, start=value, end=value)
    assert index_url_maker(None, "start", "end", actor="xi")("2024-03") == "/?actor=xi&start=2024-03&end=2024-03"


def test_a_link_maker_falls_back_to_index_url_when_a_value_already_holds_its_marker():
    params = QueryDict(mutable=True)
    params["location"] = "a\x00b"  # the form refuses it; the maker must still not mix the two up
    by_actor = index_url_maker(params, "actor")
    assert by_actor("xi-jinping") == index_url(params, actor="xi-jinping")
