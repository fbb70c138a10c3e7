"""Keep the development server's http settings where Home Assistant keeps them.

Since 2026.11 Home Assistant's http integration is configured from the UI
(Settings > System > Network) and keeps its settings in its own store,
`.storage/http`; an `http:` block in configuration.yaml is imported once and
then raises the repair "The HTTP YAML configuration is deprecated". So the
development configuration has no `http:` block: before the first start of a
configuration directory this writes the store the way the http integration
writes it after a confirmed change (a stable configuration, nothing pending,
the YAML migration done), with the address and port the development server
serves. The data goes through the integration's own storage schema and carries
its storage version, so it is exactly what the installed release expects.

    python develop_http.py --config DIR [--port N]

A directory that already has the store keeps it (a change made in the UI
stays); `--port` must then match the port it serves. Prints "HOST PORT", the
address scripts/develop can reach the server at.

Exit status: 0, or 2 when the stored port is not the one asked for.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
import sys
from typing import Any

from homeassistant.components.http import config as http_config
from homeassistant.components.http.const import CONF_SERVER_HOST, CONF_SERVER_PORT
from homeassistant.const import SERVER_PORT
from homeassistant.util import dt as dt_util

HOST = "127.0.0.1"
#: Addresses that mean "every interface": the server answers on 127.0.0.1 too.
ANY_HOST = {"0.0.0.0", "::", ""}


def _store_path(config: Path) -> Path:
    return config / ".storage" / http_config.STORAGE_KEY


def new_store(port: int) -> dict[str, Any]:
    """Return the store file of a confirmed http configuration on HOST:port."""
    stable = {
        **http_config.HTTP_STORAGE_SCHEMA(
            {CONF_SERVER_HOST: [HOST], CONF_SERVER_PORT: port}
        ),
        http_config.HTTP_CONFIG_CREATED_AT: dt_util.utcnow().isoformat(),
        http_config.HTTP_CONFIG_ERROR: None,
        http_config.HTTP_CONFIG_ERROR_MESSAGE: None,
    }
    return {
        "version": http_config.STORAGE_VERSION,
        "minor_version": http_config.STORAGE_MINOR_VERSION,
        "key": http_config.STORAGE_KEY,
        "data": {
            http_config.KEY_STABLE: stable,
            http_config.KEY_PENDING: None,
            http_config.KEY_YAML_MIGRATION_DONE: True,
        },
    }


def write_store(path: Path, store: dict[str, Any]) -> None:
    """Write the store as Home Assistant does: private (0600), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.develop-tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(store, file, indent=2)
    temporary.replace(path)


def served(data: dict[str, Any]) -> tuple[str, int]:
    """Return (host to reach, port) of the configuration the next start uses."""
    if http_config.KEY_STABLE not in data:  # a first-version store: the config itself
        active: dict[str, Any] = data
    else:
        active = data[http_config.KEY_STABLE]
        pending = data.get(http_config.KEY_PENDING)
        if pending and pending.get(http_config.HTTP_CONFIG_ERROR) is None:
            active = pending
    hosts = active.get(CONF_SERVER_HOST) or [HOST]
    if isinstance(hosts, str):
        hosts = [hosts]
    host = HOST if HOST in hosts or hosts[0] in ANY_HOST else hosts[0]
    return host, int(active.get(CONF_SERVER_PORT) or SERVER_PORT)


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--port", type=int)
    args = parser.parse_args()
    path = _store_path(args.config)
    if not path.exists():
        store = new_store(args.port or SERVER_PORT)
        write_store(path, store)
        data = store["data"]
    else:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
    host, port = served(data)
    if args.port is not None and port != args.port:
        print(
            f"{path} serves port {port}, not {args.port} "
            "(change it under Settings > System > Network, or use another --config)",
            file=sys.stderr,
        )
        return 2
    print(host, port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
