"""The Elasticsearch request bodies of a search and a suggestion, and their answers read back.

The ranking is the database backend's, point for point (its constants are imported, so the two cannot drift):
each condition is a ``constant_score`` clause worth the database's points, so "mắm" as an exact title phrase with
its tones (1000) beats "mầm" folded (500), and a word in the title (30) beats one in the product set (12), the
producer (8), the place (4) or the description (1). Ties go to the star shown today, then the title.

Matching also follows the database backend: every query word must start a word somewhere (``search_text``); when
no product has them all, ``Stage.TYPOS`` lets each word also match within ``AUTO`` edits (first letter right:
"nuoc mamm", "mat ongg"), and when that finds nothing either, ``Stage.ANY_WORD`` needs only one of the words.
Typos are not allowed in the first stage because they would widen every query: "mam" is one edit from "mat".

Facets count the results with every filter applied, the shop's filters included, as the database backend
does (a stars filter of 4 leaves the stars facet with 4 only): the filters are in the query's ``filter`` context
and no ``post_filter`` is used. The star of a badge counts while ``badge_until`` is today or later.
"""

from __future__ import annotations

import datetime
import enum
from typing import Any

from elasticsearch_dsl import Q, Search
from elasticsearch_dsl.query import Query

from ..text import fold, words
from ..types import (
    MAX_QUERY_WORDS,
    PRICE_BAND_BY_KEY,
    PRICE_BANDS,
    Facets,
    FacetValue,
    SearchFilters,
    SearchHit,
    SearchResult,
    Sort,
    Suggestion,
)
from .database import (
    ALL_WORDS_IN_TITLE,
    PHRASE_FOLDED,
    PHRASE_POINTS,
    PHRASE_WITH_TONES,
    TITLE_STARTS_WITH_QUERY,
    WORD_POINTS,
    WORD_WITH_TONES_IN_TITLE,
)
from .es_index import SEARCH_TEXT

# The database backend's column -> this index's field.
FIELD_OF_COLUMN = {
    "title_folded": "title", "set_folded": "set_name", "producer_folded": "producer_name", "place_folded": "place",
    "description_folded": "description",
}
# Values of a facet counted at most (the most frequent first): more than a province's communes.
FACET_SIZE = 500
# Elasticsearch's index.max_result_window: no page may reach past it.
MAX_RESULT_WINDOW = 10_000
SOURCE_FIELDS = ["product_id", "title"]

# The stars a badge shows on ``params.today`` (epoch milliseconds of that date), 0 without one: the sort key
# "stars shown, highest first, products without a star last".
STARS_TODAY_SCRIPT = (
    "if (doc['badge_stars'].size() == 0 || doc['badge_until'].size() == 0) { return 0; } "
    "return doc['badge_until'].value.toInstant().toEpochMilli() >= params.today ? doc['badge_stars'].value : 0;"
)


class Stage(enum.Enum):
    EVERY_WORD = "every-word"
    TYPOS = "typos"
    ANY_WORD = "any-word"


FACETED_TERMS = (  # facet, id field, label field
    ("group", "group_id", "group_name"),
    ("set", "set_id", "set_name.raw"),
    ("province", "province_code", "province_name"),
    ("ward", "ward_code", "ward_name"),
    ("producer", "producer_id", "producer_name.raw"),
)


def _points(query: Query, points: float) -> Query:
    return Q("constant_score", filter=query, boost=points)


def _word(field: str, word: str, *, typos: bool) -> Query:
    """``word`` starts a word of ``field``, or (``typos``) is within ``AUTO`` edits of one, first letter right."""
    prefix = Q("prefix", **{field: {"value": word}})
    if not typos:
        return prefix
    fuzzy = Q("match", **{field: {"query": word, "fuzziness": "AUTO", "prefix_length": 1}})
    return Q("bool", should=[prefix, fuzzy], minimum_should_match=1)


def _title_starts_with(folded: list[str]) -> Query:
    """The title's first words are the query's, the last one possibly unfinished (database: ``startswith``)."""
    clauses: list[dict[str, Any]] = [{"span_term": {"title": word}} for word in folded[:-1]]
    clauses.append({"span_multi": {"match": {"prefix": {"title": {"value": folded[-1]}}}}})
    match = clauses[0] if len(clauses) == 1 else {"span_near": {"clauses": clauses, "slop": 0, "in_order": True}}
    return Q("span_first", match=match, end=len(folded))


def _match(folded: list[str], stage: Stage) -> Query:
    typos = stage is not Stage.EVERY_WORD
    each = [_word(SEARCH_TEXT, word, typos=typos) for word in folded]
    if stage is Stage.ANY_WORD:
        return Q("bool", should=each, minimum_should_match=1)
    return Q("bool", must=each)


def _score(folded: list[str], toned: list[str], stage: Stage) -> list[Query]:
    """The database backend's points (``DatabaseBackend._score``) as ``should`` clauses."""
    typos = stage is not Stage.EVERY_WORD
    phrase_folded, phrase_toned = " ".join(folded), " ".join(toned)
    clauses = [
        _points(Q("match_phrase", **{"title.exact": phrase_toned}), PHRASE_WITH_TONES),
        _points(Q("match_phrase", title=phrase_folded), PHRASE_FOLDED),
        _points(Q("bool", must=[_word("title", word, typos=typos) for word in folded]), ALL_WORDS_IN_TITLE),
        _points(_title_starts_with(folded), TITLE_STARTS_WITH_QUERY),
    ]
    clauses.extend(_points(Q("match_phrase", **{FIELD_OF_COLUMN[column]: phrase_folded}), points)
                   for column, points in PHRASE_POINTS)
    for word, toned_word in zip(folded, toned, strict=True):
        clauses.append(_points(Q("term", **{"title.exact": toned_word}), WORD_WITH_TONES_IN_TITLE))
        clauses.extend(_points(_word(FIELD_OF_COLUMN[column], word, typos=typos), points)
                       for column, points in WORD_POINTS)
    return clauses


def _filters(filters: SearchFilters, today: datetime.date) -> list[Query]:
    """Within a facet the values are alternatives; facets narrow each other. Unknown values match nothing."""
    clauses = []
    if filters.stars:
        clauses += [Q("terms", badge_stars=list(filters.stars)), Q("range", badge_until={"gte": today.isoformat()})]
    for values, field in ((filters.group_ids, "group_id"), (filters.set_ids, "set_id"),
                          (filters.province_codes, "province_code"), (filters.ward_codes, "ward_code"),
                          (filters.producer_ids, "producer_id")):
        if values:
            clauses.append(Q("terms", **{field: list(values)}))
    bands = [PRICE_BAND_BY_KEY[key] for key in filters.price_bands if key in PRICE_BAND_BY_KEY]
    if bands:
        clauses.append(Q("bool", should=[Q("range", price=_band_range(band)) for band in bands], minimum_should_match=1))
    if filters.in_stock:
        clauses.append(Q("term", in_stock=True))
    return clauses


def _band_range(band) -> dict[str, int]:
    bounds = {}
    if band.low is not None:
        bounds["gte"] = int(band.low)
    if band.high is not None:
        bounds["lt"] = int(band.high)
    return bounds


def _today_millis(today: datetime.date) -> int:
    return int(datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.UTC).timestamp() * 1000)


def _stars_today(today: datetime.date) -> dict[str, Any]:
    return {"_script": {"type": "number", "order": "desc",
                        "script": {"source": STARS_TODAY_SCRIPT, "params": {"today": _today_millis(today)}}}}


def _ordering(sort: str, *, has_query: bool, today: datetime.date) -> list[Any]:
    """The database backend's ``_ordering``: nulls last, the product id as the last tie-break."""
    if sort == Sort.PRICE_ASC:
        return [{"price": {"order": "asc", "missing": "_last"}}, {"product_id": {"order": "asc"}}]
    if sort == Sort.PRICE_DESC:
        return [{"price": {"order": "desc", "missing": "_last"}}, {"product_id": {"order": "asc"}}]
    newest = [{"date_created": {"order": "desc"}}, {"product_id": {"order": "desc"}}]
    if sort == Sort.STARS_DESC:
        return [_stars_today(today), {"_score": {"order": "desc"}}, *newest]
    if sort == Sort.NEWEST:
        return newest
    if not has_query:
        return [_stars_today(today), *newest]
    return [{"_score": {"order": "desc"}}, _stars_today(today), {"title.sort": {"order": "asc"}},
            {"product_id": {"order": "asc"}}]


def _aggregations(search: Search, today: datetime.date) -> None:
    stars = search.aggs.bucket("stars", "filter", filter=Q("range", badge_until={"gte": today.isoformat()}))
    stars.bucket("values", "terms", field="badge_stars", size=10)
    for name, id_field, label_field in FACETED_TERMS:
        search.aggs.bucket(name, "terms", field=id_field, size=FACET_SIZE).bucket(
            "label", "terms", field=label_field, size=1,
        )
    search.aggs.bucket("price", "range", field="price", keyed=True, ranges=[
        {"key": band.key, **({"from": int(band.low)} if band.low is not None else {}),
         **({"to": int(band.high)} if band.high is not None else {})}
        for band in PRICE_BANDS
    ])
    search.aggs.bucket("in_stock", "filter", filter=Q("term", in_stock=True))


def query_words(query: str) -> tuple[list[str], list[str]]:
    """The query's words folded and with their tones, at most ``MAX_QUERY_WORDS`` (the database backend's)."""
    toned = words(query)[:MAX_QUERY_WORDS]
    return [fold(word) for word in toned], toned


def search_body(*, query: str, filters: SearchFilters, sort: str, page: int, per_page: int, today: datetime.date,
                stage: Stage = Stage.EVERY_WORD) -> dict[str, Any]:
    """The body of one search request: a page of hits, their exact total and the facet aggregations."""
    folded, toned = query_words(query)
    clauses = _filters(filters, today)
    if folded:
        search_query = Q("bool", filter=[_match(folded, stage), *clauses], should=_score(folded, toned, stage))
    else:
        search_query = Q("bool", filter=clauses) if clauses else Q("match_all")
    search = Search().query(search_query).sort(*_ordering(sort, has_query=bool(folded), today=today))
    search = search.source(SOURCE_FIELDS).extra(from_=(page - 1) * per_page, size=per_page, track_total_hits=True)
    if folded and sort != Sort.RELEVANCE:
        search = search.extra(track_scores=True)
    _aggregations(search, today)
    return search.to_dict()


def suggest_body(*, prefix: str, limit: int, today: datetime.date) -> dict[str, Any] | None:
    """Titles holding the typed words in order, the last one unfinished; those starting with them first.

    None when the prefix has no word to look for.
    """
    folded, _ = query_words(prefix)
    if not folded:
        return None
    phrase = " ".join(folded)
    clauses = [{"span_term": {"title.suggest": word}} for word in folded]
    match = clauses[0] if len(clauses) == 1 else {"span_near": {"clauses": clauses, "slop": 0, "in_order": True}}
    starts = Q("span_first", match=match, end=len(folded))
    search = Search().query(Q("bool", filter=[Q("match_phrase", **{"title.suggest": phrase})],
                              should=[_points(starts, 1.0)]))
    search = search.sort({"_score": {"order": "desc"}}, _stars_today(today), {"title.sort": {"order": "asc"}},
                         {"product_id": {"order": "asc"}})
    return search.source(SOURCE_FIELDS).extra(size=limit).to_dict()


def result_total(response: dict[str, Any]) -> int:
    return int(response.get("hits", {}).get("total", {}).get("value", 0))


def search_result(response: dict[str, Any], *, page: int, per_page: int) -> SearchResult:
    """A search response read as the interface's ``SearchResult`` (facets sorted as the database backend's)."""
    total = result_total(response)
    hits = [
        SearchHit(product_id=int(hit["_source"]["product_id"]), title=hit["_source"]["title"],
                  score=float(hit.get("_score") or 0.0))
        for hit in response.get("hits", {}).get("hits", [])
    ]
    aggregations = response.get("aggregations")
    facets = _facets(aggregations) if total and aggregations else Facets()
    return SearchResult(hits=hits, total=total, facets=facets, page=page, per_page=per_page)


def _facets(aggregations: dict[str, Any]) -> Facets:
    def counted(name: str) -> list[FacetValue]:
        values = []
        for bucket in aggregations[name]["buckets"]:
            labels = bucket["label"]["buckets"]
            values.append(FacetValue(value=int(bucket["key"]), label=labels[0]["key"] if labels else "",
                                     count=bucket["doc_count"]))
        return sorted(values, key=lambda v: (-v.count, v.label, v.value))

    stars = sorted((FacetValue(value=int(bucket["key"]), label=str(int(bucket["key"])), count=bucket["doc_count"])
                    for bucket in aggregations["stars"]["values"]["buckets"]), key=lambda v: -v.value)
    price_buckets = aggregations["price"]["buckets"]
    price = [FacetValue(value=band.key, label=str(band.label), count=price_buckets[band.key]["doc_count"])
             for band in PRICE_BANDS if price_buckets.get(band.key, {}).get("doc_count")]
    return Facets(
        stars=stars,
        **{name: counted(name) for name, _, _ in FACETED_TERMS},
        price=price,
        in_stock=aggregations["in_stock"]["doc_count"],
    )


def suggestions(response: dict[str, Any]) -> list[Suggestion]:
    return [Suggestion(product_id=int(hit["_source"]["product_id"]), title=hit["_source"]["title"])
            for hit in response.get("hits", {}).get("hits", [])]
