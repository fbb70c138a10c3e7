"""Browser tests talk to a Home Assistant of their own, not the test harness's."""

import pytest


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """No in-process Home Assistant here (overrides the package-wide fixture)."""
