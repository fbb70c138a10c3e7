"""The test environment runs the pinned Home Assistant on Python >= 3.14.2."""

from pathlib import Path
import sys
import tomllib

from homeassistant.const import __version__ as HA_VERSION

REPO_ROOT = Path(__file__).resolve().parents[1]


def _pinned(package: str) -> str:
    data = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in data["dependency-groups"]["test"]:
        name, _, version = requirement.partition("==")
        if name == package:
            return version
    raise AssertionError(f"{package} is not pinned in the test group")


def test_python_version() -> None:
    """Home Assistant needs Python 3.14.2 or newer."""
    assert sys.version_info >= (3, 14, 2)


def test_home_assistant_matches_pin() -> None:
    """The environment has exactly the Home Assistant release pinned in pyproject.toml."""
    assert _pinned("homeassistant") == HA_VERSION
