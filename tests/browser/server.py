"""A Home Assistant of the browser test's own, run by the project's `scripts/develop`.

It gets a fresh configuration directory and a free port, so a developer's
running instance is never touched; `restart` stops it (it saves on the way
out), lets the test change what it stored, and starts it again on the same
directory and port.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
import json
from pathlib import Path
import socket
import subprocess
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DEVELOP = REPO / "scripts" / "develop"
DOMAIN = "desk_break_coach"


def free_port() -> int:
    """Return a TCP port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class DevelopServer:
    """One `scripts/develop --background` instance."""

    config: Path
    port: int
    #: What scripts/develop said when it last started the server (its warnings).
    output: str = ""

    @property
    def url(self) -> str:
        """Where it answers."""
        return f"http://127.0.0.1:{self.port}"

    def _develop(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [DEVELOP, "--config", self.config, *args],
            check=False,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=900,
        )

    def start(self) -> None:
        """Start it (the first time: onboard it and add the demo profile)."""
        started = self._develop("--background", "--port", str(self.port))
        self.output = started.stderr
        if started.returncode != 0:
            log = self.config / "home-assistant.log"
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            pytest.fail(
                f"scripts/develop failed ({started.returncode}):\n"
                f"{started.stderr}\n{tail}"
            )

    def stop(self) -> None:
        """Stop it; Home Assistant writes what it keeps before it exits."""
        self._develop("--stop")

    async def restart(self, edit: Callable[[Path], None] | None = None) -> None:
        """Stop, let `edit` change the stopped configuration, start again."""
        await asyncio.to_thread(self.stop)
        if edit is not None:
            edit(self.config)
        await asyncio.to_thread(self.start)


def edit_stored_progress(
    config: Path, entry_id: str, change: Callable[[dict[str, Any]], None]
) -> None:
    """Change a stopped profile's stored progress (its `.storage` file) in place."""
    path = config / ".storage" / f"{DOMAIN}.{entry_id}"
    stored = json.loads(path.read_text(encoding="utf-8"))
    change(stored["data"])
    path.write_text(json.dumps(stored, indent=4), encoding="utf-8")
