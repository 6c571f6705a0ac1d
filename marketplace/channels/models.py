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


class ChannelListing(models.Model):
    """What the postal channel holds for one of our products, as its last answer told us.

    Written only by the push (``marketplace.channels.push``) and the reconciliation. ``key`` is the
    product's id as the outbox names it; the product may be gone (deleted), the listing on the channel
    not yet. Whether a change is still on its way, or was refused, is read from the outbox
    (``marketplace.channels.sync``): this row is only the channel's side.
    """

    key = models.CharField(_("khoá"), max_length=64, unique=True)
    listing_id = models.CharField(_("mã trên kênh"), max_length=50, unique=True)
    product = models.OneToOneField(
        "catalogue.Product", verbose_name=_("sản phẩm"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="channel_listing",
    )
    on_channel = models.BooleanField(_("đang đăng trên kênh"), default=False)
    content_hash = models.CharField(_("dấu nội dung"), max_length=64, blank=True)
    synced_at = models.DateTimeField(_("đồng bộ lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("tin đăng trên kênh bưu điện")
        verbose_name_plural = _("tin đăng trên kênh bưu điện")
        indexes = [models.Index(fields=["on_channel"], name="channellisting_on_channel_idx")]
        constraints = [
            # Only a listing on the channel has a content there.
            models.CheckConstraint(
                condition=models.Q(on_channel=True) | models.Q(content_hash=""), name="channellisting_hash_iff_on",
            ),
        ]

    def __str__(self):
        return self.listing_id
