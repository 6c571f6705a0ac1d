"""Wagtail admin wiring: the product chooser of the product-card block, the news categories snippet and the
contact messages."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .choosers import product_chooser_viewset
from .models import NewsCategory
from .trust.admin_views import ContactMessagePermissionPolicy, contact_message_viewset
from .trust.models import ContactMessage


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


register_snippet(NewsCategory)


register_permission_policy(ContactMessage, ContactMessagePermissionPolicy(ContactMessage))


@hooks.register("register_admin_viewset")
def register_contact_messages():
    return contact_message_viewset
