"""Drive a headless Chromium through the DevTools protocol (aiohttp only).

Just enough of the protocol for the card's browser test: start the browser on
a fresh profile, evaluate JavaScript (reaching into shadow roots), click like a
user, switch the colour scheme and take screenshots.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Awaitable, Callable
import contextlib
import itertools
import json
import os
from pathlib import Path
import shutil
import subprocess
import tempfile
import time
from types import TracebackType
from typing import Any, Self

import aiohttp

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)

# Finds the first element (deepQuery) or all elements (deepQueryAll) matching a
# selector, looking through every open shadow root (Home Assistant's frontend
# nests the card a dozen roots deep).
DEEP_QUERY = """
const deepQuery = (selector, root = document) => {
  const found = root.querySelector(selector);
  if (found) return found;
  for (const el of root.querySelectorAll("*")) {
    if (el.shadowRoot) {
      const inner = deepQuery(selector, el.shadowRoot);
      if (inner) return inner;
    }
  }
  return null;
};
const deepQueryAll = (selector, root = document, found = []) => {
  found.push(...root.querySelectorAll(selector));
  for (const el of root.querySelectorAll("*")) {
    if (el.shadowRoot) deepQueryAll(selector, el.shadowRoot, found);
  }
  return found;
};
"""


class BrowserError(Exception):
    """The browser failed or a page script threw."""


def find_chromium() -> str | None:
    """Return the path of a Chromium executable, if one is installed."""
    if explicit := os.environ.get("DBC_CHROMIUM"):
        return shutil.which(explicit)
    for name in CHROMIUM_NAMES:
        if path := shutil.which(name):
            return path
    return None


async def wait_until[T](
    probe: Callable[[], Awaitable[T | None]],
    *,
    within: float,
    what: str,
    interval: float = 0.25,
) -> T:
    """Poll an async probe until it returns something truthy."""
    deadline = time.monotonic() + within
    while True:
        if result := await probe():
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {within:.0f} s waiting for {what}")
        await asyncio.sleep(interval)


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


class Page:
    """One browser tab, spoken to over its DevTools websocket."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Start reading the websocket."""
        self._ws = ws
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.console: list[str] = []
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        """Hand results to their callers; keep console output and errors."""
        async for message in self._ws:
            if message.type is not aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(message.data)
            if (future := self._waiting.pop(data.get("id", -1), None)) is not None:
                if not future.done():
                    future.set_result(data)
                continue
            method, params = data.get("method"), data.get("params", {})
            if method == "Runtime.consoleAPICalled":
                text = " ".join(
                    str(arg.get("value", arg.get("description", "")))
                    for arg in params.get("args", [])
                )
                self.console.append(f"console.{params.get('type')}: {text}")
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                exception = details.get("exception", {})
                self.console.append(
                    f"exception: {exception.get('description', details.get('text'))}"
                )
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(BrowserError("the DevTools connection closed"))

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call a DevTools method and return its result."""
        message_id = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = (
            asyncio.get_running_loop().create_future()
        )
        self._waiting[message_id] = future
        await self._ws.send_json({"id": message_id, "method": method, "params": params})
        reply = await asyncio.wait_for(future, timeout=60)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    async def evaluate(self, expression: str) -> Any:
        """Run JavaScript (with deepQuery in scope) and return its JSON value."""
        result = await self.send(
            "Runtime.evaluate",
            expression=f"(async () => {{ {DEEP_QUERY} return ({expression}); }})()",
            awaitPromise=True,
            returnByValue=True,
        )
        if details := result.get("exceptionDetails"):
            description = details.get("exception", {}).get("description")
            raise BrowserError(f"page script failed: {description or details}")
        return result.get("result", {}).get("value")

    async def wait_for(self, expression: str, *, within: float, what: str) -> Any:
        """Poll a JavaScript expression until it is truthy; return its value.

        Errors while polling (a page that is still loading or navigating
        away) count as "not yet".
        """

        async def probe() -> Any:
            try:
                return await self.evaluate(expression)
            except BrowserError:
                return None

        return await wait_until(probe, within=within, what=what)

    async def navigate(self, url: str) -> None:
        """Open a URL."""
        await self.send("Page.navigate", url=url)

    async def reload(self, *, within: float = 60) -> None:
        """Reload the page, and wait until the new document has loaded."""
        await self.evaluate("window.__dbcOldDocument = true")
        await self.send("Page.reload")
        await self.wait_for(
            "!window.__dbcOldDocument && document.readyState === 'complete'",
            within=within,
            what="the page to reload",
        )

    async def set_viewport(
        self, width: int, height: int, *, scale: float = 1, mobile: bool = False
    ) -> None:
        """Emulate a screen size (and a touch phone when mobile)."""
        await self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=scale,
            mobile=mobile,
        )

    async def set_color_scheme(self, scheme: str) -> None:
        """Emulate the system's light or dark preference."""
        await self.send(
            "Emulation.setEmulatedMedia",
            features=[{"name": "prefers-color-scheme", "value": scheme}],
        )

    async def click(self, x: float, y: float) -> None:
        """Press and release the left mouse button at a point of the viewport."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            await self.send(
                "Input.dispatchMouseEvent",
                type=kind,
                x=x,
                y=y,
                button="left" if kind != "mouseMoved" else "none",
                clickCount=1 if kind != "mouseMoved" else 0,
            )

    async def type_text(self, text: str) -> None:
        """Type text into the focused element, as a keyboard would."""
        await self.send("Input.insertText", text=text)

    async def press_enter(self) -> None:
        """Press and release the Enter key."""
        for kind in ("keyDown", "keyUp"):
            await self.send(
                "Input.dispatchKeyEvent",
                type=kind,
                key="Enter",
                code="Enter",
                windowsVirtualKeyCode=13,
                text="\r" if kind == "keyDown" else "",
            )

    async def screenshot(
        self, path: Path, clip: dict[str, float] | None = None
    ) -> Path:
        """Save what the viewport shows (or a region of it, in CSS pixels) as a PNG."""
        params: dict[str, Any] = {"format": "png"}
        if clip is not None:
            params["clip"] = {**clip, "scale": 1}
        result = await self.send("Page.captureScreenshot", **params)
        await asyncio.to_thread(_write_file, path, base64.b64decode(result["data"]))
        return path

    async def close(self) -> None:
        """Close the connection."""
        await self._ws.close()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


class Chromium:
    """A headless Chromium on a fresh, throw-away profile."""

    def __init__(self, executable: str) -> None:
        """Remember which browser to start."""
        self.executable = executable
        self._profile = tempfile.TemporaryDirectory(prefix="dbc-chromium-")
        self._process: subprocess.Popen[bytes] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._page: Page | None = None

    async def __aenter__(self) -> Self:
        """Start the browser."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the browser and remove its profile."""
        await self.close()

    async def open_page(self, within: float = 30) -> Page:
        """Start Chromium and connect to its first tab."""
        profile = Path(self._profile.name)
        self._process = subprocess.Popen(  # noqa: ASYNC220
            [self.executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(profile / "stderr.log").open("wb"),
        )
        port_file = profile / "DevToolsActivePort"

        async def port() -> str:
            if self._process is not None and self._process.poll() is not None:
                raise BrowserError(f"Chromium exited: {self.stderr()}")
            text = port_file.read_text() if port_file.exists() else ""
            return text.split("\n", 1)[0].strip()

        debug_port = await wait_until(
            port, within=within, what="Chromium's DevTools port"
        )
        self._session = aiohttp.ClientSession()
        base = f"http://127.0.0.1:{debug_port}"

        async def first_tab() -> str:
            async with self._session.get(f"{base}/json/list") as response:  # type: ignore[union-attr]
                targets = await response.json()
            return next(
                (
                    target["webSocketDebuggerUrl"]
                    for target in targets
                    if target.get("type") == "page"
                ),
                "",
            )

        ws_url = await wait_until(first_tab, within=within, what="a browser tab")
        ws = await self._session.ws_connect(ws_url, max_msg_size=0)
        self._page = Page(ws)
        for domain in ("Page", "Runtime", "Network"):
            await self._page.send(f"{domain}.enable")
        await self._page.send("Network.clearBrowserCache")
        return self._page

    def stderr(self) -> str:
        """Return the end of the browser's own error output so far."""
        log = Path(self._profile.name) / "stderr.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else ""

    async def close(self) -> None:
        """Disconnect, stop the browser and remove its profile."""
        if self._page is not None:
            await self._page.close()
            self._page = None
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        self._profile.cleanup()
