from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OcopRatingConfig(AppConfig):
    name = "ocop_rating"
    verbose_name = _("Đánh giá, phân hạng sản phẩm OCOP")
