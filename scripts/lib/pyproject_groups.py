"""Read toolchain groups from pyproject.toml (given on stdin).

Usage:
    pyproject_groups.py requirements GROUP   pinned requirements, one a line
    pyproject_groups.py components GROUP     Home Assistant components, one a line
    pyproject_groups.py key GROUP SALT...    short hash identifying the environment
    pyproject_groups.py groups               names of all dependency groups

Runs with any Python >= 3.11 (tomllib) and needs nothing else.
"""

import hashlib
import sys
import tomllib
from typing import Any


def _requirements(
    data: dict[str, Any], group: str, seen: tuple[str, ...] = ()
) -> list[str]:
    groups = data.get("dependency-groups", {})
    if group not in groups:
        raise SystemExit(f"pyproject.toml has no dependency group {group!r}")
    if group in seen:
        raise SystemExit(f"dependency group {group!r} includes itself")
    result: list[str] = []
    for item in groups[group]:
        if isinstance(item, dict) and "include-group" in item:
            result.extend(_requirements(data, item["include-group"], (*seen, group)))
        elif isinstance(item, str):
            result.append(item.strip())
        else:
            raise SystemExit(f"unsupported entry in group {group!r}: {item!r}")
    return result


def _components(data: dict[str, Any], group: str) -> list[str]:
    table = data.get("tool", {}).get("desk-break-coach", {}).get("ha-components", {})
    return sorted(set(table.get(group, [])))


def main(argv: list[str]) -> int:
    """Entry point."""
    data = tomllib.loads(sys.stdin.read())
    if not argv:
        raise SystemExit(__doc__)
    command, *rest = argv
    if command == "groups":
        print("\n".join(data.get("dependency-groups", {})))
    elif command == "requirements" and len(rest) == 1:
        print("\n".join(_requirements(data, rest[0])))
    elif command == "components" and len(rest) == 1:
        print("\n".join(_components(data, rest[0])))
    elif command == "key" and rest:
        group, *salt = rest
        material = "\n".join(
            [
                group,
                *_requirements(data, group),
                "--components--",
                *_components(data, group),
                "--salt--",
                *salt,
            ]
        )
        print(hashlib.sha256(material.encode()).hexdigest()[:12])
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
