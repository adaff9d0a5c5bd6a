"""Rate limits count in their own cache ("limits"), apart from page parts: a crawl
that fills the page-part cache cannot evict them."""

from django.core.cache import caches

from toolbox_site import freshness
from toolbox_site.security import over_limit


def test_a_limit_counts_in_its_own_cache():
    for _ in range(3):
        assert not over_limit("test:address", 3, 60)
    assert over_limit("test:address", 3, 60)
    assert caches["limits"].get("toolbox:limit:test:address") == 4
    assert caches["default"].get("toolbox:limit:test:address") is None


def test_page_parts_never_evict_a_limit():
    parts = caches["default"]
    over_limit("test:client", 1, 60)
    for number in range(parts._max_entries * 2):  # a crawl with unique query strings
        freshness.cached(freshness.Part(f"part:crawl:{number}"), lambda: "x" * 100)
    assert over_limit("test:client", 1, 60)  # the first use still counts


def test_cache_url_moves_both_caches_to_redis(monkeypatch):
    """toolbox_site/settings.py reads CACHE_URL: both aliases, Django's own backend."""
    import importlib
    import os

    import toolbox_site.settings as site_settings

    monkeypatch.setitem(os.environ, "CACHE_URL", "redis://cache.example:6379/0")
    try:
        reloaded = importlib.reload(site_settings)
        assert set(reloaded.CACHES) == {"default", "limits"}
        for alias, config in reloaded.CACHES.items():
            assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
            assert config["LOCATION"] == "redis://cache.example:6379/0"
            assert config["KEY_PREFIX"] == alias
    finally:
        monkeypatch.delitem(os.environ, "CACHE_URL")
        importlib.reload(site_settings)
