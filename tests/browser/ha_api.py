"""Home Assistant's REST and websocket APIs, as the demo owner uses them."""

from __future__ import annotations

from typing import Any

import aiohttp

# The owner scripts/develop creates.
USERNAME, PASSWORD = "demo", "demo-desk-break"


class HomeAssistantApi:
    """The demo owner's view of Home Assistant's REST and websocket APIs."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        """Remember where Home Assistant is."""
        self.session = session
        self.url = url
        self.headers: dict[str, str] = {}

    async def log_in(self) -> None:
        """Log in through the auth login flow, as the frontend does."""
        client_id = f"{self.url}/"
        async with self.session.post(
            f"{self.url}/auth/login_flow",
            json={
                "client_id": client_id,
                "handler": ["homeassistant", None],
                "redirect_uri": client_id,
            },
        ) as response:
            flow = await response.json()
        async with self.session.post(
            f"{self.url}/auth/login_flow/{flow['flow_id']}",
            json={"client_id": client_id, "username": USERNAME, "password": PASSWORD},
        ) as response:
            result = await response.json()
        assert result["type"] == "create_entry", result
        async with self.session.post(
            f"{self.url}/auth/token",
            data={
                "grant_type": "authorization_code",
                "code": result["result"],
                "client_id": client_id,
            },
        ) as response:
            tokens = await response.json()
        self.headers = {"Authorization": f"Bearer {tokens['access_token']}"}

    async def state(self, entity_id: str) -> dict[str, Any]:
        """Return the current state object of an entity."""
        async with self.session.get(
            f"{self.url}/api/states/{entity_id}", headers=self.headers
        ) as response:
            assert response.status == 200, await response.text()
            state: dict[str, Any] = await response.json()
            return state

    async def call_service(self, domain: str, service: str, **data: Any) -> None:
        """Call an action."""
        async with self.session.post(
            f"{self.url}/api/services/{domain}/{service}",
            json=data,
            headers=self.headers,
        ) as response:
            assert response.status == 200, await response.text()

    async def websocket(self, *commands: dict[str, Any]) -> list[Any]:
        """Send websocket commands one after the other; return their results."""
        results = []
        async with self.session.ws_connect(f"{self.url}/api/websocket") as ws:
            await ws.receive_json()
            token = self.headers["Authorization"].removeprefix("Bearer ")
            await ws.send_json({"type": "auth", "access_token": token})
            assert (await ws.receive_json())["type"] == "auth_ok"
            for message_id, command in enumerate(commands, 1):
                await ws.send_json({"id": message_id, **command})
                while (reply := await ws.receive_json())["id"] != message_id:
                    pass
                assert reply["success"], reply
                results.append(reply["result"])
        return results

    async def config(self) -> dict[str, Any]:
        """Return Home Assistant's core configuration (time zone, language)."""
        async with self.session.get(
            f"{self.url}/api/config", headers=self.headers
        ) as response:
            assert response.status == 200, await response.text()
            config: dict[str, Any] = await response.json()
            return config

    async def set_options(self, entry_id: str, **changes: Any) -> None:
        """Change some options of a config entry through its options flow.

        The form suggests every current value; those are kept, the changes
        replace theirs.
        """
        flows = f"{self.url}/api/config/config_entries/options/flow"
        async with self.session.post(
            flows, json={"handler": entry_id}, headers=self.headers
        ) as response:
            form = await response.json()
        assert response.status == 200 and form["type"] == "form", form
        answers: dict[str, Any] = {}
        for section in form["data_schema"]:  # the form is in sections
            fields = section.get("schema", [section])
            values = {
                field["name"]: field["description"]["suggested_value"]
                for field in fields
                if (field.get("description") or {}).get("suggested_value") is not None
            }
            values.update(
                {
                    field["name"]: changes[field["name"]]
                    for field in fields
                    if field["name"] in changes
                }
            )
            if "schema" in section:
                answers[section["name"]] = values
            else:
                answers.update(values)
        async with self.session.post(
            f"{flows}/{form['flow_id']}",
            json=answers,
            headers=self.headers,
        ) as response:
            result = await response.json()
        assert response.status == 200 and result["type"] == "create_entry", result
