"""List the PyPI requirements of Home Assistant components.

Run with the environment's Python, where homeassistant is installed:

    python ha_requirements.py [--manifest PATH]... COMPONENT...

Follows `dependencies`, `after_dependencies` and the discovery integrations the
same way Home Assistant's requirements manager does, and prints the
requirements, one a line. A --manifest adds a custom integration's manifest
(its own requirements and the components it depends on).
"""

import argparse
import json
from pathlib import Path
import sys

# Mirrors homeassistant.requirements.DISCOVERY_INTEGRATIONS.
DISCOVERY_INTEGRATIONS = {
    "dhcp": ("dhcp",),
    "mqtt": ("mqtt",),
    "ssdp": ("ssdp",),
    "zeroconf": ("zeroconf", "homekit"),
}


def _components_dir() -> Path:
    import homeassistant  # noqa: PLC0415

    return Path(homeassistant.__file__).parent / "components"


def _neighbours(manifest: dict[str, list[str]]) -> list[str]:
    found = list(manifest.get("dependencies", []))
    found += manifest.get("after_dependencies", [])
    found += [
        domain
        for domain, keys in DISCOVERY_INTEGRATIONS.items()
        if any(key in manifest for key in keys)
    ]
    return found


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--manifest", action="append", default=[], type=Path)
    parser.add_argument("components", nargs="*")
    args = parser.parse_args()

    components = _components_dir()
    requirements: dict[str, str] = {}
    pending: list[str] = list(args.components)
    for path in args.manifest:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        for requirement in manifest.get("requirements", []):
            requirements.setdefault(requirement, manifest.get("domain", str(path)))
        pending += [dep for dep in _neighbours(manifest) if (components / dep).is_dir()]
        missing = [
            dep
            for dep in manifest.get("dependencies", [])
            if not (components / dep).is_dir()
        ]
        if missing:
            print(f"{path}: unknown dependencies {missing}", file=sys.stderr)
            return 1

    seen: set[str] = set()
    while pending:
        domain = pending.pop()
        if domain in seen:
            continue
        seen.add(domain)
        manifest_path = components / domain / "manifest.json"
        if not manifest_path.is_file():
            print(f"unknown Home Assistant component {domain!r}", file=sys.stderr)
            return 1
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for requirement in manifest.get("requirements", []):
            requirements.setdefault(requirement, domain)
        pending += _neighbours(manifest)

    print(
        f"{len(seen)} components, {len(requirements)} requirements",
        file=sys.stderr,
    )
    for requirement in sorted(requirements, key=str.lower):
        print(requirement)
    return 0


if __name__ == "__main__":
    sys.exit(main())
