"""Reliability tests: one of them needs a real Home Assistant server."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Register the `server` mark (deselect with -m "not server")."""
    config.addinivalue_line(
        "markers",
        "server: starts a real Home Assistant with scripts/develop (about a minute)",
    )
