"""Catalogue benchmark: seed 10,000 products, serve them with gunicorn, compare with a minimal Django view.

Run `python -m tests.perf.bench` (or `make bench`). Reports requests/s, median and p95 latency of the
catalogue, a filtered catalogue and a product page, and their ratio to `/bench/minimal/` measured in the
same run (rounds interleave the URLs so noise on a shared machine hits every URL alike). Writes
var/bench/results.json. Every response must be 200 or the bench fails.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parents[2]
RESULTS_DIR = BASE_DIR / "var" / "bench"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/ocop_bench"
SETTINGS_MODULE = "tests.perf.settings"
HOST = "127.0.0.1"
PRODUCT_COUNT = 10_000
PRODUCER_COUNT = 50
CERTIFIED_SHARE = 0.6
MINIMAL_NAME = "minimal"

# One stem per OCOP product set (Decision 26/2026/QĐ-TTg numbering), for believable titles.
TITLE_STEMS = {
    1: "Bưởi Luận Văn", 2: "Trứng gà đồi", 3: "Gạo nếp cái hoa vàng", 4: "Mật ong rừng", 5: "Nem chua",
    6: "Bánh gai Tứ Trụ", 7: "Mít sấy giòn", 8: "Chả tôm", 9: "Nước mắm Khúc Phụ", 10: "Muối tiêu chanh",
    11: "Chè xanh", 12: "Trà hoa vàng", 13: "Cà phê rang xay", 14: "Rượu men lá", 15: "Rượu nếp cẩm",
    16: "Nước khoáng thiên nhiên", 17: "Nước ép chanh leo", 18: "Cao dược liệu", 19: "Dầu gội bồ kết",
    20: "Tinh dầu sả chanh", 21: "Chiếu cói Nga Sơn", 22: "Thổ cẩm Bá Thước", 23: "Lan hồ điệp",
    24: "Bonsai sứ", 25: "Cá cảnh", 26: "Homestay Pù Luông",
}
LEGAL_FORMS = ["cooperative", "household_business", "enterprise", "cooperative_group", "production_household"]


# --------------------------------------------------------------------------- database


def _postgres_database_ensure(url: str) -> None:
    """Create the database named in `url` when it does not exist (connects to `postgres` to do so)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=3) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created PostgreSQL database {name}")


def database_url_resolve() -> str:
    """BENCH_DATABASE_URL if set, else PostgreSQL `ocop_bench` when reachable, else a SQLite file."""
    url = os.environ.get("BENCH_DATABASE_URL")
    candidate = url or DEFAULT_POSTGRES_URL
    if urlsplit(candidate).scheme in ("postgres", "postgresql", "pgsql"):
        try:
            _postgres_database_ensure(candidate)
        except Exception as exc:
            if url:
                raise SystemExit(f"BENCH_DATABASE_URL {url} is not usable: {exc}") from exc
            from tests.perf.settings import BENCH_SQLITE_URL

            print(f"PostgreSQL not reachable ({exc.__class__.__name__}); falling back to SQLite")
            return BENCH_SQLITE_URL
    return candidate


def django_setup(database_url: str) -> None:
    (RESULTS_DIR / "static").mkdir(parents=True, exist_ok=True)
    os.environ["BENCH_DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    import django

    django.setup()


# --------------------------------------------------------------------------- seeding


def catalogue_seed(*, count: int, seed: int = 2026) -> int:
    """Top the catalogue up to `count` public products with stock, producers, categories and certificates.

    Idempotent: does nothing when `count` products exist. Returns how many products it created.
    """
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", interactive=False, verbosity=0)

    from catalog.models import Product, ProductSet
    from ocop_rating.certificates.models import Certificate
    from ocop_rating.models import CriteriaVersion

    existing = Product.objects.count()
    if existing >= count:
        return 0

    from oscar.core.loading import get_model
    from oscar.core.utils import slugify

    from catalog.services import category_tree_sync
    from marketplace.core.divisions import THANH_HOA, ward_choices
    from marketplace.producers.models import Producer

    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    ProductClass = get_model("catalogue", "ProductClass")
    ProductCategory = get_model("catalogue", "ProductCategory")

    rng = random.Random(seed)
    wards = ward_choices(THANH_HOA)
    today = datetime.date.today()
    missing = count - existing

    with transaction.atomic():
        category_tree_sync()
        product_class, _ = ProductClass.objects.get_or_create(
            name="Sản phẩm OCOP", defaults={"requires_shipping": True, "track_stock": True},
        )
        producers = []
        for n in range(1, PRODUCER_COUNT + 1):
            ward_code, ward_label = wards[(n * 7) % len(wards)]
            name = f"HTX sản xuất {ward_label} {n:02d}"
            slug = f"bench-{slugify(name)}"
            producer = Producer.objects.filter(slug=slug).first()
            if producer is None:
                partner = Partner.objects.create(name=name)
                producer = Producer.objects.create(
                    partner=partner, name=name, slug=slug, legal_form=LEGAL_FORMS[n % len(LEGAL_FORMS)],
                    province_code=THANH_HOA, ward_code=ward_code, phone=f"0237{n:07d}",
                )
            producers.append(producer)
        ward_labels = dict(wards)
        product_sets = list(ProductSet.objects.order_by("number"))

        products = []
        for i in range(existing + 1, existing + missing + 1):
            producer = producers[rng.randrange(len(producers))]
            product_set = product_sets[rng.randrange(len(product_sets))]
            title = f"{TITLE_STEMS.get(product_set.number, product_set.name)} {ward_labels[producer.ward_code]} {i:05d}"
            products.append(Product(
                structure=Product.STANDALONE, is_public=True, title=title, slug=slugify(title),
                description=f"<p>{title}: sản phẩm OCOP của {producer.name}.</p>",
                product_class=product_class, ocop_set=product_set, producer=producer,
                origin_province_code=THANH_HOA, origin_ward_code=producer.ward_code,
                weight_grams=rng.choice([100, 250, 300, 500, 750, 1000, 1500, 2000]),
            ))
        products = Product.objects.bulk_create(products, batch_size=1000)

        StockRecord.objects.bulk_create(
            [
                StockRecord(
                    product=p, partner_id=p.producer.partner_id, partner_sku=f"BENCH-{p.pk}", price_currency="VND",
                    price=Decimal(rng.randrange(20, 900) * 1000), num_in_stock=rng.randrange(0, 200),
                )
                for p in products
            ],
            batch_size=1000,
        )

        certifications = []
        criteria_version = CriteriaVersion.objects.get(code="QD26-2026")
        for p in products:
            if rng.random() >= CERTIFIED_SHARE:
                continue
            stars = rng.choices([3, 4, 5], weights=[50, 40, 10])[0]
            issued_on = today - datetime.timedelta(days=rng.randrange(0, 700))
            certifications.append(Certificate(
                product=p, stars=stars, code=f"BENCH-TH-{issued_on.year}-{p.pk:06d}",
                decision_number=f"{p.pk}/QĐ-UBND", decision_date=issued_on,
                issuing_level=(Certificate.IssuingLevel.CENTRAL if stars == 5
                               else Certificate.IssuingLevel.PROVINCE),
                criteria_version=criteria_version, score_total=Decimal({3: 62, 4: 78, 5: 92}[stars]),
                issued_on=issued_on,
                valid_until=issued_on + datetime.timedelta(days=3 * 365),
                status=Certificate.Status.ACTIVE,
            ))
        Certificate.objects.bulk_create(certifications, batch_size=1000)

        set_categories = dict(ProductSet.objects.values_list("pk", "category_id"))
        ProductCategory.objects.bulk_create(
            [ProductCategory(product=p, category_id=set_categories[p.ocop_set_id]) for p in products],
            batch_size=1000,
        )
    return missing


def certificates_attach() -> int:
    """Make each seeded certificate its product's current one through the certificate service, so the badge
    columns the catalogue reads and filters on are written as in production (also repairs an older seed)."""
    from catalog.models import Product
    from ocop_rating.certificates.models import Certificate
    from ocop_rating.certificates.services import product_certificate_set

    pending = Certificate.objects.filter(status=Certificate.Status.ACTIVE, product__badge_stars__isnull=True)
    attached = 0
    for certificate in pending.select_related("product").iterator(chunk_size=1000):
        product_certificate_set(product=certificate.product, certificate=certificate)
        attached += 1
    assert not Product.objects.filter(certificate__isnull=False, badge_stars__isnull=True).exists()
    return attached


def statistics_refresh() -> None:
    """Give the planner fresh statistics (and PostgreSQL a vacuumed heap) as a long-running database has."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# --------------------------------------------------------------------------- measuring


@dataclass
class Target:
    name: str
    path: str
    queries: int | None = None
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.latencies, n=20, method="inclusive")[18] * 1000


def targets_build() -> list[Target]:
    from catalog.models import Product

    product = (
        Product.objects.browsable().filter(certificate__isnull=False, producer__isnull=False)
        .order_by("-date_created", "-pk").first()
    )
    if product is None:
        raise SystemExit("no certified product to benchmark the product page with")
    return [
        Target("catalogue", "/shop/catalogue/"),
        Target("filtered catalogue", "/shop/catalogue/?stars=4&province=38&sort=price-asc"),
        Target("product page", product.get_absolute_url()),
        Target(MINIMAL_NAME, "/bench/minimal/"),
    ]


def queries_count(targets: list[Target]) -> None:
    """Render each page once in-process, counting SQL queries (and surfacing tracebacks, not 500 pages)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for target in targets:
        client.get(target.path)  # warm caches the way a running worker has them
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(target.path)
        if response.status_code != 200:
            raise SystemExit(f"{target.path} answered {response.status_code} in-process")
        target.queries = len(ctx.captured_queries)


def _get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", path, headers={"Accept-Language": "vi", "User-Agent": "ocop-bench"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def load_run(*, port: int, target: Target, seconds: float, concurrency: int) -> None:
    """Keep `concurrency` clients requesting `target` for `seconds`; add latencies to the target."""
    lock = threading.Lock()
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    def client() -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                status, body = _get(port, target.path)
            except OSError as exc:
                with lock:
                    target.failures.append(f"{exc.__class__.__name__}: {exc}")
                continue
            elapsed = time.perf_counter() - started
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    target.failures.append(f"HTTP {status}: {body[:300]!r}")

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    target.seconds += time.perf_counter() - started
    target.latencies.extend(latencies)
    if target.failures:
        raise SystemExit(f"{target.path}: {len(target.failures)} failed requests, first: {target.failures[0]}")


# --------------------------------------------------------------------------- gunicorn


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _gunicorn_executable() -> str:
    beside_python = Path(sys.executable).parent / "gunicorn"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("gunicorn")
    if not found:
        raise SystemExit("gunicorn not found (install requirements-dev.lock into .venv)")
    return found


def gunicorn_start(*, port: int, workers: int, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE, "PYTHONPATH": str(BASE_DIR)}
    command = [
        _gunicorn_executable(), "marketplace.wsgi:application",
        "--workers", str(workers), "--worker-class", "sync", "--bind", f"{HOST}:{port}",
        "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning", "--error-logfile", "-",
    ]
    log = log_path.open("w")
    # A session of its own: stopping it signals gunicorn's process group, workers included.
    return subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def gunicorn_wait(*, process: subprocess.Popen, port: int, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            status, _ = _get(port, "/bench/minimal/")
        except OSError:
            time.sleep(0.3)
            continue
        if status != 200:
            raise SystemExit(f"/bench/minimal/ answered {status}:\n{log_path.read_text()[-3000:]}")
        return
    raise SystemExit(f"gunicorn did not answer within {timeout:.0f}s")


def gunicorn_stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    except ProcessLookupError:
        pass


# --------------------------------------------------------------------------- reporting


def results_build(targets: list[Target], *, meta: dict) -> dict:
    minimal = next(t for t in targets if t.name == MINIMAL_NAME)
    rows = []
    for t in targets:
        rows.append({
            "name": t.name, "path": t.path, "requests": len(t.latencies), "rps": round(t.rps, 1),
            "median_ms": round(t.median_ms, 2), "p95_ms": round(t.p95_ms, 2), "queries": t.queries,
            "median_ratio_to_minimal": round(t.median_ms / minimal.median_ms, 2),
            "rps_ratio_to_minimal": round(t.rps / minimal.rps, 3),
        })
    return {**meta, "results": rows}


def table_print(results: dict) -> None:
    header = ("page", "requests", "req/s", "median ms", "p95 ms", "queries", "median ×minimal", "req/s ÷minimal")
    rows = [
        (r["name"], str(r["requests"]), f"{r['rps']:.1f}", f"{r['median_ms']:.1f}", f"{r['p95_ms']:.1f}",
         str(r["queries"]), f"{r['median_ratio_to_minimal']:.2f}", f"{r['rps_ratio_to_minimal']:.3f}")
        for r in results["results"]
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    line = "  ".join("-" * w for w in widths)
    print(line)
    print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths, strict=True))))
    print(line)
    for row in rows:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    print(line)
    for r in results["results"]:
        print(f"  {r['name']}: {r['path']}")


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True,  # noqa: S607
                             text=True, timeout=5, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


# --------------------------------------------------------------------------- main


def _interrupt(signum, frame):
    raise KeyboardInterrupt  # so `finally` stops gunicorn when the bench itself is terminated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=PRODUCT_COUNT, help="products to seed (default 10000)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--seconds", type=float, default=4.0, help="seconds per URL per round (default 4)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds over all URLs (default 3)")
    parser.add_argument("--warmup", type=int, default=10, help="warm-up requests per URL (default 10)")
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "results.json")
    args = parser.parse_args(argv)

    started = time.monotonic()
    database_url = database_url_resolve()
    django_setup(database_url)
    from django.db import connection

    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    seeding = time.monotonic()
    created = catalogue_seed(count=args.products)
    print(f"migrated and seeded {created} products in {time.monotonic() - seeding:.1f}s" if created
          else f"{args.products} products already seeded")
    attached = certificates_attach()
    if attached:
        print(f"{attached} certificates made their products' current ones (badge columns written)")
    statistics_refresh()

    from django.http import QueryDict

    from catalog.forms import ProductFilterForm
    from catalog.models import Product
    from catalog.selectors import product_list

    targets = targets_build()
    filtered = next(t for t in targets if t.name == "filtered catalogue")
    filter_form = ProductFilterForm(QueryDict(urlsplit(filtered.path).query))
    filtered_matches = product_list(filters=filter_form.to_filters()).count()
    if not filtered_matches:
        raise SystemExit("the filtered catalogue matches no product: the bench would measure an empty page")
    queries_count(targets)
    connection.close()  # the bench process keeps no connection open while gunicorn works

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    log_path = RESULTS_DIR / "gunicorn.log"
    port = _free_port()
    process = gunicorn_start(port=port, workers=args.workers, log_path=log_path)
    previous_sigterm = signal.signal(signal.SIGTERM, _interrupt)
    try:
        gunicorn_wait(process=process, port=port, log_path=log_path)
        print(f"gunicorn: {args.workers} sync workers on {HOST}:{port}; "
              f"{args.rounds} rounds × {args.seconds:.0f}s per URL, {args.concurrency} clients")
        for target in targets:
            for _ in range(args.warmup):
                status, body = _get(port, target.path)
                if status != 200:
                    raise SystemExit(f"{target.path} answered {status} during warm-up: {body[:300]!r}")
        for round_number in range(args.rounds):
            # Rotate the order so no URL always runs first (or right after the heaviest one).
            shift = round_number % len(targets)
            for target in targets[shift:] + targets[:shift]:
                load_run(port=port, target=target, seconds=args.seconds, concurrency=args.concurrency)
    finally:
        gunicorn_stop(process)
        signal.signal(signal.SIGTERM, previous_sigterm)

    import django
    import oscar

    meta = {
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "database": connection.vendor,
        "products": Product.objects.count(),
        "filtered_matches": filtered_matches,
        "gunicorn_workers": args.workers,
        "concurrency": args.concurrency,
        "rounds": args.rounds,
        "seconds_per_url_per_round": args.seconds,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "oscar": oscar.get_version(),
    }
    results = results_build(targets, meta=meta)
    table_print(results)
    print(f"{meta['products']} products on {meta['database']}; filtered catalogue matches {filtered_matches}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {args.output.relative_to(BASE_DIR) if args.output.is_relative_to(BASE_DIR) else args.output} "
          f"in {time.monotonic() - started:.0f}s total")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("bench interrupted; gunicorn stopped", file=sys.stderr)
        sys.exit(130)
