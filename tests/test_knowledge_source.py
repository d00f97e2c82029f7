"""The extractor's knowledge comes from the database once it holds actors, so editors' changes
count; before that (an empty or unmigrated database) from the reference files it ships."""

from django.db import DatabaseError

from timeline.knowledge_source import load_knowledge


def test_an_alias_an_editor_added_in_the_database_is_known_to_the_extractor(make_actor):
    make_actor("Vladimir Putin", country="Russia", aliases="The Russian leader Vladimir V. Putin")
    knowledge = load_knowledge()
    assert knowledge.origin == "database"
    text = "The Russian leader Vladimir V. Putin spoke."
    assert knowledge.find_actors(text) == [(0, len("The Russian leader Vladimir V. Putin"), "vladimir-putin")]


def test_an_empty_database_falls_back_to_the_shipped_reference_files(db):
    knowledge = load_knowledge()
    assert knowledge.origin.startswith("reference files")
    assert "xi-jinping" in knowledge.actors


def test_a_database_without_tables_falls_back_too(db, monkeypatch):
    from timeline.models import Actor

    def no_table(*args, **kwargs):
        raise DatabaseError("no such table: timeline_actor")

    monkeypatch.setattr(Actor.objects, "exists", no_table)
    assert load_knowledge().origin.startswith("reference files")
