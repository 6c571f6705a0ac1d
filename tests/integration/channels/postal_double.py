"""A double of the postal channel's partner API: a real HTTP server on loopback, run by the tests.

It plays the remote side of ``marketplace.channels.push`` (README, "Postal channel"):
``POST /listings/batch`` (upserts and deletes keyed by our id) and ``GET /listings`` (paged), with a
bearer token. It records every request (``arrivals``: when each batch came) and every accepted change
(``upserts``, ``deletes``, and both in order in ``events``), and can be told to misbehave:
``fail_next(status, times, headers, body)`` answers the next requests with an error, ``reject(id, message)``
refuses one listing (``accept(id)`` lifts it), ``delay`` makes every answer slow (a timeout on our side), ``fail_every`` answers
500 to every n-th batch and ``limit_every`` 429 with Retry-After to every m-th. A slow answer is applied
all the same, even when the client has given up waiting (as a real remote side would).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

TOKEN = "test-postal-token"  # noqa: S105 - a test double's token


class PostalChannelDouble:
    def __init__(self, *, token: str = TOKEN):
        self.token = token
        self.listings: dict[str, dict] = {}  # what the channel holds now, by our id
        self.upserts: list[dict] = []  # every accepted upsert, in arrival order
        self.deletes: list[str] = []  # every accepted delete, in arrival order
        self.batches = 0  # batch requests received (any answer)
        self.arrivals: list[float] = []  # time.time() at which each batch request arrived
        self.events: list[tuple[str, str]] = []  # ("upsert" | "delete", id) of every accepted change, in order
        self.answers: dict[int, int] = {}
        self.rejected: dict[str, str] = {}
        self.delay = 0.0
        self.fail_every = 0
        self.limit_every = 0
        self.retry_after = "1"
        self._failures: list[tuple[int, dict, dict]] = []
        self._lock = threading.Lock()
        double = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, body: dict | None = None, headers: dict | None = None):
                data = json.dumps(body or {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up (its timeout): the change was applied all the same
                with double._lock:
                    double.answers[status] = double.answers.get(status, 0) + 1

            def _authorised(self) -> bool:
                if self.headers.get("Authorization") != f"Bearer {double.token}":
                    self._send(401, {"message": "invalid token"})
                    return False
                return True

            def do_POST(self):
                with double._lock:
                    double.arrivals.append(time.time())
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                if double.delay:
                    time.sleep(double.delay)
                if not self._authorised():
                    return
                if urlparse(self.path).path != "/listings/batch":
                    self._send(404, {"message": "no such endpoint"})
                    return
                status, headers, error = double._batch_answer()
                if status != 200:
                    self._send(status, error, headers)
                    return
                self._send(200, {"results": double._apply(body)})

            def do_GET(self):
                if not self._authorised():
                    return
                url = urlparse(self.path)
                if url.path != "/listings":
                    self._send(404, {"message": "no such endpoint"})
                    return
                query = parse_qs(url.query)
                size = int(query.get("page_size", ["100"])[0])
                start = int(query.get("page_token", ["0"])[0])
                with double._lock:
                    ids = sorted(double.listings)
                    page = [{"id": i, "content_hash": double.listings[i].get("content_hash", "")}
                            for i in ids[start:start + size]]
                more = start + size < len(ids)
                self._send(200, {"listings": page, "next_page_token": str(start + size) if more else None})

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _batch_answer(self) -> tuple[int, dict, dict]:
        with self._lock:
            self.batches += 1
            if self._failures:
                status, headers, body = self._failures[0]
                self._failures.pop(0)
                return status, headers, body
            if self.fail_every and self.batches % self.fail_every == 0:
                return 500, {}, {"message": "internal error"}
            if self.limit_every and self.batches % self.limit_every == 0:
                return 429, {"Retry-After": self.retry_after}, {"message": "slow down"}
            return 200, {}, {}

    def _apply(self, body: dict) -> list[dict]:
        results = []
        with self._lock:
            for item in body.get("upserts", []):
                listing = item["id"]
                if listing in self.rejected:
                    results.append({"id": listing, "status": "rejected", "message": self.rejected[listing]})
                    continue
                self.listings[listing] = item
                self.upserts.append(item)
                self.events.append(("upsert", listing))
                results.append({"id": listing, "status": "ok"})
            for listing in body.get("deletes", []):
                self.listings.pop(listing, None)
                self.deletes.append(listing)
                self.events.append(("delete", listing))
                results.append({"id": listing, "status": "ok"})
        return results

    def fail_next(self, status: int, *, times: int = 1, headers: dict | None = None, body: dict | None = None):
        with self._lock:
            self._failures.extend([(status, headers or {}, body or {"message": f"error {status}"})] * times)

    def reject(self, listing: str, message: str) -> None:
        with self._lock:
            self.rejected[listing] = message

    def accept(self, listing: str) -> None:
        """Stop rejecting ``listing``."""
        with self._lock:
            self.rejected.pop(listing, None)

    def last_event(self, listing: str) -> str | None:
        """``"upsert"`` or ``"delete"``: the last change accepted for ``listing`` (None if none)."""
        with self._lock:
            kinds = [kind for kind, event_id in self.events if event_id == listing]
        return kinds[-1] if kinds else None

    def __enter__(self) -> PostalChannelDouble:
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
