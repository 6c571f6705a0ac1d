"""Search relevance benchmark: Vietnamese queries over the demo catalogue, each with the products expected in the top 3.

Run `python -m tests.perf.bench_search_relevance` (a step of `make bench`; `--sqlite` to measure the SQLite
ranking). It uses a database of its own (or BENCH_SEARCH_DATABASE_URL: PostgreSQL `ocop_bench_search`, created if missing, else a SQLite
file), loads the demo catalogue into it once (`load_demo_data --no-images`, which also rebuilds the search
index), then asks the configured backend (``PRODUCT_SEARCH_BACKEND``) every query and prints, per query, the
top 3 and whether an expected product is among them; the score is the share of queries that hit, with the
mean reciprocal rank of the first expected product. On PostgreSQL every query must hit: the bench exits 1
otherwise. Results go to var/bench/search_relevance.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from tests.perf.bench import RESULTS_DIR, _postgres_database_ensure

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/ocop_bench_search"
SQLITE_URL = "sqlite:////tmp/ocop_bench_search.sqlite3"
TOP = 3

NUOC_MAM = ("Nước mắm cá cơm", "Nước mắm cá trích", "Nước mắm tỏi ớt")
MAT_ONG = ("Mật ong hoa rừng Bá Thước",)
NEM_CHUA = ("Nem chua Hạc Thành", "Nem chua lá ổi", "Nem chua rán")
CHIEU_COI = ("Chiếu cói in hoa Nga Sơn", "Chiếu cói dệt trơn")
BANH_GAI = ("Bánh gai nhân",)
BIEN_XANH = NUOC_MAM

# (query, what kind of query it is, titles one of which must be in the top 3: each a title's beginning)
QUERIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("nước mắm", "set words", NUOC_MAM),
    ("nuoc mam", "no diacritics", NUOC_MAM),
    ("nuoc mam ca com", "no diacritics", ("Nước mắm cá cơm",)),
    ("nước mắm sầm sơn", "commune", ("Nước mắm cá cơm", "Nước mắm cá trích", "Nước mắm tỏi ớt")),
    ("mật ong", "title", MAT_ONG),
    ("mat ong", "no diacritics", MAT_ONG),
    ("mat ong rung", "no diacritics", MAT_ONG),
    ("mật ong bá thước", "commune", MAT_ONG),
    ("nem chua", "title", NEM_CHUA),
    ("nem chua thanh hoa", "province", NEM_CHUA),
    ("nem chua la oi", "no diacritics", ("Nem chua lá ổi",)),
    ("chieu coi nga son", "no diacritics", CHIEU_COI),
    ("chiếu cói", "title", CHIEU_COI),
    ("keo lac", "no diacritics", ("Kẹo lạc mật mía",)),
    ("kẹo lạc", "title", ("Kẹo lạc mật mía",)),
    ("banh gai", "no diacritics", BANH_GAI),
    ("bánh gai thọ xuân", "commune", BANH_GAI),
    ("banh rang bua", "no diacritics", ("Bánh răng bừa",)),
    ("che lam", "no diacritics", ("Chè lam gừng", "Chè lam lạc vừng")),
    ("mam tom", "no diacritics", ("Mắm tôm Hoằng Thanh",)),
    ("mắm cáy", "title", ("Mắm cáy Nga Thắng", "Mắm cáy chưng")),
    ("gio lua", "no diacritics", ("Giò lụa Hạc Thành",)),
    ("gao nep cai hoa vang", "no diacritics", ("Gạo nếp cái hoa vàng",)),
    ("gạo lứt", "title", ("Gạo lứt đỏ",)),
    ("mien gao", "no diacritics", ("Miến gạo Yên Định",)),
    ("ruou nep", "no diacritics", ("Rượu nếp cái hoa vàng", "Rượu nếp cẩm")),
    ("rượu nếp cẩm", "title", ("Rượu nếp cẩm hạ thổ",)),
    ("che xanh", "no diacritics", ("Chè xanh búp Xuân Du",)),
    ("tinh dau que", "no diacritics", ("Tinh dầu quế Thường Xuân",)),
    ("bot que", "no diacritics", ("Bột quế nguyên chất",)),
    ("buoi luan van", "no diacritics", ("Bưởi Luận Văn",)),
    ("cam van du", "no diacritics", ("Cam đường canh Vân Du", "Cam sấy dẻo")),
    ("ca gai leo", "no diacritics", ("Cà gai leo sấy khô", "Trà cà gai leo")),
    ("xa den", "no diacritics", ("Xạ đen khô",)),
    ("cha muc", "no diacritics", ("Chả mực Sầm Sơn",)),
    ("muc kho", "no diacritics", ("Mực khô Sầm Sơn",)),
    ("homestay pu luong", "no diacritics", ("Homestay nhà sàn Pù Luông",)),
    ("tho cam", "no diacritics", ("Khăn thổ cẩm",)),
    ("gio may", "no diacritics", ("Giỏ mây đựng hoa quả",)),
    ("đèn mây", "title", ("Đèn mây treo trần",)),
    ("Biển Xanh", "producer", BIEN_XANH),
    ("gio cha ba hien", "producer", ("Giò bò Hàm Rồng", "Nem thính gói lá chuối", "Giò xào tai lợn")),
    ("cô tư", "producer", ("Chả mực Sầm Sơn", "Mực khô Sầm Sơn", "Cá thu một nắng")),
    ("hoang thanh", "commune", ("Mắm tôm Hoằng Thanh", "Mắm tép chưng thịt", "Tôm he khô Hoằng Thanh")),
    ("thiệu hóa", "commune", ("Gạo nếp cái hoa vàng Thiệu Hóa", "Gạo tám thơm", "Gạo lứt đỏ", "Gạo Bắc thơm")),
    ("vinh loc", "commune", ("Chè lam gừng Vĩnh Lộc", "Chè lam lạc vừng", "Kẹo lạc mật mía")),
    ("nga thang", "commune", ("Mắm cáy Nga Thắng", "Mắm cáy chưng")),
    ("mắm", "tones", ("Mắm tôm", "Mắm tép", "Mắm cáy")),
    ("nuoc mamm", "typo", NUOC_MAM),
    ("mat ongg", "typo", MAT_ONG),
    ("nem chuaa", "typo", NEM_CHUA),
    ("chieu coj", "typo", CHIEU_COI),
    ("banh gaii", "typo", BANH_GAI),
)


def database_url(*, sqlite: bool) -> str:
    """BENCH_SEARCH_DATABASE_URL if set, else PostgreSQL ``ocop_bench_search`` when reachable, else a SQLite file."""
    if os.environ.get("BENCH_SEARCH_DATABASE_URL"):
        return os.environ["BENCH_SEARCH_DATABASE_URL"]
    if sqlite:
        return SQLITE_URL
    try:
        _postgres_database_ensure(POSTGRES_URL)
    except Exception as exc:  # noqa: BLE001 - any failure to reach PostgreSQL means the SQLite fallback
        print(f"PostgreSQL not reachable ({exc.__class__.__name__}); falling back to SQLite")
        return SQLITE_URL
    return POSTGRES_URL


def demo_catalogue_ensure() -> None:
    """Migrate and load the demo once; on later runs only rebuild the index (the ranking may have changed)."""
    from django.core.management import call_command

    from catalog.models import Product
    from marketplace.search_index.api import reindex

    call_command("migrate", interactive=False, verbosity=0)
    if not Product.objects.filter(upc="OCOP-TH-0001").exists():
        print("loading the demo catalogue (once)...")
        call_command("load_demo_data", "--no-images", stdout=open(os.devnull, "w"))  # noqa: SIM115
    reindex()


def evaluate() -> dict:
    from marketplace.search_index import api

    rows = []
    for query, kind, expected in QUERIES:
        started = time.perf_counter()
        result = api.search(query, per_page=10)
        elapsed_ms = (time.perf_counter() - started) * 1000
        titles = [hit.title for hit in result.hits]
        rank = next((i + 1 for i, title in enumerate(titles) if title.startswith(expected)), None)
        rows.append({"query": query, "kind": kind, "top": titles[:TOP], "rank": rank,
                     "hit": rank is not None and rank <= TOP, "ms": round(elapsed_ms, 1)})
    hits = sum(row["hit"] for row in rows)
    mrr = sum(1 / row["rank"] for row in rows if row["rank"]) / len(rows)
    return {"queries": len(rows), "hits": hits, "score": round(hits / len(rows), 3), "mrr": round(mrr, 3),
            "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", action="store_true", help="Measure on SQLite instead of PostgreSQL.")
    args = parser.parse_args(argv)

    url = database_url(sqlite=args.sqlite)
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.perf.settings"
    os.environ.setdefault("DEMO_DATA_ALLOWED", "True")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    demo_catalogue_ensure()
    report = evaluate()
    report.update(database=connection.vendor, backend=settings.PRODUCT_SEARCH_BACKEND)

    for row in report["rows"]:
        mark = "ok  " if row["hit"] else "MISS"
        print(f"{mark} {row['query']!r:28} {row['kind']:14} rank {row['rank'] or '-':>2}  {row['ms']:6.1f} ms  "
              f"{' | '.join(title[:32] for title in row['top'])}")
    print(f"\nsearch relevance ({report['backend']} backend on {report['database']}): "
          f"{report['hits']}/{report['queries']} queries with an expected product in the top {TOP} "
          f"(score {report['score']:.1%}, MRR {report['mrr']:.3f})")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "search_relevance.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    if report["database"] == "postgresql" and report["hits"] < report["queries"]:
        print("FAIL: on PostgreSQL every query must have an expected product in the top 3", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
