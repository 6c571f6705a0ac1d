"""Oscar's report formatters: every dashboard report's CSV is written through the spreadsheet-safe writer."""

from oscar.apps.dashboard.reports import reports as oscar_reports

from marketplace.core.spreadsheets import SpreadsheetSafeUnicodeCSVWriter


class ReportCSVFormatter(oscar_reports.ReportCSVFormatter):
    def get_csv_writer(self, file_handle, **kwargs):
        return SpreadsheetSafeUnicodeCSVWriter(open_file=file_handle, **kwargs)
