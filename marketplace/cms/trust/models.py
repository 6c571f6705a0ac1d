"""Site settings (operator, contacts, menus), the policy pages and the contact page with its stored messages."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from marketplace.core.phone import normalise_vietnamese_phone

from ..blocks import BODY_BLOCKS


def vietnamese_phone_validate(value: str) -> None:
    """A hotline is a Vietnamese mobile or fixed-line number (0237 3852 999, +84 912 345 678)."""
    if value:
        normalise_vietnamese_phone(value)


def https_link_validate(value: str) -> None:
    """A social profile opens outside the site: only an https:// address is accepted."""
    if value and not value.lower().startswith("https://"):
        raise ValidationError(_("Đường dẫn phải là địa chỉ an toàn bắt đầu bằng https://."), code="link_not_https")


def menu_url_validate(value: str) -> None:
    """A menu link is a path on this site (/shop/catalogue/) or an http(s) address: nothing else (no javascript:)."""
    lowered = value.lower()
    if value and not (
        (value.startswith("/") and not value.startswith("//"))
        or lowered.startswith("https://")
        or lowered.startswith("http://")
    ):
        raise ValidationError(
            _("Nhập đường dẫn trong trang bắt đầu bằng / (ví dụ /shop/catalogue/) hoặc địa chỉ bắt đầu bằng https://."),
            code="menu_url",
        )


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Who runs the site and how to reach them, shown in the footer and the policy pages; the header and footer menus.

    The e-mail address also receives the contact form's messages.
    """

    operator_name = models.CharField(
        _("đơn vị vận hành"), max_length=200, blank=True,
        help_text=_("Tên cơ quan, tổ chức chịu trách nhiệm về trang, hiển thị ở chân trang."),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    hotline = models.CharField(
        _("đường dây nóng"), max_length=20, blank=True, validators=[vietnamese_phone_validate],
        help_text=_("Số điện thoại di động hoặc cố định Việt Nam, ví dụ 0237 3852 999."),
    )
    email = models.EmailField(
        _("thư điện tử"), blank=True, help_text=_("Hiển thị ở chân trang và nhận thông báo tin nhắn liên hệ mới."),
    )
    registration = models.TextField(
        _("thông tin đăng ký"), max_length=500, blank=True,
        help_text=_("Quyết định thành lập, giấy chứng nhận đăng ký, mã số thuế… hiển thị ở chân trang."),
    )
    working_hours = models.CharField(
        _("giờ làm việc"), max_length=200, blank=True,
        help_text=_("Ví dụ: Thứ Hai – Thứ Sáu, 7:30 – 11:30 và 13:30 – 17:00"),
    )
    facebook_url = models.URLField(_("trang Facebook"), blank=True, validators=[https_link_validate])
    zalo_url = models.URLField(_("Zalo OA"), blank=True, validators=[https_link_validate])
    youtube_url = models.URLField(_("kênh YouTube"), blank=True, validators=[https_link_validate])

    edit_handler = TabbedInterface([
        ObjectList([
            FieldPanel("operator_name"),
            FieldPanel("address"),
            MultiFieldPanel([FieldPanel("hotline"), FieldPanel("email"), FieldPanel("working_hours")],
                            heading=_("Liên hệ")),
            FieldPanel("registration"),
            MultiFieldPanel([FieldPanel("facebook_url"), FieldPanel("zalo_url"), FieldPanel("youtube_url")],
                            heading=_("Mạng xã hội")),
        ], heading=_("Đơn vị vận hành")),
        ObjectList([InlinePanel("main_menu_items", label=_("Mục menu chính"))], heading=_("Menu chính")),
        ObjectList([InlinePanel("footer_links", label=_("Liên kết chân trang"))], heading=_("Chân trang")),
    ])

    class Meta:
        verbose_name = _("thông tin trang và menu")
        verbose_name_plural = _("thông tin trang và menu")

    @property
    def hotline_tel(self) -> str:
        """The hotline as a tel: target (+842373852999), or "" when it is empty or not a number."""
        try:
            return normalise_vietnamese_phone(self.hotline) if self.hotline else ""
        except ValidationError:
            return ""

    def save(self, *args, **kwargs):
        from .selectors import site_chrome_forget

        super().save(*args, **kwargs)
        site_chrome_forget()


class MenuLink(Orderable):
    """A link of a menu: a page of the site (its title unless a label is given) or an address."""

    label = models.CharField(
        _("nhãn"), max_length=60, blank=True, help_text=_("Bỏ trống để dùng tiêu đề của trang đã chọn."),
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.CharField(
        _("đường dẫn"), max_length=300, blank=True, validators=[menu_url_validate],
        help_text=_("Chỉ khi không chọn trang: /shop/catalogue/ hoặc https://…"),
    )

    panels = [FieldPanel("label"), FieldPanel("link_page"), FieldPanel("link_url")]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        super().clean()
        if self.link_page_id and self.link_url:
            raise ValidationError({"link_url": _("Chọn một trang hoặc nhập đường dẫn, không chọn cả hai.")})
        if not self.link_page_id and not self.link_url:
            raise ValidationError({"link_page": _("Chọn một trang hoặc nhập đường dẫn.")})
        if self.link_url and not self.label:
            raise ValidationError({"label": _("Liên kết bằng đường dẫn cần có nhãn.")})


class MainMenuItem(MenuLink):
    """A link of the header, beside the product menu (Tin tức, Chương trình OCOP…)."""

    setting = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="main_menu_items")

    class Meta(MenuLink.Meta):
        verbose_name = _("mục menu chính")
        verbose_name_plural = _("mục menu chính")


class FooterLink(MenuLink):
    """A link of the footer; links with the same column title make one column, in the order of their first link."""

    setting = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    column = models.CharField(
        _("cột"), max_length=60,
        help_text=_("Tiêu đề cột chứa liên kết, ví dụ “Chính sách”. Các liên kết cùng tiêu đề nằm chung một cột."),
    )

    panels = [FieldPanel("column"), *MenuLink.panels]

    class Meta(MenuLink.Meta):
        verbose_name = _("liên kết chân trang")
        verbose_name_plural = _("liên kết chân trang")


class InfoPage(Page):
    """A page a shopper reads before trusting the shop: shipping, returns, payment, privacy, terms, about us.

    The date of the last change of substance is set by the editor (correcting a typo does not change a policy).
    """

    intro = models.TextField(_("tóm tắt"), max_length=400, blank=True)
    last_updated = models.DateField(_("cập nhật lần cuối"), default=timezone.localdate)
    body = StreamField(BODY_BLOCKS, verbose_name=_("nội dung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("last_updated"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang thông tin, chính sách")
        verbose_name_plural = _("trang thông tin, chính sách")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["canonical_url"] = request.build_absolute_uri(self.get_url(request) or "")
        return context


class ContactSubject(models.TextChoices):
    ORDER = "don-hang", _("Đơn hàng và giao hàng")
    RETURN = "doi-tra", _("Đổi trả, hoàn tiền")
    PRODUCT = "san-pham", _("Sản phẩm và chứng nhận OCOP")
    SELLING = "ban-hang", _("Đăng ký bán hàng trên chợ")
    PERSONAL_DATA = "du-lieu-ca-nhan", _("Dữ liệu cá nhân")
    OTHER = "khac", _("Góp ý, việc khác")


class ContactPage(Page):
    """The contact page: the operator's contacts and a form whose messages are stored and e-mailed to the staff."""

    intro = models.TextField(_("lời giới thiệu"), max_length=600, blank=True)
    thank_you = models.CharField(
        _("lời cảm ơn"), max_length=300,
        default=_("Cảm ơn bạn đã liên hệ. Chúng tôi sẽ trả lời trong giờ làm việc sớm nhất."),
        help_text=_("Hiển thị sau khi tin nhắn được gửi."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("thank_you")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang liên hệ")
        verbose_name_plural = _("trang liên hệ")

    def serve(self, request, *args, **kwargs):
        from .views import contact_page_serve

        return contact_page_serve(request, page=self)


class ContactMessage(models.Model):
    """A message sent through the contact page. Read in the CMS (Tin nhắn liên hệ) by staff, who mark it handled."""

    page = models.ForeignKey(
        ContactPage, verbose_name=_("trang liên hệ"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="messages",
    )
    name = models.CharField(_("họ và tên"), max_length=100)
    phone = models.CharField(_("số điện thoại"), max_length=16, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    subject = models.CharField(_("chủ đề"), max_length=20, choices=ContactSubject.choices)
    message = models.TextField(_("nội dung"), max_length=3000)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True, db_index=True)
    notified_at = models.DateTimeField(_("đã báo cho cán bộ lúc"), null=True, blank=True)
    handled = models.BooleanField(_("đã xử lý"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("tin nhắn liên hệ")
        verbose_name_plural = _("tin nhắn liên hệ")
        indexes = [models.Index(fields=["ip_address", "created_at"], name="cms_contact_ip_created")]
        constraints = [
            models.CheckConstraint(condition=~Q(phone="") | ~Q(email=""), name="cms_contact_phone_or_email"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.get_subject_display()}"

    @property
    def phone_display(self) -> str:
        """The phone as Vietnamese readers write it (0912 345 678)."""
        if not self.phone:
            return ""
        return phonenumbers.format_number(phonenumbers.parse(self.phone, "VN"), phonenumbers.PhoneNumberFormat.NATIONAL)
