import pytest

from tests.processes import run_manage

pytestmark = pytest.mark.slow  # every test here starts a child process

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3y-for-the-deploy-check-" + "x9Q#" * 12,
    "DJANGO_ALLOWED_HOSTS": "chronicle.example.org",
}


def test_settings_refuse_to_start_with_debug_off_and_no_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_allowed_hosts_come_from_the_environment():
    code = "from django.conf import settings; print(settings.ALLOWED_HOSTS)"
    result = run_manage("shell", "-c", code, **PRODUCTION)
    assert "['chronicle.example.org']" in result.stdout


def test_a_cache_directory_gives_every_worker_one_shared_cache(tmp_path):
    code = (
        "from django.core.cache import cache; from timeline.facet_cache import current_version, invalidate_facets;"
        "v = current_version(); invalidate_facets(); print(v, current_version())"
    )
    first = run_manage("shell", "-c", code, DJANGO_CACHE_DIR=str(tmp_path))
    second = run_manage("shell", "-c", code, DJANGO_CACHE_DIR=str(tmp_path))
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    before, after = map(int, first.stdout.splitlines()[-1].split())
    again_before, _ = map(int, second.stdout.splitlines()[-1].split())
    # The second process sees the version the first one moved on: one cache for both.
    assert after == before + 1 and again_before == after


def test_cache_none_selects_the_dummy_cache_even_beside_a_cache_directory(tmp_path):
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = run_manage("shell", "-c", code, DJANGO_CACHE="none", DJANGO_CACHE_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "django.core.cache.backends.dummy.DummyCache"
