"""What a search asks and answers, the same for every backend."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 10
MAX_PER_PAGE = 100
SUGGEST_LIMIT = 8


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    PRICE_ASC = "price-asc"
    PRICE_DESC = "price-desc"
    STARS_DESC = "stars-desc"

    CHOICES = (RELEVANCE, NEWEST, PRICE_ASC, PRICE_DESC, STARS_DESC)


@dataclass(frozen=True)
class PriceBand:
    key: str
    label: str
    low: Decimal | None  # inclusive
    high: Decimal | None  # exclusive

    def contains(self, price: Decimal | None) -> bool:
        if price is None:
            return False
        return (self.low is None or price >= self.low) and (self.high is None or price < self.high)


PRICE_BANDS: tuple[PriceBand, ...] = (
    PriceBand("duoi-100k", _("Dưới 100.000 ₫"), None, Decimal(100_000)),
    PriceBand("100k-200k", _("100.000 ₫ – 200.000 ₫"), Decimal(100_000), Decimal(200_000)),
    PriceBand("200k-500k", _("200.000 ₫ – 500.000 ₫"), Decimal(200_000), Decimal(500_000)),
    PriceBand("tu-500k", _("Từ 500.000 ₫"), Decimal(500_000), None),
)
PRICE_BAND_BY_KEY = {band.key: band for band in PRICE_BANDS}


@dataclass(frozen=True)
class SearchFilters:
    """What the shopper narrowed the results to; within one facet the values are alternatives (OR).

    Unknown values (a producer id that does not exist, a price band key nobody defined) match nothing
    or are ignored; they never raise.
    """

    stars: tuple[int, ...] = ()
    group_ids: tuple[int, ...] = ()
    set_ids: tuple[int, ...] = ()
    province_codes: tuple[int, ...] = ()
    ward_codes: tuple[int, ...] = ()
    producer_ids: tuple[int, ...] = ()
    price_bands: tuple[str, ...] = ()
    in_stock: bool = False


@dataclass(frozen=True)
class FacetValue:
    value: int | str | bool
    label: str
    count: int


@dataclass(frozen=True)
class Facets:
    """Counts over the filtered results; values sorted as a shopper scans them (most first, stars high first)."""

    stars: list[FacetValue] = field(default_factory=list)
    group: list[FacetValue] = field(default_factory=list)
    set: list[FacetValue] = field(default_factory=list)
    province: list[FacetValue] = field(default_factory=list)
    ward: list[FacetValue] = field(default_factory=list)
    producer: list[FacetValue] = field(default_factory=list)
    price: list[FacetValue] = field(default_factory=list)
    in_stock: int = 0


@dataclass(frozen=True)
class SearchHit:
    product_id: int
    title: str
    score: float


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    total: int
    facets: Facets
    page: int  # the page shown: an out-of-range request gets the nearest existing page
    per_page: int

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def product_ids(self) -> list[int]:
        return [hit.product_id for hit in self.hits]


@dataclass(frozen=True)
class Suggestion:
    product_id: int
    title: str


class SearchUnavailable(Exception):  # noqa: N818 - the state the shopper is told about, not a programming error
    """The search backend cannot answer now (cluster down or timing out, a request refused): nothing was searched
    or written.

    ``str()`` is the translated message a page shows instead of results; ``detail`` is for the logs. A write that
    raises it is retried by the outbox.
    """

    message = _("Tìm kiếm sản phẩm đang tạm gián đoạn. Xin vui lòng thử lại sau ít phút.")

    def __init__(self, detail: str = ""):
        super().__init__(detail)
        self.detail = detail

    def __str__(self) -> str:
        return str(self.message)
