"""``manage.py postal_reconcile``: compare the postal channel's listings with ours and queue the repairs."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from marketplace.channels.push import ChannelError, push_enabled
from marketplace.channels.reconcile import listed_count, reconcile

SHOWN_IDS = 20


class Command(BaseCommand):
    help = (
        "Read every listing the postal channel holds, compare it with the products we list, correct our record "
        "of what the channel holds and queue (through the outbox) every missing, stale or extra listing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report the differences; change nothing.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar (e.g. under cron).")

    def handle(self, *args, dry_run=False, no_progress=False, **options):
        if not push_enabled():
            raise CommandError("POSTAL_CHANNEL_URL is not set: there is no channel to reconcile with.")
        with tqdm(total=listed_count(), unit=" listings", desc="Comparing", disable=no_progress,
                  file=self.stderr._out, dynamic_ncols=True) as bar:
            try:
                report = reconcile(dry_run=dry_run, progress=bar.update)
            except ChannelError as error:
                raise CommandError(f"The channel could not be read: {error.reason}") from error
        lines = [
            f"On the channel: {report.on_channel}; listed by us: {report.listed}; in step: {report.in_step}",
            f"Missing on the channel: {len(report.missing)}{_ids(report.missing)}",
            f"Stale on the channel: {len(report.stale)}{_ids(report.stale)}",
            f"On the channel but not listed by us: {len(report.extra)}{_ids(report.extra)}",
        ]
        if report.foreign:
            lines.append(f"Not our ids (left alone): {len(report.foreign)}{_ids(report.foreign)}")
        if dry_run:
            lines.append("Dry run: nothing changed.")
        else:
            lines.append(f"Records corrected: {report.records_fixed}; queued for the push: {report.queued}")
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("In step.") if not report.to_repair else
                          self.style.WARNING("Differences found" + ("." if dry_run else "; the push repairs them.")))


def _ids(values) -> str:
    if not values:
        return ""
    shown = ", ".join(f"SP-{v}" if isinstance(v, int) else str(v) for v in values[:SHOWN_IDS])
    more = f" … (+{len(values) - SHOWN_IDS})" if len(values) > SHOWN_IDS else ""
    return f" ({shown}{more})"
