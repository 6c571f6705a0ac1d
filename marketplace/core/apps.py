from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "core"
    verbose_name = _("Nền tảng chung")

    def ready(self):
        from .images import image_fields_reencode_on_save
        from .spreadsheets import wagtail_exports_spreadsheet_safe

        image_fields_reencode_on_save()
        wagtail_exports_spreadsheet_safe()
