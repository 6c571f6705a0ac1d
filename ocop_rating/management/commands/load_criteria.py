"""Load a criteria file (official sheets as JSON) as a criteria version; safe to run again."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ocop_rating.criteria.loader import CriteriaFileError, criteria_version_load
from ocop_rating.models import CriteriaVersion


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--effective-from must be YYYY-MM-DD, got {value!r}") from exc


class Command(BaseCommand):
    help = "Load a criteria file (sets → parts → criteria → options) as a criteria version, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("--file", required=True, type=Path, help="path of the JSON criteria file")
        parser.add_argument("--code", required=True, help='version code, e.g. "QD26-2026"')
        parser.add_argument("--name", required=True, help="human-readable name of the version")
        parser.add_argument("--effective-from", required=True, type=_date, help="YYYY-MM-DD")
        parser.add_argument("--legal-basis", default="", help="legal instrument the sheets come from")

    def handle(self, *args, file: Path, code: str, name: str, effective_from, legal_basis: str, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        existed = CriteriaVersion.objects.filter(code=code).exists()
        try:
            version = criteria_version_load(
                code=code, name=name, data=data, effective_from=effective_from, legal_basis=legal_basis,
            )
        except CriteriaFileError as exc:
            raise CommandError(exc.message) from exc
        sheets = version.sheets.count()
        if existed:
            # name, legal basis and date of an existing version are left as they are
            self.stdout.write(f"{version.code}: already loaded with the same {sheets} sheets; nothing changed")
        else:
            self.stdout.write(self.style.SUCCESS(f"{version.code}: {sheets} sheets loaded"))
