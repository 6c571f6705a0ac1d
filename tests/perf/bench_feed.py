"""Postal feed benchmark: /feeds/postal.xml for 10,000 and 100,000 listed products, time and peak memory.

Run `python -m tests.perf.bench_feed` (the third step of `make bench`). For each size it seeds a PostgreSQL
database of its own (`ocop_bench_feed_<n>`, created and seeded once; a SQLite file when PostgreSQL is not
reachable) with the catalogue bench's products, each with a photo and an opted-in producer, then serves
the whole feed in a fresh Python process (settings of the gunicorn bench: DEBUG off) and reports the time
to the first byte, the total time, the bytes and items, and the process's peak resident memory. The feed
streams, so memory must stay flat: the bench fails when the 100,000-product feed's peak exceeds the
10,000-product one's by more than 50 MB, or its first byte takes more than a second. Results go to
var/bench/feed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

from tests.perf.bench import (
    RESULTS_DIR,
    _postgres_database_ensure,
    catalogue_seed,
    certificates_attach,
    django_setup,
    statistics_refresh,
)

SIZES = (10_000, 100_000)
FLAT_MEMORY_MB = 50
FIRST_BYTE_SECONDS = 1.0
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/ocop_bench_feed_{count}"
SQLITE_URL = "sqlite:////tmp/ocop_bench_feed_{count}.sqlite3"
FEED_PATH = "/feeds/postal.xml"


def database_url(count: int) -> str:
    url = POSTGRES_URL.format(count=count)
    try:
        _postgres_database_ensure(url)
    except Exception as exc:  # noqa: BLE001 - any failure to reach PostgreSQL means the SQLite fallback
        print(f"PostgreSQL not reachable ({exc.__class__.__name__}); falling back to SQLite")
        return SQLITE_URL.format(count=count)
    return url


def listings_prepare(count: int) -> int:
    """Seed ``count`` products and make every one listable: opted-in producer, a photo, badges written."""
    from django.db import transaction
    from oscar.core.loading import get_model

    from catalog.models import Product
    from marketplace.producers.models import Producer

    ProductImage = get_model("catalogue", "ProductImage")
    catalogue_seed(count=count)
    certificates_attach()
    with transaction.atomic():
        Producer.objects.filter(postal_channel_opt_in=False).update(postal_channel_opt_in=True)
        without = Product.objects.filter(images__isnull=True).values_list("pk", flat=True)
        ProductImage.objects.bulk_create(
            [ProductImage(product_id=pk, original=f"images/products/bench/{pk}.jpg", display_order=0)
             for pk in without.iterator(chunk_size=5000)], batch_size=5000)
    statistics_refresh()
    from marketplace.channels.selectors import listed_products

    return listed_products().count()


def measure() -> dict:
    """Serve the feed once in this process and report its timing and this process's peak memory."""
    from django.test import Client

    client = Client()
    started = time.perf_counter()
    response = client.get(FEED_PATH)
    if response.status_code != 200:
        raise SystemExit(f"{FEED_PATH} answered {response.status_code}")
    first_byte = None
    size = items = 0
    for chunk in response.streaming_content:
        if first_byte is None and chunk:
            first_byte = time.perf_counter() - started
        size += len(chunk)
        items += chunk.count(b"<item>")
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"first_byte_s": round(first_byte or total, 3), "total_s": round(total, 2), "bytes": size,
            "items": items, "peak_rss_mb": round(peak_mb, 1)}


def _measure_in_fresh_process(url: str) -> dict:
    env = {**os.environ, "BENCH_DATABASE_URL": url}
    completed = subprocess.run(  # noqa: S603 - our own module, with our own interpreter
        [sys.executable, "-m", "tests.perf.bench_feed", "--measure"], env=env, check=True,
        capture_output=True, text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _shown(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.hostname or "")) if parts.password else url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true", help="internal: serve the feed once and print JSON")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--output", default=str(RESULTS_DIR / "feed.json"))
    args = parser.parse_args(argv)

    if args.measure:
        django_setup(os.environ["BENCH_DATABASE_URL"])
        print(json.dumps(measure()))
        return 0

    results = []
    for count in args.sizes:
        url = database_url(count)
        prepared = time.monotonic()
        subprocess.run(  # noqa: S603 - seeding in its own process: this one keeps no Django state
            [sys.executable, "-c", f"from tests.perf.bench_feed import _prepare_main; _prepare_main({count!r}, {url!r})"],
            check=True,
        )
        measured = _measure_in_fresh_process(url)
        results.append({"products": count, "database": _shown(url),
                        "prepare_s": round(time.monotonic() - prepared, 1), **measured})
        print(f"{count:>7} products: {measured['items']} items, {measured['bytes'] / 1e6:.1f} MB, first byte "
              f"{measured['first_byte_s']:.3f} s, total {measured['total_s']:.1f} s, "
              f"peak memory {measured['peak_rss_mb']:.0f} MB")

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as out:
        json.dump({"feed": FEED_PATH, "results": results}, out, indent=2)
    print(f"written to {args.output}")

    failures = [f"{r['products']} products: first byte {r['first_byte_s']} s > {FIRST_BYTE_SECONDS} s"
                for r in results if r["first_byte_s"] > FIRST_BYTE_SECONDS]
    failures += [f"{r['products']} products: {r['items']} items for {r['products']} products"
                 for r in results if r["items"] == 0]
    if len(results) > 1:
        growth = results[-1]["peak_rss_mb"] - results[0]["peak_rss_mb"]
        print(f"peak memory grew {growth:.1f} MB from {results[0]['products']} to {results[-1]['products']} products "
              f"(limit {FLAT_MEMORY_MB} MB)")
        if growth > FLAT_MEMORY_MB:
            failures.append(f"memory grew {growth:.1f} MB > {FLAT_MEMORY_MB} MB")
    if failures:
        print("FAILED: " + "; ".join(failures))
        return 1
    return 0


def _prepare_main(count: int, url: str) -> None:
    django_setup(url)
    listed = listings_prepare(count)
    print(f"{count} products seeded; {listed} listed on the feed")


if __name__ == "__main__":
    sys.exit(main())
