from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "marketplace.cms"
    label = "cms"
    verbose_name = _("Trang tin và chương trình")

    def ready(self):
        from wagtail.signals import copy_for_translation_done

        from .admin_widgets import chooser_widgets_patch
        from .translations import page_translated_receiver
        from .trust import receivers

        receivers.connect()
        # A new language's tree takes the editorial groups' rights and workflow (marketplace.cms.translations).
        copy_for_translation_done.connect(page_translated_receiver, dispatch_uid="cms_translated_home_rights")
        chooser_widgets_patch()
