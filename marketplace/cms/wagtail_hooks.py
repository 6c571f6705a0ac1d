"""Wagtail admin wiring: the product chooser (product-card block, home page), the producer chooser (home page), the
news categories snippet, the contact messages, and the scripts that do without inline script under the
Content-Security-Policy: chooser widgets (admin_widgets) and wagtail-localize's admin pages."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .choosers import producer_chooser_viewset, product_chooser_viewset
from .models import NewsCategory
from .trust.admin_views import ContactMessagePermissionPolicy, contact_message_viewset
from .trust.models import ContactMessage


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_producer_chooser():
    return producer_chooser_viewset


register_snippet(NewsCategory)


register_permission_policy(ContactMessage, ContactMessagePermissionPolicy(ContactMessage))


@hooks.register("register_admin_viewset")
def register_contact_messages():
    return contact_message_viewset


@hooks.register("insert_global_admin_js")
def wagtail_localize_admin_js():
    """The chooser URLs and "select all" box that wagtail-localize's templates set up in refused inline scripts."""
    return format_html(
        '<script src="{}" data-image-chooser="{}" data-document-chooser="{}" data-page-chooser="{}"></script>',
        static("js/wagtail-localize-admin.js"), reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"), reverse("wagtailadmin_choose_page"),
    )


@hooks.register("insert_global_admin_js")
def chooser_widgets_script():
    return format_html('<script src="{}"></script>', static("js/wagtail-admin-init.js"))
