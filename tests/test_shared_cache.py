"""Several hosts, one cache server: DJANGO_CACHE_URL=redis://... gives every worker of
every host the same facet counts, and an edit made on any host invalidates them on all.

Needs Redis (CHRONICLE_REDIS_URL, default redis://127.0.0.1:6379/0). Where none
answers these tests are skipped, except under .ci/run, which sets
CHRONICLE_REDIS=required so that a missing server fails them. Every test writes
under a key prefix of its own and deletes only its own keys: others may share the server.
"""

import os
import uuid
from datetime import date

import pytest

from tests.processes import run_manage

REDIS_URL = os.environ.get("CHRONICLE_REDIS_URL", "redis://127.0.0.1:6379/0")
REDIS_REQUIRED = os.environ.get("CHRONICLE_REDIS") == "required"
INVALIDATE = (
    "from timeline.facet_cache import current_version, invalidate_facets; invalidate_facets(); print(current_version())"
)


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


if not REDIS_REQUIRED and not redis_answers():
    pytestmark = pytest.mark.skip(reason=f"no Redis at {REDIS_URL} (CHRONICLE_REDIS=required makes this fail)")


@pytest.fixture
def prefix():
    """A key prefix for this test alone; its keys are deleted afterwards."""
    import redis

    name = f"chronicle-test-{uuid.uuid4().hex}"
    yield name
    server = redis.Redis.from_url(REDIS_URL)
    keys = list(server.scan_iter(f"{name}:*"))
    if keys:
        server.delete(*keys)


@pytest.fixture
def shared_cache(settings, prefix):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    return prefix


def on_another_host(prefix: str, code: str):
    """`code` in a separate process configured as another app server would be."""
    result = run_manage("shell", "-c", code, DJANGO_CACHE_URL=REDIS_URL, DJANGO_CACHE_KEY_PREFIX=prefix)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()[-1]


def test_a_cache_url_selects_the_redis_cache_with_the_key_prefix(prefix):
    code = "from django.conf import settings; c = settings.CACHES['default']; print(c['BACKEND'], c['KEY_PREFIX'])"
    assert on_another_host(prefix, code) == f"django.core.cache.backends.redis.RedisCache {prefix}"


def test_two_hosts_share_one_version_of_the_counts(prefix):
    first = int(on_another_host(prefix, INVALIDATE))
    second = int(on_another_host(prefix, INVALIDATE))
    assert second == first + 1  # the second host moved on the version the first one had set


def test_an_edit_on_another_host_shows_here_at_once(client, shared_cache, make_actor, make_event):
    xi = make_actor("Xi Jinping")
    meeting = make_event(title="Talks", kind="meeting", date_start=date(2023, 3, 21), actors=[xi])
    counts = lambda: {value.value: value.count for value in client.get("/").context["kind_facet"]}  # noqa: E731
    assert counts()["meeting"] == 1
    # Another host's editor turns the meeting into a call: this host's database sees the row
    # at once, but no signal of this process fires; only the shared version tells it.
    from timeline.models import Event

    Event.objects.filter(pk=meeting.pk).update(kind="call")
    assert counts()["meeting"] == 1, "still this host's cached counts"
    on_another_host(shared_cache, INVALIDATE)
    after = counts()
    assert after["meeting"] == 0 and after["call"] == 1


def test_the_facet_counts_themselves_live_on_the_server(client, shared_cache, make_event):
    import redis

    make_event(kind="visit")
    client.get("/")
    keys = [key.decode() for key in redis.Redis.from_url(REDIS_URL).scan_iter(f"{shared_cache}:*")]
    assert any(":timeline:facets:version" in key for key in keys)
    assert any(":timeline:facets:" in key and "version" not in key for key in keys), keys
