"""The guide stays true: docs/ARCHITECTURE.md names only what exists, imports run down."""

from __future__ import annotations

import ast
from pathlib import Path
import re

from custom_components.desk_break_coach.const import DOMAIN

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "custom_components" / DOMAIN
GUIDE = ROOT / "docs" / "ARCHITECTURE.md"

#: Modules Home Assistant loads by name; nothing of the package imports them.
LOADED_BY_NAME = frozenset(
    {
        "binary_sensor",
        "button",
        "config_flow",
        "device_action",
        "device_condition",
        "device_trigger",
        "diagnostics",
        "event",
        "intent",
        "llm",
        "number",
        "repairs",
        "select",
        "sensor",
        "switch",
    }
)


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name ("" is the package itself)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _runtime_imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Return the package modules `name` imports when it runs (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text())
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(child) for child in ast.walk(node))
    base = name.split(".") if name else []
    if path.name != "__init__.py":
        base = base[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.ImportFrom) or not node.level:
            continue
        anchor = base[: len(base) - (node.level - 1)] if node.level > 1 else base
        target = ".".join([*anchor, *([node.module] if node.module else [])])
        for alias in node.names:
            sub = f"{target}.{alias.name}" if target else alias.name
            found.add(sub if sub in modules else target)
    found.discard(name)
    return {module for module in found if module in modules}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: _runtime_imports(name, path, modules) for name, path in modules.items()
    }


def _quoted_names(text: str) -> set[str]:
    return set(re.findall(r"`([^`\s]+)`", text))


def _defined_names() -> set[str]:
    """Every name the code defines: classes, functions, constants, attributes, keys.

    The package's and the tests' code; string constants count too (an action's or
    an option's key, a marker).
    """
    names: set[str] = set()
    for path in [*PACKAGE.rglob("*.py"), *(ROOT / "tests").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.add(node.value)
            elif isinstance(
                node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
            ):
                names.add(node.name)
            elif isinstance(node, ast.TypeAlias):
                names.add(node.name.id)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = (
                    node.targets if isinstance(node, ast.Assign) else [node.target]
                )
                for target in targets:
                    if isinstance(target, ast.Name):
                        names.add(target.id)
                    elif isinstance(target, ast.Attribute):
                        names.add(target.attr)
    return names


def test_every_code_name_the_guide_quotes_exists() -> None:
    """A file, folder, module or name in backticks is one the code has."""
    defined = _defined_names()
    missing = []
    for quoted in sorted(_quoted_names(GUIDE.read_text())):
        name = quoted.rstrip("()")
        if "/" in name or name.endswith((".py", ".json", ".yaml", ".js", ".md")):
            if not _file_exists(name):
                missing.append(quoted)
            continue
        if not re.fullmatch(r"[A-Za-z_][\w.]*", name):
            continue  # a command line, a value or a placeholder
        last = name.rsplit(".", 1)[-1]
        modules = {part for module in _modules() for part in module.split(".")}
        if not (
            last in defined or name in modules or _in_card(last) or _is_external(name)
        ):
            missing.append(quoted)
    assert not missing, f"docs/ARCHITECTURE.md names what does not exist: {missing}"


def _in_card(name: str) -> bool:
    """Tell whether the card's modules define a name (`const NAME`, `class Name`, a function)."""
    pattern = re.compile(rf"\b(const|let|class|function|async function)\s+{name}\b")
    return any(
        pattern.search(path.read_text())
        for path in (PACKAGE / "frontend").rglob("*.js")
    )


def _file_exists(name: str) -> bool:
    """Tell whether a path (from the root or the package) or a file name exists."""
    if "<" in name or "*" in name or name.startswith("..."):
        return True  # a pattern
    if (ROOT / name).exists() or (PACKAGE / name).exists():
        return True
    return "/" not in name and any(ROOT.glob(f"**/{name}"))


def _is_external(name: str) -> bool:
    """Home Assistant's or Python's own names, which the guide may quote too."""
    return name.startswith(("async_track_", "hass.", "homeassistant")) or name in {
        "runtime_data",
        "async_write_ha_state",
        "TYPE_CHECKING",
        "ServiceValidationError",
        "async_add_executor_job",
        "Store",
        "None",
        "True",
        "False",
    }


def test_the_guide_names_every_module() -> None:
    """Each module of the shell has its line in the guide."""
    text = GUIDE.read_text()
    unnamed = [
        name
        for name, path in _modules().items()
        if name
        and not name.startswith("engine")
        and path.relative_to(PACKAGE).as_posix() not in text
        and f"`{path.name}`" not in text
    ]
    assert not unnamed, f"modules missing from docs/ARCHITECTURE.md: {unnamed}"


def test_imports_run_down() -> None:
    """No cycle at run time: every import points to a module below."""
    graph = _graph()
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            assert state.get(target) != 1, f"import cycle: {[*trail, name, target]}"
            if target not in state:
                visit(target, [*trail, name])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_nothing_imports_what_home_assistant_loads_by_name() -> None:
    """Platforms, flows and hooks sit on top: no module imports them."""
    graph = _graph()
    for name, targets in graph.items():
        assert not targets & LOADED_BY_NAME, (name, targets & LOADED_BY_NAME)
        assert "" not in targets, f"{name} imports the package's __init__"


def test_engine_imports_nothing_of_the_shell() -> None:
    """The engine is pure: it imports only itself (and no Home Assistant)."""
    for name, targets in _graph().items():
        if name.startswith("engine"):
            assert all(target.startswith("engine") for target in targets), name
    for path in (PACKAGE / "engine").rglob("*.py"):
        assert "homeassistant" not in path.read_text(), path


def test_top_level_stays_small() -> None:
    """Only what Home Assistant requires and the shell's core sit at the top."""
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 24, top
