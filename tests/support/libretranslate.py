"""A LibreTranslate-speaking HTTP server on loopback, in a thread, recording every request.

It answers `POST /translate` (JSON body; `q` a string or a list) with `translatedText` the same
shape, each text prefixed `[target] ` so a test can tell machine output from the original, and
`GET /languages`. `mode` makes it misbehave: "error" (HTTP 500), "garbage" (not JSON),
"short" (one text fewer than asked).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LANGUAGES = [
    {"code": code, "name": code, "targets": ["ar", "zh", "en", "es", "fr", "ru"]}
    for code in ["ar", "zh", "en", "es", "fr", "ru"]
]


@dataclass
class Recorded:
    method: str
    path: str
    body: Any


@dataclass
class FakeLibreTranslate:
    url: str = ""
    mode: str = "ok"
    requests: list[Recorded] = field(default_factory=list)


def _handler(state: FakeLibreTranslate) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib's name)
            pass

        def _answer(self, status: int, payload: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:
            state.requests.append(Recorded("GET", self.path, None))
            if self.path == "/languages":
                self._answer(200, json.dumps(LANGUAGES).encode())
            else:
                self._answer(404, b'{"error": "Not found"}')

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            state.requests.append(Recorded("POST", self.path, body))
            if state.mode == "error":
                self._answer(500, b'{"error": "Translation engine crashed"}')
                return
            if state.mode == "garbage":
                self._answer(200, b"<html>Bad gateway</html>")
                return
            q = body.get("q")
            texts = q if isinstance(q, list) else [q]
            out = [f"[{body.get('target')}] {t}" for t in texts]
            if state.mode == "short":
                out = out[:-1]
            self._answer(
                200, json.dumps({"translatedText": out if isinstance(q, list) else out[0]}).encode()
            )

    return Handler


@contextmanager
def libretranslate_on_loopback() -> Iterator[FakeLibreTranslate]:
    state = FakeLibreTranslate()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
