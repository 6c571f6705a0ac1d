"""The Elasticsearch backend (``PRODUCT_SEARCH_BACKEND = "elasticsearch"``, cluster at ``ELASTICSEARCH_URL``).

The shop searches the alias ``<prefix>-products``; behind it is one concrete index ``<prefix>-products-<time>``
(``ELASTICSEARCH_INDEX_PREFIX``, "ocop" by default). Incremental writes (the outbox) go to the alias, and while a
full rebuild is in progress also to the index being built, so that a change made meanwhile is not lost when the
alias moves. A full rebuild (``api.reindex``) creates a new index (not refreshed until it is done), fills it,
swaps the alias to it in one ``_aliases`` request and deletes the old index: the shop never searches an empty
or half-built index. ``--resume`` continues into the index an interrupted rebuild left, if it is still there.

Any failure to reach the cluster or to get an answer (refused connection, timeout, 5xx, a request refused) is
logged and raised as ``SearchUnavailable``; the search page shows its message, the outbox retries its write.
Request bodies and the ranking: ``es_query``; analysers and mapping: ``es_index``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, TransportError

from ..documents import ProductDocument
from ..types import SearchFilters, SearchResult, SearchUnavailable, Suggestion
from . import es_query
from .es_index import product_index_body, product_source

logger = logging.getLogger(__name__)

BULK_CHUNK = 500  # documents per bulk request
SCAN_PAGE = 1_000  # ids read per request when looking for products gone from the catalogue

_clients: dict[tuple[str, float], Elasticsearch] = {}


def _client() -> Elasticsearch:
    """One client per cluster address and timeout (it holds a connection pool), made on first use."""
    url, timeout = settings.ELASTICSEARCH_URL, float(settings.ELASTICSEARCH_TIMEOUT)
    if not url:
        raise SearchUnavailable("ELASTICSEARCH_URL is not set")
    key = (url, timeout)
    if key not in _clients:
        _clients[key] = Elasticsearch(url, request_timeout=timeout, max_retries=1, retry_on_timeout=True)
    return _clients[key]


@contextmanager
def _cluster(action: str) -> Iterator[Elasticsearch]:
    """The client, with every failure of ``action`` logged and turned into ``SearchUnavailable``."""
    client = _client()
    try:
        yield client
    except ApiError as exc:
        logger.error("Elasticsearch refused to %s: %s %s", action, exc.meta.status, exc.message)
        raise SearchUnavailable(f"{action}: HTTP {exc.meta.status} {exc.message}") from exc
    except TransportError as exc:  # refused connection, timeout, TLS: nothing answered
        logger.error("Elasticsearch unreachable (%s): %s", action, exc)
        raise SearchUnavailable(f"{action}: {exc}") from exc


def _refresh() -> str | bool:
    value = str(settings.ELASTICSEARCH_WRITE_REFRESH).lower()
    return {"true": True, "false": False, "wait_for": "wait_for"}.get(value, False)


class ElasticsearchBackend:
    name = "elasticsearch"

    # -- names ----------------------------------------------------------------------------------------
    @property
    def alias(self) -> str:
        return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-products"

    def _new_index_name(self, taken: Iterable[str]) -> str:
        """``<alias>-<UTC time to the microsecond>``: later indices sort after earlier ones."""
        name = f"{self.alias}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"
        taken = set(taken)
        serial = 0
        while (candidate := f"{name}-{serial}" if serial else name) in taken:
            serial += 1
        return candidate

    def _indices(self, client: Elasticsearch) -> dict[str, bool]:
        """Every concrete product index of this prefix -> whether the alias points at it (oldest first)."""
        found = client.indices.get_alias(index=f"{self.alias}-*").body
        return {name: self.alias in found[name].get("aliases", {}) for name in sorted(found)}

    def _create_index(self, client: Elasticsearch, *, building: bool, taken: Iterable[str]) -> str:
        name = self._new_index_name(taken)
        body = product_index_body(building=building)
        aliases = {} if building else {self.alias: {}}
        client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"], aliases=aliases)
        return name

    def _write_targets(self, client: Elasticsearch) -> list[str]:
        """The alias (created with a first index if there is none yet) and any index being built."""
        indices = self._indices(client)
        if not any(indices.values()):
            self._create_index(client, building=False, taken=indices)
        return [self.alias, *(name for name, live in indices.items() if not live)]

    # -- writes ---------------------------------------------------------------------------------------
    def _bulk(self, client: Elasticsearch, operations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send ``operations`` (action lines and sources) and answer the per-document results.

        A document refused (e.g. by the mapping) raises ``SearchUnavailable`` naming the first refusals; a delete
        of a document that is not there is fine.
        """
        response = client.bulk(operations=operations, refresh=_refresh()).body
        items = [next(iter(item.values())) for item in response["items"]]
        refused = [item for item in items if item.get("error") and item.get("status") != 404]
        if refused:
            reasons = "; ".join(f"{item['_index']}/{item['_id']}: {item['error'].get('reason', item['error'])}"
                                for item in refused[:5])
            logger.error("Elasticsearch refused %d of %d writes: %s", len(refused), len(items), reasons)
            raise SearchUnavailable(f"bulk: {len(refused)} refused: {reasons}")
        return items

    def upsert(self, documents: Iterable[ProductDocument]) -> int:
        sources = [product_source(document) for document in documents]
        if not sources:
            return 0
        with _cluster("index products") as client:
            targets = self._write_targets(client)
            for start in range(0, len(sources), BULK_CHUNK):
                operations: list[dict[str, Any]] = []
                for source in sources[start:start + BULK_CHUNK]:
                    for target in targets:
                        operations += [{"index": {"_index": target, "_id": str(source["product_id"])}}, source]
                self._bulk(client, operations)
        return len(sources)

    def delete(self, product_ids: Iterable[int]) -> int:
        """Drop the products from the alias and any index being built; answer how many the alias held."""
        ids = sorted({int(pk) for pk in product_ids})
        if not ids:
            return 0
        deleted = 0
        with _cluster("remove products") as client:
            targets = self._write_targets(client)
            for start in range(0, len(ids), BULK_CHUNK):
                operations = [{"delete": {"_index": target, "_id": str(pk)}}
                              for pk in ids[start:start + BULK_CHUNK] for target in targets]
                items = self._bulk(client, operations)
                deleted += sum(1 for item, operation in zip(items, operations, strict=True)
                               if operation["delete"]["_index"] == self.alias and item.get("result") == "deleted")
        return deleted

    def _indexed_ids(self, client: Elasticsearch, index: str) -> Iterator[int]:
        """Every product id in ``index``, in order, a page at a time (``search_after``)."""
        after: list[Any] | None = None
        while True:
            extra = {"search_after": after} if after else {}
            hits = client.search(index=index, query={"match_all": {}}, sort=[{"product_id": {"order": "asc"}}],
                                 source=False, size=SCAN_PAGE, track_total_hits=False, **extra).body["hits"]["hits"]
            for hit in hits:
                yield int(hit["_id"])
            if len(hits) < SCAN_PAGE:
                return
            after = hits[-1]["sort"]

    def delete_missing(self, *, known_product_ids: Callable[[], Iterable[int]]) -> int:
        with _cluster("look for products gone from the catalogue") as client:
            targets = self._write_targets(client)
            client.indices.refresh(index=",".join(targets))
            known = {int(pk) for pk in known_product_ids()}
            gone = {pk for target in targets for pk in self._indexed_ids(client, target) if pk not in known}
        return self.delete(gone) if gone else 0

    # -- a full rebuild -------------------------------------------------------------------------------
    def reindex_begin(self, *, resume: bool) -> bool:
        """Create the index to build (or, with ``resume``, keep the newest one an interrupted rebuild left)."""
        with _cluster("start a rebuild") as client:
            indices = self._indices(client)
            building = [name for name, live in indices.items() if not live]
            keep = building[-1] if resume and building else None
            for name in building:
                if name != keep:
                    client.indices.delete(index=name)
            if not any(indices.values()):  # the first build: the alias exists (empty) meanwhile, for writes
                indices[self._create_index(client, building=False, taken=indices)] = True
            if keep is None:
                self._create_index(client, building=True, taken=indices)
        return keep is not None

    def reindex_finish(self) -> None:
        """Refresh the index built, point the alias at it alone (one atomic request), delete the previous ones."""
        with _cluster("finish a rebuild") as client:
            indices = self._indices(client)
            building = [name for name, live in indices.items() if not live]
            if not building:
                raise SearchUnavailable("finish a rebuild: no index is being built")
            new = building[-1]
            client.indices.put_settings(index=new, settings={"index": {"refresh_interval": "1s"}})
            client.indices.refresh(index=new)
            old = [name for name, live in indices.items() if live]
            client.indices.update_aliases(actions=[
                *({"remove": {"index": name, "alias": self.alias}} for name in old),
                {"add": {"index": new, "alias": self.alias}},
            ])
            for name in [*old, *building[:-1]]:
                client.indices.delete(index=name)

    # -- reads ----------------------------------------------------------------------------------------
    def _search(self, client: Elasticsearch, body: dict[str, Any]) -> dict[str, Any]:
        # A shop with nothing indexed yet has no alias: an empty answer, not an error.
        return client.search(index=self.alias, body=body, ignore_unavailable=True, allow_no_indices=True).body

    def search(self, *, query: str, filters: SearchFilters, sort: str, page: int, per_page: int) -> SearchResult:
        today = timezone.localdate()
        deepest = max(1, es_query.MAX_RESULT_WINDOW // per_page)
        page = min(page, deepest)
        with _cluster("search products") as client:
            stages = (es_query.Stage.EVERY_WORD, es_query.Stage.TYPOS, es_query.Stage.ANY_WORD) if query else (
                es_query.Stage.EVERY_WORD,)
            for stage in stages:
                body = es_query.search_body(query=query, filters=filters, sort=sort, page=page, per_page=per_page,
                                            today=today, stage=stage)
                response = self._search(client, body)
                total = es_query.result_total(response)
                if total:
                    break
            last_page = min(deepest, max(1, -(-total // per_page)))
            if total and page > last_page:  # past the end: the last page, as the database backend answers
                page = last_page
                body = es_query.search_body(query=query, filters=filters, sort=sort, page=page, per_page=per_page,
                                            today=today, stage=stage)
                response = self._search(client, body)
        return es_query.search_result(response, page=min(page, last_page), per_page=per_page)

    def suggest(self, *, prefix: str, limit: int) -> list[Suggestion]:
        body = es_query.suggest_body(prefix=prefix, limit=limit, today=timezone.localdate())
        if body is None:
            return []
        with _cluster("suggest products") as client:
            return es_query.suggestions(self._search(client, body))

