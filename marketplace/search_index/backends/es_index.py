"""The Elasticsearch product index: its analysers, its mapping and a product as stored in it.

Every searched text is analysed twice: the field itself with ``vi_folded`` (lower case, no diacritics, đ→d: what a
shopper types on a keyboard without a Vietnamese layout) and its ``exact`` sub-field with ``vi_exact`` (lower case,
tones kept), so that "mắm" ranks "Mắm tôm" above "Mầm đậu" and "Mâm tre" while "mam" finds all three. The folded
fields index their prefixes (a query word matches the start of an indexed word, as in the database backend) and
are copied into ``search_text``, where every word of a query must be found. The title also has ``suggest``, its
folded words cut into edge n-grams, for suggestions while typing, and ``sort``, the title as a keyword.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from elasticsearch_dsl import (
    Boolean,
    Date,
    Index,
    Integer,
    Keyword,
    Long,
    Mapping,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from ..documents import ProductDocument

# Written as a mapping although asciifolding also knows the stroke: it must never depend on that.
VI_STROKE = char_filter("vi_stroke", "mapping", mappings=["đ => d", "Đ => D"])
VI_FOLDED = analyzer("vi_folded", tokenizer="standard", char_filter=[VI_STROKE], filter=["lowercase", "asciifolding"])
VI_EXACT = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])
VI_EDGE_NGRAM = token_filter("vi_edge_ngram", "edge_ngram", min_gram=1, max_gram=20)
VI_SUGGEST = analyzer(
    "vi_suggest", tokenizer="standard", char_filter=[VI_STROKE], filter=["lowercase", "asciifolding", VI_EDGE_NGRAM],
)

# A prefix of up to 19 characters (the most Elasticsearch allows) is one term lookup, not an expansion.
INDEX_PREFIXES = {"min_chars": 1, "max_chars": 19}
SEARCH_TEXT = "search_text"
# The texts a query is matched against, in the database backend's weight order.
SEARCHED_FIELDS = ("title", "set_name", "producer_name", "place", "description")


def _searched(**fields: Any) -> Text:
    return Text(analyzer=VI_FOLDED, index_prefixes=INDEX_PREFIXES, copy_to=SEARCH_TEXT,
                fields={"exact": Text(analyzer=VI_EXACT), **fields})


def product_mapping() -> Mapping:
    """The fields of a product; strict, so a document with an unknown field is refused, not guessed."""
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("product_id", Long())
    mapping.field("title", _searched(
        suggest=Text(analyzer=VI_SUGGEST, search_analyzer=VI_FOLDED),
        sort=Keyword(),
    ))
    mapping.field("set_name", _searched(raw=Keyword()))
    mapping.field("producer_name", _searched(raw=Keyword()))
    mapping.field("place", _searched())
    mapping.field("description", _searched())
    mapping.field(SEARCH_TEXT, Text(analyzer=VI_FOLDED, index_prefixes=INDEX_PREFIXES))
    mapping.field("group_name", Keyword())
    mapping.field("province_name", Keyword())
    mapping.field("ward_name", Keyword())
    for name in ("group_id", "set_id", "province_code", "ward_code", "producer_id"):
        mapping.field(name, Integer())
    mapping.field("badge_stars", Integer())
    mapping.field("badge_until", Date(format="strict_date"))
    mapping.field("price", Long())  # whole đồng
    mapping.field("in_stock", Boolean())
    mapping.field("date_created", Date())
    return mapping


def product_index_body(*, building: bool) -> dict[str, Any]:
    """The settings and mappings of a new product index; one being built is not refreshed until it is swapped in.

    One shard: a province's catalogue, even the nation's, is far below what one shard holds well; replicas
    follow the cluster (none on a single node, one as soon as there is a second node).
    """
    index = Index("products")
    index.settings(
        number_of_shards=1,
        auto_expand_replicas="0-1",
        refresh_interval="-1" if building else "1s",
    )
    index.mapping(product_mapping())
    return index.to_dict()


def _nfc(text: str) -> str:
    # Decomposed tones (typed on some keyboards) would not fold nor match the exact sub-field.
    return unicodedata.normalize("NFC", text or "")


def product_source(document: ProductDocument) -> dict[str, Any]:
    """``document`` as the index stores it (its ``_source``); the id is also the document's ``_id``."""
    return {
        "product_id": document.product_id,
        "title": _nfc(document.title),
        "set_name": _nfc(document.set_name),
        "producer_name": _nfc(document.producer_name),
        "place": _nfc(" ".join(part for part in (document.ward_name, document.province_name) if part)),
        "description": _nfc(document.description),
        "group_name": _nfc(document.group_name),
        "province_name": _nfc(document.province_name),
        "ward_name": _nfc(document.ward_name),
        "group_id": document.group_id,
        "set_id": document.set_id,
        "province_code": document.province_code,
        "ward_code": document.ward_code,
        "producer_id": document.producer_id,
        "badge_stars": document.badge_stars,
        "badge_until": document.badge_until.isoformat() if document.badge_until else None,
        "price": int(document.price) if document.price is not None else None,
        "in_stock": document.in_stock,
        "date_created": document.date_created.isoformat(),
    }
