from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "marketplace.cms"
    label = "cms"
    verbose_name = _("Trang tin và chương trình")

    def ready(self):
        from .trust import receivers

        receivers.connect()
