from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "marketplace.outbox"
    label = "outbox"
    verbose_name = _("Hộp thư đi")

    def ready(self):
        # Each app registers its handlers in its own ``outbox_handlers`` module; import them all so
        # that the web process and every worker know the same topics.
        autodiscover_modules("outbox_handlers")
