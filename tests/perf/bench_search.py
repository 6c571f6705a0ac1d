"""Search speed benchmark: product search with facets and suggestions over 100,000 listed products.

Run `python -m tests.perf.bench_search` (a step of `make bench`). It uses a PostgreSQL database of its own,
`ocop_bench_search_100k` (created, migrated, seeded and indexed on the first run, reused afterwards;
`BENCH_SEARCH_SPEED_DATABASE_URL` overrides it, `--reseed` empties and seeds it again), then times, in the
same run and on the same data:
- ``api.search`` with its facets (page 1, 24 per page) for 22 shopper queries: with and without diacritics,
  typos, one word, several words, producer and commune names, an empty query with filters;
- ``api.suggest`` for 20 prefixes of 2 to 6 characters, as the header box asks while the shopper types;
- the naive baseline: ``Product.objects.filter(title__icontains=q)`` (first 24 and the count; the first 8
  for a prefix).
Each query is asked ``--warmup`` times, then ``--runs`` times measured; the table shows p50 and p95 in ms per
query and over all runs of an operation. Targets: search with facets p95 <= 100 ms, suggestions p95 <= 30 ms;
a missed target is printed as MISSED and does not fail the bench (errors do). Results go to
var/bench/search_speed.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit, urlunsplit

from tests.perf.bench import (
    RESULTS_DIR,
    _postgres_database_ensure,
    django_setup,
    statistics_refresh,
)

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/ocop_bench_search_100k"
PRODUCT_COUNT = 100_000
PRODUCER_COUNT = 800
SEARCH_P95_TARGET_MS = 100.0
SUGGEST_P95_TARGET_MS = 30.0
PER_PAGE = 24
SEED = 2026
BATCH = 5_000
# Shares of the seeded products: a valid certificate (stars shown), a certificate whose validity ended
# (stars no longer shown), out of stock.
STARRED_SHARE = 0.30
EXPIRED_SHARE = 0.06
OUT_OF_STOCK_SHARE = 0.15

# Words a producer adds to the demo titles so that 100,000 titles differ as real listings do.
TITLE_QUALITIES = ("", "", "", "đặc biệt", "truyền thống", "thượng hạng", "loại 1", "quà biếu", "nhà làm",
                   "gia truyền", "hữu cơ", "sạch")
TITLE_PACKS = ("", "", "túi 200 g", "túi 500 g", "hộp 300 g", "hộp quà 1 kg", "chai 500 ml", "chai 1 lít",
               "lọ thủy tinh 250 g", "gói 100 g", "thùng 10 gói", "combo 3 hộp")
PRODUCER_FORMS = (
    ("cooperative", "Hợp tác xã"), ("household_business", "Hộ kinh doanh"), ("enterprise", "Công ty TNHH"),
    ("cooperative_group", "Tổ hợp tác"), ("production_household", "Cơ sở sản xuất"),
)
PRODUCER_PEOPLE = ("Bà Hiền", "Cô Tư", "Anh Tuấn", "Chị Lan", "Ông Bảy", "Bà Nhung", "Chú Sáu", "Anh Khoa",
                   "Chị Mai", "Bà Liên")


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    filters: dict = field(default_factory=dict)  # SearchFilters arguments; set numbers are resolved to ids


QUERIES: tuple[Query, ...] = (
    Query("nước mắm", "set words"),
    Query("nuoc mam", "no diacritics"),
    Query("nuoc mamm", "typo"),
    Query("mật ong rừng", "multi-word"),
    Query("mat ong", "no diacritics"),
    Query("mat ongg", "typo"),
    Query("nem chua thanh hoa", "province"),
    Query("chieu coi nga son", "no diacritics"),
    Query("bánh gai", "title"),
    Query("keo lac", "no diacritics"),
    Query("mắm", "one word"),
    Query("gạo", "one word"),
    Query("ruou nep cam", "no diacritics"),
    Query("tinh dau que thuong xuan", "multi-word"),
    Query("homestay pu luong", "no diacritics"),
    Query("Biển Xanh", "producer"),
    Query("hoang thanh", "commune"),
    Query("qwxzv", "no match"),
    Query("", "empty + stars", {"stars": (4,)}),
    Query("", "empty + price, stock", {"price_bands": ("100k-200k",), "in_stock": True}),
    Query("mat ong", "query + set, stars", {"set_numbers": (4,), "stars": (3, 4, 5)}),
    Query("nem", "query + province", {"province_codes": (38,)}),
)
PREFIXES: tuple[str, ...] = (
    "nu", "nuo", "nước", "nuoc m", "mắ", "mật", "mat o", "nem c", "chi", "chieu", "bánh", "banh g", "kẹo",
    "gạo n", "ruou", "tinh d", "ho", "homes", "thổ c", "đèn",
)


# --------------------------------------------------------------------------- database


def database_url() -> str:
    """BENCH_SEARCH_SPEED_DATABASE_URL if set, else PostgreSQL ``ocop_bench_search_100k`` (created if missing)."""
    url = os.environ.get("BENCH_SEARCH_SPEED_DATABASE_URL") or POSTGRES_URL
    if urlsplit(url).scheme in ("postgres", "postgresql", "pgsql"):
        try:
            _postgres_database_ensure(url)
        except Exception as exc:
            raise SystemExit(f"the search benchmark needs PostgreSQL at {_shown(url)}: {exc}") from exc
    return url


def _shown(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.hostname or "")) if parts.password else url


# --------------------------------------------------------------------------- seeding


def catalogue_seed(*, count: int, seed: int = SEED, log=print) -> int:
    """Top the catalogue up to ``count`` listed products built from the demo vocabulary; answer how many it made.

    Bulk inserts: producers (in real Thanh Hóa communes), products (a demo title with a quality word, a pack
    and sometimes the commune), one VND stock record each, and certificates for ~36 % of them. The badge
    columns are what ``certificate_badge`` gives each certificate (active and valid: stars; validity ended:
    the stars stop showing that day; status expired: none), written in bulk as the certificate service would.
    """
    from django.db import connection, transaction
    from oscar.core.loading import get_model

    from catalog.models import Product, ProductSet
    from marketplace.core.divisions import THANH_HOA, ward_choices
    from marketplace.demo.catalogue_data import PRODUCERS, PRODUCTS
    from marketplace.producers.models import Producer
    from ocop_rating.certificates.models import Certificate
    from ocop_rating.certificates.services import certificate_badge
    from ocop_rating.models import CriteriaVersion

    existing = Product.objects.count()
    if existing >= count:
        return 0
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    ProductClass = get_model("catalogue", "ProductClass")

    rng = random.Random(seed + existing)
    wards = ward_choices(THANH_HOA)
    ward_labels = dict(wards)
    today = datetime.date.today()
    sets = {product_set.number: product_set for product_set in ProductSet.objects.all()}
    demo_producer = {spec.slug: spec for spec in PRODUCERS}
    # The demo producers' trades ("Nem chua Hạc Thành", "Giò chả Bà Hiền"): the name after its legal form.
    trades = sorted({_trade(spec.name) for spec in PRODUCERS})
    criteria_version = CriteriaVersion.objects.get(code="QD26-2026")

    with transaction.atomic():
        product_class, _ = ProductClass.objects.get_or_create(
            name="Sản phẩm OCOP", defaults={"requires_shipping": True, "track_stock": True},
        )
        producers = list(Producer.objects.filter(slug__startswith="bench-search-"))
        if not producers:
            specs = []
            for n in range(1, PRODUCER_COUNT + 1):
                legal_form, form_label = PRODUCER_FORMS[n % len(PRODUCER_FORMS)]
                ward_code, ward_label = wards[rng.randrange(len(wards))]
                owner = rng.choice(PRODUCER_PEOPLE) if n % 3 == 0 else _place(ward_label)
                specs.append((n, legal_form, f"{form_label} {rng.choice(trades)} {owner}", ward_code))
            partners = Partner.objects.bulk_create(
                [Partner(name=name[:128], code=f"bench-search-{n:04d}") for n, _, name, _ in specs])
            producers = Producer.objects.bulk_create([
                Producer(partner=partner, name=name, slug=f"bench-search-{n:04d}", legal_form=legal_form,
                         province_code=THANH_HOA, ward_code=ward_code, phone=f"0237{n:07d}")
                for partner, (n, legal_form, name, ward_code) in zip(partners, specs, strict=True)
            ])
        log(f"  {len(producers)} producers")

    made = 0
    while made < count - existing:
        size = min(BATCH, count - existing - made)
        with transaction.atomic():
            products, prices, stocks, certificates = [], [], [], []
            for _ in range(size):
                spec = PRODUCTS[rng.randrange(len(PRODUCTS))]
                # Half the listings are the demo producer's kind of product made elsewhere.
                producer = producers[rng.randrange(len(producers))]
                ward = ward_labels.get(producer.ward_code) or ward_labels.get(demo_producer[spec.producer].ward_code, "")
                words = [spec.title, rng.choice(TITLE_QUALITIES), rng.choice(TITLE_PACKS)]
                if rng.random() < 0.3:
                    words.append(_place(ward))
                title = " ".join(word for word in words if word)[:255]
                index = existing + made + len(products) + 1
                description = "".join(f"<p>{sentence}</p>" for sentence in spec.description)
                products.append(Product(
                    structure=Product.STANDALONE, is_public=True, title=title, slug=f"bench-search-{index}",
                    upc=f"BENCH-S-{index:06d}", description=f"{description}<p>Sản xuất tại {ward}.</p>",
                    product_class=product_class, ocop_set=sets[spec.set_number], producer=producer,
                    origin_province_code=THANH_HOA, origin_ward_code=producer.ward_code,
                    weight_grams=spec.weight_grams,
                ))
                prices.append(Decimal(max(10, round(spec.price * rng.uniform(0.4, 3.0) / 1000)) * 1000))
                stocks.append(0 if rng.random() < OUT_OF_STOCK_SHARE else rng.randrange(1, 300))
            products = Product.objects.bulk_create(products, batch_size=1000)
            StockRecord.objects.bulk_create(
                [StockRecord(product=p, partner_id=p.producer.partner_id, partner_sku=f"BENCH-S-{p.pk}",
                             price_currency="VND", price=price, num_in_stock=stock)
                 for p, price, stock in zip(products, prices, stocks, strict=True)],
                batch_size=1000,
            )
            for p in products:
                draw = rng.random()
                if draw >= STARRED_SHARE + EXPIRED_SHARE:
                    continue
                stars = rng.choices([3, 4, 5], weights=[55, 38, 7])[0]
                if draw < STARRED_SHARE:
                    issued_on = today - datetime.timedelta(days=rng.randrange(0, 3 * 365 - 1))
                    status = Certificate.Status.ACTIVE
                else:  # half past their validity but not yet processed, half marked expired
                    issued_on = today - datetime.timedelta(days=rng.randrange(3 * 365 + 1, 5 * 365))
                    status = Certificate.Status.ACTIVE if rng.random() < 0.5 else Certificate.Status.EXPIRED
                certificates.append(Certificate(
                    product=p, stars=stars, code=f"BENCH-S-{issued_on.year}-{p.pk:07d}",
                    decision_number=f"{p.pk}/QĐ-UBND", decision_date=issued_on,
                    issuing_level=(Certificate.IssuingLevel.CENTRAL if stars == 5
                                   else Certificate.IssuingLevel.PROVINCE),
                    criteria_version=criteria_version, score_total=Decimal({3: 62, 4: 78, 5: 92}[stars]),
                    issued_on=issued_on, valid_until=issued_on + datetime.timedelta(days=3 * 365), status=status,
                ))
            certificates = Certificate.objects.bulk_create(certificates, batch_size=1000)
            badges = [(c.pk, *certificate_badge(c), c.product_id) for c in certificates]
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {Product._meta.db_table} SET {Product._meta.get_field('certificate').column} = %s, "
                    "badge_stars = %s, badge_until = %s WHERE id = %s", badges,
                )
        made += size
        log(f"  {existing + made:,} products")
    return made


def _trade(name: str) -> str:
    """"Hợp tác xã Cói mỹ nghệ Nga Sơn" -> "Cói mỹ nghệ": a demo producer's name without its legal form and place."""
    for prefix in ("Hợp tác xã", "Hộ kinh doanh", "Hộ sản xuất", "Công ty TNHH", "Công ty cổ phần", "Tổ hợp tác",
                   "Doanh nghiệp tư nhân", "Trang trại", "Dịch vụ và"):
        name = name.removeprefix(prefix).strip()
    first, *rest = name.split()
    kept = [first]
    for word in rest:
        if word[0].isupper():
            break
        kept.append(word)
    return " ".join(kept)


def _place(ward_label: str) -> str:
    """"Xã Nga Sơn" -> "Nga Sơn": how a place is written in a product or producer name."""
    for prefix in ("Phường ", "Xã ", "Thị trấn "):
        ward_label = ward_label.removeprefix(prefix)
    return ward_label


def index_build(*, log=print) -> int:
    """Write every product's index row through ``api.reindex`` (the same rows the outbox handler writes)."""
    from marketplace.search_index import api

    started = time.monotonic()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] > 10 or done == total:
            last[0] = time.monotonic()
            log(f"  indexed {done:,}/{total:,} ({time.monotonic() - started:.0f} s)")

    report = api.reindex(chunk_size=2000, progress=progress)
    return report.indexed


def prepare(*, count: int, reseed: bool, log=print) -> None:
    from django.core.management import call_command

    from catalog.models import Product
    from marketplace.search_index.models import SearchDocument

    call_command("migrate", interactive=False, verbosity=0)
    if reseed:
        _catalogue_empty()
    seeded = catalogue_seed(count=count, log=log)
    if seeded or SearchDocument.objects.count() != Product.objects.browsable().count():
        log("indexing (once)...")
        index_build(log=log)
        statistics_refresh()


def _catalogue_empty() -> None:
    """Drop every product, stock record, certificate and producer this bench made (``--reseed``)."""
    from django.db import connection
    from oscar.core.loading import get_model

    from catalog.models import Product
    from marketplace.producers.models import Producer
    from marketplace.search_index.models import SearchDocument
    from ocop_rating.certificates.models import Certificate

    models = (SearchDocument, Certificate, get_model("partner", "StockRecord"), Product, Producer,
              get_model("partner", "Partner"))
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(m._meta.db_table for m in models)} RESTART IDENTITY CASCADE")


# --------------------------------------------------------------------------- measuring


@dataclass
class Timing:
    operation: str
    label: str
    kind: str
    results: int = 0
    samples: list[float] = field(default_factory=list)  # seconds

    @property
    def p50_ms(self) -> float:
        return _percentile(self.samples, 50)

    @property
    def p95_ms(self) -> float:
        return _percentile(self.samples, 95)


def _percentile(samples: list[float], percent: int) -> float:
    if len(samples) == 1:
        return samples[0] * 1000
    return statistics.quantiles(samples, n=100, method="inclusive")[percent - 1] * 1000


def _timed(call, *, warmup: int, runs: int) -> tuple[list[float], object]:
    for _ in range(warmup):
        call()
    samples = []
    answer = None
    for _ in range(runs):
        started = time.perf_counter()
        answer = call()
        samples.append(time.perf_counter() - started)
    return samples, answer


def filters_build(arguments: dict):
    from catalog.models import ProductSet
    from marketplace.search_index.types import SearchFilters

    arguments = dict(arguments)
    numbers = arguments.pop("set_numbers", ())
    if numbers:
        arguments["set_ids"] = tuple(ProductSet.objects.filter(number__in=numbers).values_list("pk", flat=True))
    return SearchFilters(**arguments)


def measure(*, warmup: int, runs: int) -> list[Timing]:
    from catalog.models import Product
    from marketplace.search_index import api

    timings = []
    for query in QUERIES:
        filters = filters_build(query.filters)
        label = repr(query.text) + (f" {query.filters}" if query.filters else "")
        search = Timing("search + facets", label, query.kind)
        search.samples, result = _timed(lambda q=query.text, f=filters: api.search(q, filters=f, per_page=PER_PAGE),
                                        warmup=warmup, runs=runs)
        search.results = result.total
        naive = Timing("naive icontains + count", label, query.kind)

        def naive_call(q=query.text):
            matching = Product.objects.filter(title__icontains=q)
            return list(matching.values_list("pk", "title")[:PER_PAGE]), matching.count()

        naive.samples, (_, naive.results) = _timed(naive_call, warmup=warmup, runs=runs)
        timings += [search, naive]
    for prefix in PREFIXES:
        suggest = Timing("suggest", repr(prefix), f"{len(prefix)} chars")
        suggest.samples, answer = _timed(lambda p=prefix: api.suggest(p), warmup=warmup, runs=runs)
        suggest.results = len(answer)
        naive = Timing("naive suggest icontains", repr(prefix), f"{len(prefix)} chars")
        naive.samples, answer = _timed(
            lambda p=prefix: list(Product.objects.filter(title__icontains=p).values_list("pk", "title")[:8]),
            warmup=warmup, runs=runs)
        naive.results = len(answer)
        timings += [suggest, naive]
    return timings


def summary(timings: list[Timing]) -> list[dict]:
    targets = {"search + facets": SEARCH_P95_TARGET_MS, "suggest": SUGGEST_P95_TARGET_MS}
    rows = []
    for operation in dict.fromkeys(t.operation for t in timings):
        samples = [s for t in timings if t.operation == operation for s in t.samples]
        target = targets.get(operation)
        p95 = _percentile(samples, 95)
        rows.append({"operation": operation, "runs": len(samples), "p50_ms": round(_percentile(samples, 50), 1),
                     "p95_ms": round(p95, 1), "target_p95_ms": target,
                     "met": None if target is None else p95 <= target})
    return rows


def report_print(timings: list[Timing], rows: list[dict], *, products: int, database: str) -> None:
    print(f"\n{'operation':24} {'query':52} {'kind':20} {'found':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for t in timings:
        print(f"{t.operation:24} {t.label[:52]:52} {t.kind:20} {t.results:>7} {t.p50_ms:8.1f} {t.p95_ms:8.1f}")
    print(f"\nsearch speed over {products:,} listed products ({database}):")
    print(f"{'operation':24} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8}  target")
    for row in rows:
        verdict = ""
        if row["target_p95_ms"] is not None:
            verdict = f"p95 <= {row['target_p95_ms']:.0f} ms  " + ("met" if row["met"] else "MISSED")
        print(f"{row['operation']:24} {row['runs']:>5} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f}  {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=PRODUCT_COUNT)
    parser.add_argument("--runs", type=int, default=20, help="measured runs per query (after the warm-up)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured runs per query first")
    parser.add_argument("--reseed", action="store_true", help="empty the bench database's catalogue and seed it again")
    parser.add_argument("--output", default=str(RESULTS_DIR / "search_speed.json"))
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0 or args.products < 1:
        parser.error("--runs and --products must be at least 1, --warmup at least 0")

    url = database_url()
    django_setup(url)
    from django.conf import settings
    from django.db import connection

    from marketplace.search_index.models import SearchDocument

    prepared = time.monotonic()
    prepare(count=args.products, reseed=args.reseed)
    indexed = SearchDocument.objects.count()
    print(f"{indexed:,} products indexed in {_shown(url)} (prepared in {time.monotonic() - prepared:.0f} s); "
          f"{len(QUERIES)} queries and {len(PREFIXES)} prefixes, {args.warmup} warm-up + {args.runs} runs each")

    timings = measure(warmup=args.warmup, runs=args.runs)
    rows = summary(timings)
    database = f"{settings.PRODUCT_SEARCH_BACKEND} backend on {connection.vendor}"
    report_print(timings, rows, products=indexed, database=database)

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as out:
        json.dump({
            "products": indexed, "database": _shown(url), "backend": settings.PRODUCT_SEARCH_BACKEND,
            "runs": args.runs, "warmup": args.warmup, "summary": rows,
            "queries": [{"operation": t.operation, "query": t.label, "kind": t.kind, "found": t.results,
                         "p50_ms": round(t.p50_ms, 2), "p95_ms": round(t.p95_ms, 2)} for t in timings],
        }, out, ensure_ascii=False, indent=2)
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
