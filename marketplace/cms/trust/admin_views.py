"""The staff's list of contact messages in the CMS (/cms/contact_messages/): read, filter, mark handled, delete."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import ContactMessage


class ContactMessagePermissionPolicy(ModelPermissionPolicy):
    """Messages come only from the contact form: nobody adds or copies one in the CMS."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy"}:
            return False
        return super().user_has_permission(user, action)


class ContactMessageViewSet(ModelViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Tin nhắn liên hệ")
    add_to_admin_menu = True
    menu_order = 250
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "name",
        Column("get_subject_display", label=_("Chủ đề")),
        Column("phone_display", label=_("Số điện thoại")),
        "email",
        "created_at",
        BooleanColumn("handled", label=_("Đã xử lý")),
    ]
    list_filter = ["handled", "subject", "created_at"]
    list_export = ["name", "phone", "email", "subject", "message", "created_at", "handled"]
    search_fields = ["name", "phone", "email", "message"]
    search_backend_name = None  # not in the search index: filter the table itself
    inspect_view_fields = ["name", "phone", "email", "subject", "message", "created_at", "notified_at",
                           "handled"]
    # Staff change only whether the message is handled; what the sender wrote stays as it was sent.
    panels = [
        MultiFieldPanel([
            FieldPanel("name", read_only=True),
            FieldPanel("phone", read_only=True),
            FieldPanel("email", read_only=True),
            FieldPanel("subject", read_only=True),
            FieldPanel("message", read_only=True),
            FieldPanel("created_at", read_only=True),
        ], heading=_("Tin nhắn")),
        FieldPanel("handled"),
    ]


contact_message_viewset = ContactMessageViewSet("contact_messages")
