"""Facet counts (actors, kinds, years, the month chart) cached per filter set.

Counting 100,000 events for every facet costs tens of milliseconds a request,
and the counts change only when the events do. Every key holds a version
number that any saved or deleted event, participation, citation or actor moves
on, at once and again when the transaction commits (so a request that read the
old rows meanwhile cannot keep its counts). Loads, refreshes and imports
also move the database's DataStamp on, and the key holds it too: a command run
in another process invalidates the server's counts at its next request. TIMEOUT
bounds how long any other change that sends no signal can go unseen. The cached
entries hold HTML as well as counts, so the key also holds the version of the code
and templates that wrote them: after a deploy no host serves the old markup, and
during a rolling one, hosts sharing a cache never serve each other's.
"""

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .models import Actor, Citation, DataStamp, Event, Participation
from .paths import PROJECT_DIR

VERSION_KEY = "timeline:facets:version"
TIMEOUT = 60


def code_version(folders) -> str:
    """A digest of every Python module and template under `folders`: what writes a cached entry."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for pattern in ("*.py", "*.html") for p in folder.rglob(pattern)):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CODE_VERSION = code_version([PROJECT_DIR / "timeline", PROJECT_DIR / "templates"])  # once per process


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # Start from the clock, not from 1: a version evicted from the cache must
        # never come back and revive the entries written under it.
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY, 0)
    return version


def invalidate_facets(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, time.time_ns(), None)


def _changed(**kwargs):
    invalidate_facets()
    transaction.on_commit(invalidate_facets, using=kwargs.get("using"))


def cached_facets(filters_key: str, compute: Callable[[], dict]) -> dict:
    """compute() for this filter set (a canonical query string), from the cache when it can."""
    digest = hashlib.sha256(filters_key.encode()).hexdigest()[:32]
    key = f"timeline:facets:{CODE_VERSION}:{current_version()}:{DataStamp.current()}:{digest}"
    facets = cache.get(key)
    if facets is None:
        facets = compute()
        cache.set(key, facets, TIMEOUT)
    return facets


for model in (Event, Participation, Citation, Actor):
    post_save.connect(_changed, sender=model, dispatch_uid=f"facet_cache_save_{model._meta.model_name}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"facet_cache_delete_{model._meta.model_name}")
