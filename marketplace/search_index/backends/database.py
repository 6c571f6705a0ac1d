"""The default backend: the index is a table (``SearchDocument``) searched with SQL.

Ranking, the same on SQLite and PostgreSQL: points for the query as an exact phrase of the title with its
tones ("mắm" above "mầm" and "mâm"), then without them, then every word in the title, then the query as a phrase of the product set, the producer or
the place, then each word by
where it occurs (title > product set > producer > commune/province > description). A word matches the
start of an indexed word, so "mat ong" finds "Mật ong" and "nem ch" finds "Nem chua" while typing.
On PostgreSQL the match goes through the weighted full-text vector (GIN), its ``ts_rank`` adds to the
score, and trigram word similarity on the folded title catches typos ("nuoc mamm").

Speed on PostgreSQL (``tests/perf/bench_search.py``, 100,000 products): a search is two statements, the count
with every facet in one pass over the matching rows (``_facets_grouped``) and the ranked page; suggestions are
a range of a covering index on the folded title; browsing without a query can read a covering index of the
facet and sort columns instead of the table (migration 0003). SQLite asks one query per facet and a count; the
answers are the same.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Case, Count, F, FloatField, Q, QuerySet, Value, When

from catalog.selectors import badge_stars_expression

from ..documents import ProductDocument
from ..models import SearchDocument
from ..text import fold, folded_text, unfolded_text, words
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

# Points of the portable ranking (see the module docstring).
PHRASE_WITH_TONES = 1000.0
PHRASE_FOLDED = 500.0
ALL_WORDS_IN_TITLE = 300.0
TITLE_STARTS_WITH_QUERY = 100.0
WORD_WITH_TONES_IN_TITLE = 40.0
# The whole query as a phrase of another field: "biển xanh" (a producer), "nga son" (a commune).
PHRASE_POINTS = (("set_folded", 400.0), ("producer_folded", 300.0), ("place_folded", 200.0))
WORD_POINTS = (("title_folded", 30.0), ("set_folded", 12.0), ("producer_folded", 8.0), ("place_folded", 4.0),
               ("description_folded", 1.0))
# PostgreSQL only: ts_rank over the A–D weighted vector, and how close the title is to a mistyped query.
TS_RANK_POINTS = 100.0
TRIGRAM_POINTS = 200.0
TS_RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # D, C, B, A
TEXT_SEARCH_CONFIG = "simple"  # the texts are folded already; no stemming for Vietnamese

UPDATE_FIELDS = [
    "title", "title_text", "title_folded", "set_name", "set_folded", "group_name", "producer_name",
    "producer_folded", "province_name", "ward_name", "place_folded", "description_folded", "all_folded",
    "badge_stars", "badge_until", "group_id", "set_id", "province_code", "ward_code", "producer_id", "price",
    "in_stock", "date_created", "indexed_at",
]


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _row(document: ProductDocument) -> SearchDocument:
    title_folded = folded_text(document.title)
    set_folded = folded_text(document.set_name)
    producer_folded = folded_text(document.producer_name)
    place_folded = folded_text(f"{document.ward_name} {document.province_name}")
    description_folded = folded_text(document.description)
    all_folded = " ".join(
        part.strip() for part in (title_folded, set_folded, producer_folded, place_folded, description_folded)
        if part.strip()
    )
    return SearchDocument(
        product_id=document.product_id,
        title=document.title[:255],
        title_text=unfolded_text(document.title),
        title_folded=title_folded,
        set_name=document.set_name[:300],
        set_folded=set_folded,
        group_name=document.group_name[:200],
        producer_name=document.producer_name[:255],
        producer_folded=producer_folded,
        province_name=document.province_name[:100],
        ward_name=document.ward_name[:100],
        place_folded=place_folded,
        description_folded=description_folded,
        all_folded=f" {all_folded} " if all_folded else "",
        badge_stars=document.badge_stars,
        badge_until=document.badge_until,
        group_id=document.group_id,
        set_id=document.set_id,
        province_code=document.province_code,
        ward_code=document.ward_code,
        producer_id=document.producer_id,
        price=document.price,
        in_stock=document.in_stock,
        date_created=document.date_created,
    )


def _search_vector() -> SearchVector:
    config = TEXT_SEARCH_CONFIG
    return (
        SearchVector("title_folded", weight="A", config=config)
        + SearchVector("set_folded", weight="B", config=config)
        + SearchVector("producer_folded", weight="C", config=config)
        + SearchVector("place_folded", "description_folded", weight="D", config=config)
    )


def _points(condition: Q, points: float) -> Case:
    return Case(When(condition, then=Value(points)), default=Value(0.0), output_field=FloatField())


def _sum(expressions: list) -> object:
    return functools.reduce(operator.add, expressions) if expressions else Value(0.0, output_field=FloatField())


class DatabaseBackend:
    name = "database"

    # -- writes ---------------------------------------------------------------------------------------
    def upsert(self, documents: Iterable[ProductDocument]) -> int:
        rows = [_row(document) for document in documents]
        if not rows:
            return 0
        with transaction.atomic():
            SearchDocument.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["product"], update_fields=UPDATE_FIELDS,
            )
            if _postgres():
                SearchDocument.objects.filter(pk__in=[row.product_id for row in rows]).update(
                    search_vector=_search_vector(),
                )
        return len(rows)

    def delete(self, product_ids: Iterable[int]) -> int:
        deleted, _ = SearchDocument.objects.filter(pk__in=list(product_ids)).delete()
        return deleted

    def delete_missing(self, *, known_product_ids: Callable[[], Iterable[int]]) -> int:
        deleted, _ = SearchDocument.objects.exclude(pk__in=known_product_ids()).delete()
        return deleted

    # -- reads ----------------------------------------------------------------------------------------
    def search(self, *, query: str, filters: SearchFilters, sort: str, page: int, per_page: int) -> SearchResult:
        folded = [fold(word) for word in words(query)][:MAX_QUERY_WORDS]
        toned = words(query)[:MAX_QUERY_WORDS]
        documents = self._filtered(SearchDocument.objects.all(), filters)
        per_page = max(1, per_page)
        if folded:
            # When no product has every word (a stray word, a typo on SQLite): any word, ranked as usual.
            candidates = [documents.filter(self._match(folded, every_word=True)),
                          documents.filter(self._match(folded, every_word=False))]
            score = self._score(folded, toned)
        else:
            candidates = [documents]
            score = Value(0.0, output_field=FloatField())
        for matched in candidates:
            total, facets = self._counted(matched)
            if total:
                break
        last_page = max(1, -(-total // per_page))
        page = min(max(1, page), last_page)
        start = (page - 1) * per_page
        ranked = matched.annotate(score=score, stars_today=badge_stars_expression()).order_by(
            *self._ordering(sort, has_query=bool(folded)),
        )
        hits = [
            SearchHit(product_id=pk, title=title, score=float(points))
            for pk, title, points in ranked.values_list("product_id", "title", "score")[start:start + per_page]
        ] if total else []
        return SearchResult(hits=hits, total=total, facets=facets, page=page, per_page=per_page)

    def suggest(self, *, prefix: str, limit: int) -> list[Suggestion]:
        folded = " ".join(fold(word) for word in words(prefix)[:MAX_QUERY_WORDS])
        if not folded:
            return []
        # Titles that start with what was typed come first, then titles with a later word starting with it;
        # each group by stars shown today, then title. The first group is a range of the prefix index
        # (which holds every column read here); the second is read only when the first is short.
        documents = SearchDocument.objects.annotate(stars_today=badge_stars_expression()).order_by(
            F("stars_today").desc(nulls_last=True), "title", "pk",
        )
        starting = Q(title_folded__startswith=f" {folded}")
        rows = list(documents.filter(starting).values_list("product_id", "title")[:limit])
        if len(rows) < limit:
            later = documents.filter(title_folded__contains=f" {folded}").exclude(starting)
            rows += later.values_list("product_id", "title")[:limit - len(rows)]
        return [Suggestion(product_id=pk, title=title) for pk, title in rows]

    # -- pieces ---------------------------------------------------------------------------------------
    @staticmethod
    def _filtered(documents: QuerySet, filters: SearchFilters) -> QuerySet:
        if filters.stars:
            documents = documents.annotate(stars_now=badge_stars_expression()).filter(stars_now__in=filters.stars)
        if filters.group_ids:
            documents = documents.filter(group_id__in=filters.group_ids)
        if filters.set_ids:
            documents = documents.filter(set_id__in=filters.set_ids)
        if filters.province_codes:
            documents = documents.filter(province_code__in=filters.province_codes)
        if filters.ward_codes:
            documents = documents.filter(ward_code__in=filters.ward_codes)
        if filters.producer_ids:
            documents = documents.filter(producer_id__in=filters.producer_ids)
        bands = [PRICE_BAND_BY_KEY[key] for key in filters.price_bands if key in PRICE_BAND_BY_KEY]
        if bands:
            documents = documents.filter(functools.reduce(operator.or_, (_band_q(band) for band in bands)))
        if filters.in_stock:
            documents = documents.filter(in_stock=True)
        return documents

    @staticmethod
    def _match(folded: list[str], *, every_word: bool) -> Q:
        join = operator.and_ if every_word else operator.or_
        if _postgres():
            # The words are \w+ runs, so the raw tsquery holds no operator a shopper typed.
            raw = (" & " if every_word else " | ").join(f"{word}:*" for word in folded)
            condition = Q(search_vector=SearchQuery(raw, search_type="raw", config=TEXT_SEARCH_CONFIG))
            return condition | Q(title_folded__trigram_word_similar=" ".join(folded))
        return functools.reduce(join, (Q(all_folded__contains=f" {word}") for word in folded))

    @staticmethod
    def _score(folded: list[str], toned: list[str]):
        phrase_folded, phrase_toned = " ".join(folded), " ".join(toned)
        parts = [
            _points(Q(title_text__contains=f" {phrase_toned} "), PHRASE_WITH_TONES),
            _points(Q(title_folded__contains=f" {phrase_folded} "), PHRASE_FOLDED),
            _points(functools.reduce(operator.and_, (Q(title_folded__contains=f" {w}") for w in folded)),
                    ALL_WORDS_IN_TITLE),
            _points(Q(title_folded__startswith=f" {phrase_folded}"), TITLE_STARTS_WITH_QUERY),
        ]
        parts.extend(_points(Q(**{f"{field}__contains": f" {phrase_folded} "}), points)
                     for field, points in PHRASE_POINTS)
        for word, toned_word in zip(folded, toned, strict=True):
            parts.append(_points(Q(title_text__contains=f" {toned_word} "), WORD_WITH_TONES_IN_TITLE))
            parts.extend(_points(Q(**{f"{field}__contains": f" {word}"}), points) for field, points in WORD_POINTS)
        if _postgres():
            raw = " | ".join(f"{word}:*" for word in folded)
            query = SearchQuery(raw, search_type="raw", config=TEXT_SEARCH_CONFIG)
            parts.append(SearchRank(F("search_vector"), query, weights=TS_RANK_WEIGHTS) * Value(TS_RANK_POINTS))
            parts.append(TrigramWordSimilarity(Value(phrase_folded), "title_folded") * Value(TRIGRAM_POINTS))
        return _sum(parts)

    @staticmethod
    def _ordering(sort: str, *, has_query: bool) -> tuple:
        stars_first = (F("stars_today").desc(nulls_last=True),)
        if sort == Sort.PRICE_ASC:
            return (F("price").asc(nulls_last=True), "pk")
        if sort == Sort.PRICE_DESC:
            return (F("price").desc(nulls_last=True), "pk")
        if sort == Sort.STARS_DESC:
            return (*stars_first, "-score", "-date_created", "-pk")
        if sort == Sort.NEWEST or not has_query:
            return ("-date_created", "-pk") if sort == Sort.NEWEST else (*stars_first, "-date_created", "-pk")
        return ("-score", *stars_first, "title", "pk")

    @classmethod
    def _counted(cls, documents: QuerySet) -> tuple[int, Facets]:
        """How many documents match and their facets (none when nothing matches)."""
        if _postgres():
            return _facets_grouped(documents)
        total = documents.count()
        return total, cls._facets(documents) if total else Facets()

    @staticmethod
    def _facets(documents: QuerySet) -> Facets:
        """The facets in one query per facet (SQLite; PostgreSQL counts them all in one pass: ``_facets_grouped``)."""
        documents = documents.order_by()

        def counted(id_field: str, label_field: str) -> list[FacetValue]:
            rows = (documents.exclude(**{f"{id_field}__isnull": True}).values(id_field, label_field)
                    .annotate(n=Count("pk")))
            return _facet_values((row[id_field], row[label_field], row["n"]) for row in rows)

        star_rows = (documents.annotate(stars_now=badge_stars_expression()).exclude(stars_now__isnull=True)
                     .values("stars_now").annotate(n=Count("pk")))
        totals = documents.aggregate(
            in_stock=Count("pk", filter=Q(in_stock=True)),
            **{f"band_{i}": Count("pk", filter=_band_q(band)) for i, band in enumerate(PRICE_BANDS)},
        )
        return Facets(
            stars=_star_values((row["stars_now"], row["n"]) for row in star_rows),
            group=counted("group_id", "group_name"),
            set=counted("set_id", "set_name"),
            province=counted("province_code", "province_name"),
            ward=counted("ward_code", "ward_name"),
            producer=counted("producer_id", "producer_name"),
            price=_price_values([totals[f"band_{i}"] for i in range(len(PRICE_BANDS))]),
            in_stock=totals["in_stock"],
        )


# The facets of ``_facets_grouped``: (Facets field, key column, label column or None).
FACET_COLUMNS = (
    ("stars", "stars_now", None),
    ("group", "group_id", "group_name"),
    ("set", "set_id", "set_name"),
    ("province", "province_code", "province_name"),
    ("ward", "ward_code", "ward_name"),
    ("producer", "producer_id", "producer_name"),
)


def _facets_grouped(documents: QuerySet) -> tuple[int, Facets]:
    """PostgreSQL: the number of matching documents and every facet in one pass (GROUPING SETS).

    The documents are read once, instead of once per facet and once more for the count: one grouping set per
    facet (its key and label) and an empty one for the total, the in-stock count and the price bands.
    ``GROUPING()`` tells the sets apart (its bit for a key is 0 in the rows grouped by that key), so a document
    without a value (a NULL key) is not mistaken for another set's row.
    """
    keys = [key for _, key, _ in FACET_COLUMNS]
    columns = [column for _, key, label in FACET_COLUMNS for column in (key, label) if column]
    inner = documents.order_by().annotate(stars_now=badge_stars_expression()).values(*columns, "price", "in_stock")
    try:
        inner_sql, params = inner.query.sql_with_params()
    except EmptyResultSet:  # a filter no row can pass (``pk__in=[]``): Django sends no query
        return 0, Facets()
    bands = ", ".join(f"count(*) FILTER (WHERE {_band_sql(band)})" for band in PRICE_BANDS)
    grouping_sets = ", ".join(f"({', '.join(c for c in (key, label) if c)})" for _, key, label in FACET_COLUMNS)
    # Column names and bounds are constants of this module; the query's values stay parameters.
    sql = (
        f"SELECT GROUPING({', '.join(keys)}), {', '.join(columns)}, count(*), count(*) FILTER (WHERE in_stock), "  # noqa: S608
        f"{bands} FROM ({inner_sql}) AS matched GROUP BY GROUPING SETS ({grouping_sets}, ())"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    everything = (1 << len(keys)) - 1
    grouped_by = {everything ^ (1 << (len(keys) - 1 - i)): i for i in range(len(keys))}
    found: dict[str, list[tuple]] = {name: [] for name, _, _ in FACET_COLUMNS}
    total, in_stock, band_counts = 0, 0, [0] * len(PRICE_BANDS)
    for row in rows:
        grouping, values, count = row[0], dict(zip(columns, row[1:1 + len(columns)], strict=True)), row[1 + len(columns)]
        if grouping == everything:
            total, in_stock, band_counts = count, row[2 + len(columns)], list(row[3 + len(columns):])
            continue
        name, key, label = FACET_COLUMNS[grouped_by[grouping]]
        if values[key] is not None:
            found[name].append((values[key], values[label], count) if label else (values[key], count))
    if not total:
        return 0, Facets()
    return total, Facets(
        stars=_star_values(found["stars"]),
        group=_facet_values(found["group"]),
        set=_facet_values(found["set"]),
        province=_facet_values(found["province"]),
        ward=_facet_values(found["ward"]),
        producer=_facet_values(found["producer"]),
        price=_price_values(band_counts),
        in_stock=in_stock,
    )


def _facet_values(rows: Iterable[tuple]) -> list[FacetValue]:
    values = [FacetValue(value=value, label=label, count=count) for value, label, count in rows]
    return sorted(values, key=lambda v: (-v.count, v.label, v.value))


def _star_values(rows: Iterable[tuple]) -> list[FacetValue]:
    return sorted((FacetValue(value=stars, label=str(stars), count=count) for stars, count in rows),
                  key=lambda v: -v.value)


def _price_values(counts: list[int]) -> list[FacetValue]:
    return [FacetValue(value=band.key, label=str(band.label), count=count)
            for band, count in zip(PRICE_BANDS, counts, strict=True) if count]


def _band_sql(band) -> str:
    """``_band_q`` as SQL over the grouped rows (the bounds are our own whole numbers, not input)."""
    parts = ["price IS NOT NULL"]
    if band.low is not None:
        parts.append(f"price >= {int(band.low)}")
    if band.high is not None:
        parts.append(f"price < {int(band.high)}")
    return " AND ".join(parts)


def _band_q(band) -> Q:
    condition = Q(price__isnull=False)
    if band.low is not None:
        condition &= Q(price__gte=band.low)
    if band.high is not None:
        condition &= Q(price__lt=band.high)
    return condition
