"""A double of a remote channel (a real HTTP server on loopback) and the outbox handler that pushes to it.

The Celery worker of test_outbox_worker.py imports this module (``--include``), which registers the
handler of topic ``test.channel``: it POSTs each message to ``OUTBOX_TEST_CHANNEL_URL`` and turns the
answer into an outcome. The server runs in the test process.
"""

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

from marketplace.outbox.registry import Delivered, Retry, outbox_handler

TOPIC = "test.channel"
_session = requests.Session()


@outbox_handler(TOPIC, batch_size=25)
def push_to_channel(messages):
    """PUT-like upsert keyed by our id: a resend of the same content is harmless."""
    outcomes = {}
    for message in messages:
        try:
            response = _session.post(
                f"{os.environ['OUTBOX_TEST_CHANNEL_URL']}/listings/{message.key}",
                json=message.payload, timeout=5,
            )
        except requests.RequestException as error:
            outcomes[message.key] = Retry(reason=f"{type(error).__name__}")
            continue
        if response.status_code == 200:
            outcomes[message.key] = Delivered()
        elif response.status_code == 429:
            outcomes[message.key] = Retry(float(response.headers.get("Retry-After", 1)), "429 Too Many Requests")
        else:
            outcomes[message.key] = Retry(reason=f"HTTP {response.status_code}")
    return outcomes


class ChannelDouble:
    """Accepts ``POST /listings/<key>``; keeps every accepted payload per key in arrival order.

    Fails on purpose: every 9th request answers 500, every 13th 429 with Retry-After: 1, and
    ``outage(seconds)`` makes it answer 503 to everything for a while. ``hold(key)`` keeps the first
    request for that key waiting (then accepted) until the test calls ``release(key)``.
    """

    def __init__(self, latency: float = 0.003):
        self.accepted: dict[str, list] = {}
        self.answers: dict[int, int] = {}
        self.requests = 0
        self.latency = latency
        self._down_until = 0.0
        self._held: dict[str, tuple[threading.Event, threading.Event]] = {}
        self._lock = threading.Lock()
        double = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                key = self.path.rsplit("/", 1)[-1]
                time.sleep(double.latency)
                held = double._held.get(key)
                if held and not held[1].is_set():
                    held[0].set()
                    held[1].wait(timeout=4)
                    status, headers = double._answer(key, body, accept=True)
                else:
                    status, headers = double._answer(key, body)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _answer(self, key, body, accept=False):
        with self._lock:
            self.requests += 1
            n = self.requests
            if accept:
                status, headers = 200, {}
                self.accepted.setdefault(key, []).append(body)
            elif time.monotonic() < self._down_until:
                status, headers = 503, {}
            elif n % 9 == 4:
                status, headers = 500, {}
            elif n % 13 == 6:
                status, headers = 429, {"Retry-After": "1"}
            else:
                status, headers = 200, {}
                self.accepted.setdefault(key, []).append(body)
            self.answers[status] = self.answers.get(status, 0) + 1
            return status, headers

    def outage(self, seconds: float) -> None:
        with self._lock:
            self._down_until = time.monotonic() + seconds

    def hold(self, key: str) -> threading.Event:
        """Hold the next request for ``key``; answer the event set when it has arrived."""
        arrived, release = threading.Event(), threading.Event()
        self._held[key] = (arrived, release)
        return arrived

    def release(self, key: str) -> None:
        self._held[key][1].set()

    def accepted_count(self) -> int:
        with self._lock:
            return sum(len(bodies) for bodies in self.accepted.values())

    def latest(self) -> dict:
        with self._lock:
            return {key: bodies[-1] for key, bodies in self.accepted.items()}

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
