"""A loopback stand-in for an Elasticsearch 8 server: a test double of *their* side of the HTTP API.

Our backend talks to it through the real ``elasticsearch`` client (which checks the ``X-Elastic-Product``
header), so what is tested is what would go over the wire. It keeps indices, their aliases and documents, and
answers the index administration, bulk and ``match_all`` id scans as Elasticsearch does; any other search is
answered with the canned responses a test queues (a recorded Elasticsearch answer), an empty one otherwise.
Every request is recorded (method, path, query, body).
"""

from __future__ import annotations

import copy
import fnmatch
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

EMPTY_SEARCH = {"took": 1, "timed_out": False, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []}}


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: Any  # parsed JSON, a list for NDJSON, None when empty


@dataclass
class FakeIndex:
    aliases: set[str] = field(default_factory=set)
    settings: dict[str, Any] = field(default_factory=dict)
    mappings: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)


class FakeElasticsearch:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.indices: dict[str, FakeIndex] = {}
        self.search_responses: list[dict[str, Any]] = []
        self.fail_status: int | None = None
        self.errors: list[Exception] = []
        self.bulk_answer: dict[str, Any] | None = None  # answer every bulk request with this (e.g. a refusal)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeElasticsearch:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- what a test looks at -----------------------------------------------------------------------
    def requests_to(self, method: str, path_suffix: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and r.path.endswith(path_suffix)]

    def alias_targets(self, alias: str) -> list[str]:
        return sorted(name for name, index in self.indices.items() if alias in index.aliases)

    # -- the server -----------------------------------------------------------------------------------
    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                parts = urlsplit(self.path)
                query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
                if "ndjson" in (self.headers.get("Content-Type") or ""):
                    body = [json.loads(line) for line in raw.splitlines() if line.strip()]
                else:
                    body = json.loads(raw) if raw else None
                request = Request(method=self.command, path=unquote(parts.path), query=query, body=body)
                with fake._lock:
                    fake.requests.append(request)
                    try:
                        status, answer = fake._answer(request)
                    except Exception as exc:  # noqa: BLE001 - a fake's own bug must show in the test, not hang it
                        fake.errors.append(exc)
                        status, answer = 500, {"error": {"type": "fake_error", "reason": repr(exc)}, "status": 500}
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/vnd.elasticsearch+json;compatible-with=8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve  # noqa: N815

        return Handler

    def _resolve(self, name: str) -> list[str]:
        names = []
        for part in name.split(","):
            names += [index for index, held in self.indices.items()
                      if fnmatch.fnmatchcase(index, part) or part in held.aliases]
        return sorted(set(names))

    def _answer(self, request: Request) -> tuple[int, Any]:  # noqa: C901, PLR0911, PLR0912 - one API, one switch
        if self.fail_status:
            return self.fail_status, {"error": {"type": "unavailable", "reason": "the fake is down"},
                                      "status": self.fail_status}
        method, segments = request.method, [s for s in request.path.split("/") if s]
        if method == "POST" and segments == ["_aliases"]:
            for action in request.body["actions"]:
                (kind, spec), = action.items()
                index = self.indices[spec["index"]]
                (index.aliases.discard if kind == "remove" else index.aliases.add)(spec["alias"])
            return 200, {"acknowledged": True}
        if segments and segments[-1] == "_bulk":
            return 200, self.bulk_answer if self.bulk_answer is not None else self._bulk(request.body)
        if segments and segments[-1] == "_search":
            return 200, self._search(segments[0] if len(segments) > 1 else "*", request.body or {})
        if method == "GET" and len(segments) == 2 and segments[1] == "_alias":
            return 200, {name: {"aliases": {alias: {} for alias in sorted(self.indices[name].aliases)}}
                         for name in self._resolve(segments[0])}
        if method == "PUT" and len(segments) == 1:
            body = copy.deepcopy(request.body or {})  # the recorded request stays as it was sent
            self.indices[segments[0]] = FakeIndex(aliases=set(body.get("aliases", {})),
                                                  settings=body.get("settings", {}), mappings=body.get("mappings", {}))
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": segments[0]}
        if method == "DELETE" and len(segments) == 1:
            for name in self._resolve(segments[0]):
                del self.indices[name]
            return 200, {"acknowledged": True}
        if method == "PUT" and segments[-1] == "_settings":
            for name in self._resolve(segments[0]):
                self.indices[name].settings.update(request.body.get("index", request.body))
            return 200, {"acknowledged": True}
        if segments and segments[-1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        return 404, {"error": {"type": "fake_not_implemented", "reason": f"{method} {request.path}"}, "status": 404}

    def _bulk(self, lines: list[dict[str, Any]]) -> dict[str, Any]:
        items, position = [], 0
        while position < len(lines):
            (action, meta), = lines[position].items()
            targets = self._resolve(meta["_index"])
            if action == "index":
                source = lines[position + 1]
                position += 2
                index = self.indices[targets[0]]
                result = "updated" if meta["_id"] in index.documents else "created"
                index.documents[meta["_id"]] = source
                items.append({"index": {"_index": targets[0], "_id": meta["_id"], "result": result, "status": 201}})
            else:
                position += 1
                index = self.indices[targets[0]]
                found = index.documents.pop(meta["_id"], None) is not None
                items.append({"delete": {"_index": targets[0], "_id": meta["_id"],
                                         "result": "deleted" if found else "not_found", "status": 200 if found else 404}})
        return {"took": 1, "errors": False, "items": items}

    def _search(self, target: str, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("query") == {"match_all": {}} and body.get("sort") == [{"product_id": {"order": "asc"}}]:
            documents = sorted((int(doc_id), name) for name in self._resolve(target)
                               for doc_id in self.indices[name].documents)
            after = body.get("search_after", [None])[0]
            page = [pair for pair in documents if after is None or pair[0] > after][:body["size"]]
            return {**EMPTY_SEARCH, "hits": {"total": {"value": len(documents), "relation": "eq"}, "max_score": None,
                                             "hits": [{"_index": name, "_id": str(pk), "_score": None, "sort": [pk]}
                                                      for pk, name in page]}}
        return self.search_responses.pop(0) if self.search_responses else EMPTY_SEARCH
