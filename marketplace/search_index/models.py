"""The database backend's index: one row per listed product, and where a full reindex got to."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """A listed product as the database backend searches it; written only by ``backends.database``.

    Texts come three ways: as shown (facet labels), ``*_text`` (lower-case words with tones, padded with a
    space each side so that ``LIKE '% mắm %'`` matches whole words) and ``*_folded`` (the same without
    diacritics, đ→d). ``search_vector`` (weighted A–D over the folded texts) is filled on PostgreSQL only.
    """

    product = models.OneToOneField(
        "catalogue.Product", verbose_name=_("sản phẩm"), primary_key=True, on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("tên sản phẩm"), max_length=255)
    title_text = models.TextField(blank=True)
    title_folded = models.TextField(blank=True)
    set_name = models.CharField(_("bộ sản phẩm"), max_length=300, blank=True)
    set_folded = models.TextField(blank=True)
    group_name = models.CharField(_("ngành"), max_length=200, blank=True)
    producer_name = models.CharField(_("chủ thể"), max_length=255, blank=True)
    producer_folded = models.TextField(blank=True)
    province_name = models.CharField(_("tỉnh/thành"), max_length=100, blank=True)
    ward_name = models.CharField(_("xã/phường"), max_length=100, blank=True)
    place_folded = models.TextField(blank=True)
    description_folded = models.TextField(blank=True)
    # Every folded text in weight order: a word of the query must occur somewhere in it.
    all_folded = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, blank=True)

    badge_stars = models.PositiveSmallIntegerField(null=True, blank=True)
    badge_until = models.DateField(null=True, blank=True)
    group_id = models.PositiveIntegerField(null=True, blank=True)
    set_id = models.PositiveIntegerField(null=True, blank=True)
    province_code = models.PositiveIntegerField(null=True, blank=True)
    ward_code = models.PositiveIntegerField(null=True, blank=True)
    producer_id = models.PositiveIntegerField(null=True, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=0, null=True, blank=True)
    in_stock = models.BooleanField(default=False)
    date_created = models.DateTimeField()
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bản ghi tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        indexes = [
            models.Index(fields=["producer_id"], name="search_doc_producer_idx"),
            models.Index(fields=["set_id"], name="search_doc_set_idx"),
            models.Index(fields=["ward_code"], name="search_doc_ward_idx"),
            models.Index(fields=["price"], name="search_doc_price_idx"),
        ]

    def __str__(self):
        return self.title


class ReindexCheckpoint(models.Model):
    """How far the last full reindex of a backend got: ``--resume`` starts after ``last_product_id``."""

    backend = models.CharField(max_length=32, unique=True)
    last_product_id = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tiến độ lập lại chỉ mục")

    def __str__(self):
        return f"{self.backend}: {self.last_product_id}"
