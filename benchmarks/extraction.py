"""The extractor's rate on generated articles (articles in, events out, no database)."""

import time
from pathlib import Path

from timeline.synthetic import plan_articles

from .measure import Unavailable


def generated_articles(count: int, seed: int):
    from timeline.extraction.articles import RawArticle, SourceMeta
    from timeline.extraction.knowledge import load_reference_files

    knowledge = load_reference_files()
    names = [actor.name for actor in knowledge.actors.values() if actor.kind == "person"]
    articles = [
        RawArticle(
            origin=f"bench_{number:05d}.txt",
            path=Path(f"bench_{number:05d}.txt"),
            text=planned.text,
            meta=SourceMeta(planned.title, planned.publisher, planned.url, planned.published_on),
        )
        for number, planned in enumerate(plan_articles(count, seed=seed, names=names or None), start=1)
    ]
    return articles, knowledge


def extraction_rate(count: int, seed: int, repeat: int = 3) -> tuple[float, int]:
    """(articles per second, median over `repeat` runs; events found)."""
    try:
        from timeline.extraction import extract
    except ImportError as exc:
        raise Unavailable(f"no extractor to measure ({exc})") from None
    articles, knowledge = generated_articles(count, seed)
    extract(articles[:50], knowledge)  # warm caches and compiled patterns
    seconds, events = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        events = len(extract(articles, knowledge).events)
        seconds.append(time.perf_counter() - started)
    return count / sorted(seconds)[len(seconds) // 2], events


def arrival_ms(seed: int, repeat: int = 3) -> tuple[float, int]:
    """(median ms to bring one new article in and propose its events, as the admin's
    'Add article' does; context articles read). Each import is rolled back."""
    from django.db import transaction

    from timeline.ingest.arrival import context_sources
    from timeline.ingest.articles import Article, add_article
    from timeline.knowledge_source import load_knowledge

    articles, _ = generated_articles(repeat, seed + 7919)  # not the plan the database was filled from
    seconds, context = [], 0
    for raw in articles:
        article = Article(text=f"{raw.text}\n\n{raw.origin}", title=raw.meta.title, published_on=raw.meta.published)
        context = len(context_sources([raw], load_knowledge()))
        with transaction.atomic():
            started = time.perf_counter()
            add_article(article)
            seconds.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    return sorted(seconds)[len(seconds) // 2] * 1000, context
