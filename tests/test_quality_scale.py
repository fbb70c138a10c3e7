"""quality_scale.yaml answers every rule of Home Assistant's quality scale."""

from __future__ import annotations

from pathlib import Path
import re

import yaml

PACKAGE = Path(__file__).parents[1] / "custom_components" / "desk_break_coach"

#: Every rule, by tier, as Home Assistant's hassfest lists them.
RULES = {
    "bronze": (
        "action-setup",
        "appropriate-polling",
        "brands",
        "common-modules",
        "config-flow",
        "config-flow-test-coverage",
        "dependency-transparency",
        "docs-actions",
        "docs-conditions",
        "docs-high-level-description",
        "docs-installation-instructions",
        "docs-removal-instructions",
        "docs-triggers",
        "entity-event-setup",
        "entity-unique-id",
        "has-entity-name",
        "runtime-data",
        "test-before-configure",
        "test-before-setup",
        "unique-config-entry",
    ),
    "silver": (
        "action-exceptions",
        "config-entry-unloading",
        "docs-configuration-parameters",
        "docs-installation-parameters",
        "entity-unavailable",
        "integration-owner",
        "log-when-unavailable",
        "parallel-updates",
        "reauthentication-flow",
        "test-coverage",
    ),
    "gold": (
        "devices",
        "diagnostics",
        "discovery",
        "discovery-update-info",
        "docs-data-update",
        "docs-examples",
        "docs-known-limitations",
        "docs-supported-devices",
        "docs-supported-functions",
        "docs-troubleshooting",
        "docs-use-cases",
        "dynamic-devices",
        "entity-category",
        "entity-device-class",
        "entity-disabled-by-default",
        "entity-translations",
        "exception-translations",
        "icon-translations",
        "reconfiguration-flow",
        "repair-issues",
        "stale-devices",
    ),
    "platinum": ("async-dependency", "inject-websession", "strict-typing"),
}
STATUSES = {"done", "exempt", "todo"}


def _rules() -> dict[str, dict[str, str]]:
    data = yaml.safe_load((PACKAGE / "quality_scale.yaml").read_text("utf-8"))
    assert set(data) == {"rules"}
    rules: dict[str, dict[str, str]] = data["rules"]
    return rules


def test_every_rule_is_answered() -> None:
    """Each rule of each tier is named once, and nothing else."""
    expected = [rule for tier in RULES.values() for rule in tier]
    assert len(expected) == len(set(expected))
    assert sorted(_rules()) == sorted(expected)


def test_each_answer_has_a_status_and_a_reason() -> None:
    """done, exempt or todo, each with a comment saying why or where."""
    for rule, answer in _rules().items():
        assert set(answer) == {"status", "comment"}, rule
        assert answer["status"] in STATUSES, rule
        assert isinstance(answer["comment"], str), rule
        assert len(answer["comment"]) > 10, rule


def test_docs_answers_point_at_readme_sections() -> None:
    """A docs rule marked done names README sections that are there."""
    readme = (PACKAGE.parents[1] / "README.md").read_text("utf-8")
    headings = set(re.findall(r"^#+ (.+)$", readme, re.MULTILINE))
    for rule, answer in _rules().items():
        if not rule.startswith("docs-") or answer["status"] != "done":
            continue
        comment = answer["comment"]
        assert comment.startswith("README"), rule
        named = [heading for heading in headings if heading in comment]
        assert named, (rule, comment)
