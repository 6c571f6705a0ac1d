"""Bulk import benchmark: one producer imports a 1,000-row CSV of new products, then re-imports it with every price changed.

Run `python -m tests.perf.bench_import` (the second step of `make bench`). Times what the portal does for
an upload and its confirmation, through the same functions: reading the file (tablib's CSV as the export
writes it is read back by marketplace.producers.portal.bulk.files), the preview (every row parsed,
validated and written, then rolled back) and the import (the same, committed). Prints seconds and rows/s
and writes var/bench/import.json. Every run uses a new producer and deletes its products afterwards.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
RESULTS_DIR = BASE_DIR / "var" / "bench"
DEFAULT_DATABASE_URL = f"sqlite:///{Path(os.environ.get('TMPDIR', '/tmp'))}/ocop_bench_import.sqlite3"
SETTINGS_MODULE = "tests.perf.settings"


def django_setup(database_url: str) -> None:
    (RESULTS_DIR / "static").mkdir(parents=True, exist_ok=True)
    os.environ["BENCH_DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def producer_make(run: str):
    """A new producer of Thanh Hóa with one user, for this run only."""
    from django.contrib.auth import get_user_model
    from oscar.core.loading import get_model

    from marketplace.core.divisions import THANH_HOA
    from marketplace.producers.models import Producer
    from marketplace.producers.portal.access import PortalAccess

    Partner = get_model("partner", "Partner")
    name = f"HTX nhập file {run}"
    partner = Partner.objects.create(name=name)
    producer = Producer.objects.create(partner=partner, name=name, slug=f"bench-import-{run}", legal_form="cooperative",
                                       province_code=THANH_HOA, ward_code=16378, phone="0237000000")
    user = get_user_model().objects.create(username=f"bench-import-{run}", email=f"bench-import-{run}@example.vn")
    return PortalAccess(producer=producer, user=user, assisted=False)


def rows_make(count: int) -> list[list]:
    """``count`` new products in the export's columns (no id, no stock seen)."""
    return [["", 1 + n % 25, f"Chè lam Phủ Quảng {n:05d}", "Chè lam gừng, gói 300 g.\n\nBảo quản nơi khô ráo.",
             40_000 + n, 10 + n % 90, 300, "", 60, 16378, "có", ""] for n in range(count)]


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def run(*, rows: int) -> dict:
    from django.db import connection

    from catalog.models import Product
    from marketplace.producers.portal.bulk import files, selectors, services

    access = producer_make(datetime.datetime.now().strftime("%Y%m%d%H%M%S%f"))
    content = files.csv_bytes(rows_make(rows))
    table, read = timed(lambda: files.table_read(name="san-pham.csv", content=content))
    preview, previewed = timed(lambda: services.products_import(access=access, table=table, dry_run=True))
    report, imported = timed(lambda: services.products_import(
        access=access, table=files.table_read(name="san-pham.csv", content=content), dry_run=False,
        stock_seen=preview.stock_seen))
    assert not preview.errors and not report.errors, (preview.errors[:3], report.errors[:3])
    assert len(report.created) == rows == Product.objects.filter(producer=access.producer).count()

    exported = selectors.producer_export_rows(producer=access.producer)
    for row in exported:
        row[4] += 1_000  # every price up by 1,000 đồng
    changed_content = files.csv_bytes(exported)
    changed, updated = timed(lambda: services.products_import(
        access=access, table=files.table_read(name="san-pham.csv", content=changed_content), dry_run=False))
    assert not changed.errors and len(changed.changed) == rows, changed.errors[:3]

    Product.objects.filter(producer=access.producer).delete()
    return {
        "rows": rows, "csv_bytes": len(content), "database": connection.vendor,
        "read_seconds": round(read, 3),
        "preview_seconds": round(previewed, 3),
        "import_seconds": round(imported, 3), "import_rows_per_second": round(rows / imported),
        "update_seconds": round(updated, 3), "update_rows_per_second": round(rows / updated),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_IMPORT_DATABASE_URL", DEFAULT_DATABASE_URL),
                        help="default: BENCH_IMPORT_DATABASE_URL, else a SQLite file in the temp directory")
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "import.json")
    args = parser.parse_args(argv)

    django_setup(args.database_url)
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
        **run(rows=args.rows),
    }
    print(f"bulk import of {results['rows']} rows ({results['database']}): "
          f"read {results['read_seconds']} s, preview {results['preview_seconds']} s, "
          f"import {results['import_seconds']} s ({results['import_rows_per_second']} rows/s), "
          f"price update {results['update_seconds']} s ({results['update_rows_per_second']} rows/s)")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
