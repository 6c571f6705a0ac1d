"""The editors' choosers over the shop's products and producers (Wagtail modals, registered in wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet


class ProductChooserViewSet(ChooserViewSet):
    """Choose a public product of the catalogue; a product made private later simply stops rendering."""

    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Chọn sản phẩm")
    choose_another_text = _("Chọn sản phẩm khác")
    edit_item_text = _("Sửa sản phẩm")
    per_page = 20

    def get_object_list(self):
        from catalog.models import Product

        return Product.objects.browsable().select_related("producer").order_by("title")


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="ocop-products/chooser")


class ProducerChooserViewSet(ChooserViewSet):
    """Choose a producer (chủ thể OCOP) of the shop, for the home page's featured producers."""

    model = "producers.Producer"
    icon = "group"
    choose_one_text = _("Chọn chủ thể")
    choose_another_text = _("Chọn chủ thể khác")
    edit_item_text = _("Sửa chủ thể")
    per_page = 20

    def get_object_list(self):
        from marketplace.producers.models import Producer

        return Producer.objects.order_by("name", "pk")


producer_chooser_viewset = ProducerChooserViewSet("producer_chooser", url_prefix="ocop-producers/chooser")
