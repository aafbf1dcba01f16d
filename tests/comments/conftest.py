import pytest

from ops.throttle import counters


@pytest.fixture(autouse=True)
def _fresh_counters():
    """Each test starts with no comment attempts counted for 127.0.0.1 (the cache outlives a test)."""
    counters().clear()
    yield
    counters().clear()
