"""The postal channel's own data: the channel category each OCOP product set is listed under."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelCategory(models.Model):
    """The channel's product category (Google product taxonomy path) for one of the 26 OCOP product sets.

    Sent as ``google_product_category`` in the pull feeds; staff edit it in the Django admin.
    """

    product_set = models.OneToOneField(
        "catalogue.ProductSet", verbose_name=_("bộ sản phẩm OCOP"), on_delete=models.CASCADE,
        related_name="channel_category",
    )
    name = models.CharField(
        _("danh mục trên kênh"), max_length=255,
        help_text=_("Đường dẫn danh mục theo phân loại sản phẩm của Google, các cấp cách nhau bằng “ > ”."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["product_set__number"]
        verbose_name = _("danh mục trên kênh bưu điện")
        verbose_name_plural = _("danh mục trên kênh bưu điện")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="channelcategory_name_not_empty"),
        ]

    def __str__(self):
        return f"{self.product_set_id}: {self.name}"
