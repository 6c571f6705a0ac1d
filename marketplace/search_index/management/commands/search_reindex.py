"""`manage.py search_reindex [--chunk-size N] [--resume]`: rebuild the product search index with a progress bar."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from marketplace.search_index.api import DEFAULT_CHUNK_SIZE, reindex


class Command(BaseCommand):
    help = "Rebuild the product search index from the catalogue, in chunks; --resume continues an interrupted run."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE,
                            help=f"Products per chunk (default {DEFAULT_CHUNK_SIZE}).")
        parser.add_argument("--resume", action="store_true",
                            help="Continue after the last chunk an interrupted run finished.")

    def handle(self, *args, chunk_size, resume, verbosity, **options):
        if chunk_size < 1:
            raise CommandError("--chunk-size must be at least 1")
        bar = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = tqdm(total=total, unit="product", file=self.stderr, disable=verbosity == 0)
            bar.update(done - bar.n)

        try:
            report = reindex(chunk_size=chunk_size, resume=resume, progress=progress)
        finally:
            if bar is not None:
                bar.close()
        start = f" after product {report.resumed_after}" if report.resumed_after else ""
        self.stdout.write(self.style.SUCCESS(
            f"Search index rebuilt{start}: {report.products} products read, {report.indexed} indexed, "
            f"{report.removed} removed."
        ))
