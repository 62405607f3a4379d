from tests.discovery.hot import redis_url  # noqa: F401 (the tests' Redis, one per session)
