"""The StreamField block library shared by the CMS's page types (news now, programme pages later).

Every block renders with its own template in themes/templates/cms/blocks/ and is generic: nothing here
knows which page type uses it. ``BODY_BLOCKS`` is the usual body of a content page; ``PROGRAMME_BLOCKS``
adds the programme pages' figures (counted live from the catalogue), timelines and the certificate check.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from .choosers import product_chooser_viewset
from .figures import FigureSource, figure_count

PARAGRAPH_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]

# What the features above store (Wagtail's database format: links to pages and documents carry
# linktype and id instead of href). Anything else (script, style, iframe, on* handlers...) is removed.
_STORED_TAGS = {"p", "br", "h2", "h3", "b", "i", "a", "ol", "ul", "li"}
_STORED_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}

VIDEO_HOSTS = {
    "youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com",
    "vimeo.com", "www.vimeo.com", "player.vimeo.com",
}


def rich_text_sanitize(html: str) -> str:
    """Keep only the tags and attributes the paragraph's features produce; drop scripts and event handlers."""
    if not html:
        return ""
    return nh3.clean(
        html, tags=_STORED_TAGS, attributes=_STORED_ATTRIBUTES, url_schemes=_URL_SCHEMES, link_rel=None,
    )


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text sanitised both when stored and when read, so HTML that bypassed the editor cannot run."""

    def __init__(self, *args, features=None, **kwargs):
        super().__init__(*args, features=features or PARAGRAPH_FEATURES, **kwargs)

    def to_python(self, value):
        return RichText(rich_text_sanitize(value))

    def get_prep_value(self, value):
        return rich_text_sanitize(value.source if isinstance(value, RichText) else value)

    def normalize(self, value):
        source = value.source if isinstance(value, RichText) else value
        return RichText(rich_text_sanitize(source or ""))

    class Meta:
        icon = "pilcrow"
        label = _("Đoạn văn")
        template = "cms/blocks/paragraph.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    alt_text = blocks.CharBlock(
        label=_("Mô tả ảnh (cho người không nhìn thấy ảnh)"), max_length=250, required=False,
        help_text=_("Để trống thì dùng chú thích hoặc tên ảnh."),
    )
    caption = blocks.CharBlock(label=_("Chú thích"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "cms/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "cms/blocks/quote.html"


class ProductCardBlock(product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="marketplace.cms.blocks",
)):
    """A product of the shop, rendered as the shop's product card with today's price, star and stock.

    Renders nothing once the product is no longer public (or deleted).
    """

    def get_context(self, value, parent_context=None):
        from catalog.selectors import product_card_queryset

        context = super().get_context(value, parent_context=parent_context)
        context["product"] = product_card_queryset().filter(pk=value.pk).first() if value is not None else None
        return context

    class Meta:
        icon = "tag"
        label = _("Thẻ sản phẩm")
        template = "cms/blocks/product_card.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề bộ ảnh"), max_length=200, required=False)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("Ảnh"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Bộ ảnh")
        template = "cms/blocks/gallery.html"


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(
        label=_("Tên hiển thị"), max_length=200, required=False, help_text=_("Để trống thì dùng tên tài liệu."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu tải về")
        template = "cms/blocks/document.html"


def video_url_validate(value: str) -> None:
    """Accept only YouTube and Vimeo addresses: the page links to the video, it embeds nothing."""
    host = (urlsplit(value).hostname or "").lower()
    if host not in VIDEO_HOSTS:
        raise ValidationError(_("Chỉ nhận đường dẫn video YouTube hoặc Vimeo."), code="video_host")


class VideoLinkBlock(blocks.StructBlock):
    """A link to a video on YouTube or Vimeo, shown as a card (no embed: no third-party request from the page)."""

    url = blocks.URLBlock(label=_("Đường dẫn video"), validators=[video_url_validate])
    title = blocks.CharBlock(label=_("Tiêu đề video"), max_length=200)
    description = blocks.TextBlock(label=_("Mô tả ngắn"), required=False)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        host = (urlsplit(value["url"]).hostname or "").lower()
        context["provider"] = "Vimeo" if "vimeo" in host else "YouTube"
        return context

    class Meta:
        icon = "media"
        label = _("Liên kết video")
        template = "cms/blocks/video_link.html"


BODY_BLOCKS = [
    ("paragraph", SafeRichTextBlock()),
    ("image", CaptionedImageBlock()),
    ("quote", QuoteBlock()),
    ("product", ProductCardBlock()),
    ("gallery", GalleryBlock()),
    ("document", DocumentDownloadBlock()),
    ("video", VideoLinkBlock()),
]


class FigureBlock(blocks.StructBlock):
    """A big number with its label ("128 | sản phẩm OCOP 3 sao trở lên").

    With a source, the number is counted live from the catalogue each time the page is shown (see
    ``marketplace.cms.figures``) and no number may be typed; without one, the editor types it.
    """

    source = blocks.ChoiceBlock(
        label=_("Lấy số liệu từ"), choices=[("", _("Tự nhập số liệu")), *FigureSource.CHOICES], required=False,
        help_text=_("Chọn một nguồn để con số luôn khớp với gian hàng; để trống thì nhập số ở ô dưới."),
    )
    number = blocks.CharBlock(
        label=_("Con số"), max_length=30, required=False,
        help_text=_("Chỉ nhập khi không chọn nguồn số liệu, ví dụ 660 hoặc 3,5%."),
    )
    label = blocks.CharBlock(label=_("Nhãn"), max_length=120)
    note = blocks.CharBlock(label=_("Ghi chú"), max_length=250, required=False)

    def clean(self, value):
        value = super().clean(value)
        if value.get("source") and value.get("number"):
            raise StructBlockValidationError(block_errors={"number": ValidationError(
                _("Đã chọn nguồn số liệu thì để trống ô con số: số được đếm tự động."), code="figure_number_typed",
            )})
        if not value.get("source") and not value.get("number"):
            raise StructBlockValidationError(block_errors={"number": ValidationError(
                _("Nhập con số, hoặc chọn một nguồn số liệu."), code="figure_number_missing",
            )})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        number = value.get("number")
        if value.get("source"):
            count = figure_count(source=value["source"])
            number = number_format(count, force_grouping=True) if count is not None else ""
        context["number"] = number
        return context

    class Meta:
        icon = "order"
        label = _("Con số nổi bật")
        template = "cms/blocks/figure.html"


class TimelineStepBlock(blocks.StructBlock):
    when = blocks.CharBlock(
        label=_("Thời điểm"), max_length=100, required=False,
        help_text=_("Ngày hoặc khoảng thời gian, ví dụ 20/11/2026 hoặc Trong 15 ngày làm việc."),
    )
    title = blocks.CharBlock(label=_("Tiêu đề bước"), max_length=200)
    text = blocks.TextBlock(label=_("Nội dung"), required=False)

    class Meta:
        icon = "date"
        label = _("Bước")


class TimelineBlock(blocks.StructBlock):
    """Dated steps in the editor's order (a process, the history of a programme)."""

    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=200, required=False)
    steps = blocks.ListBlock(TimelineStepBlock(), label=_("Các bước"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Dòng thời gian")
        template = "cms/blocks/timeline.html"


class CertificateCheckBlock(blocks.StructBlock):
    """The public certificate check (/ocop/verify/): a box where a reader types the code from the package."""

    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=200, required=False,
                             help_text=_("Để trống thì dùng: Tra cứu giấy chứng nhận OCOP."))
    text = blocks.TextBlock(label=_("Lời dẫn"), required=False)

    class Meta:
        icon = "search"
        label = _("Ô tra cứu giấy chứng nhận")
        template = "cms/blocks/certificate_check.html"


PROGRAMME_BLOCKS = [
    *BODY_BLOCKS,
    ("figure", FigureBlock()),
    ("timeline", TimelineBlock()),
    ("certificate_check", CertificateCheckBlock()),
]


class CallToActionBlock(blocks.StructBlock):
    """A button of the home page's hero: to a page of the site, or to the shop or the certificate check.

    A chosen page that is no longer published renders no button (a reader would land on a missing page).
    """

    CATALOGUE = "catalogue"
    CERTIFICATE_CHECK = "certificate_check"
    DESTINATIONS = {CATALOGUE: "catalogue:index", CERTIFICATE_CHECK: "ocop_rating:verify_search"}

    label = blocks.CharBlock(label=_("Chữ trên nút"), max_length=60)
    destination = blocks.ChoiceBlock(
        label=_("Dẫn tới"), required=False,
        choices=[
            ("", _("Trang được chọn bên dưới")),
            (CATALOGUE, _("Gian hàng: tất cả sản phẩm")),
            (CERTIFICATE_CHECK, _("Tra cứu giấy chứng nhận OCOP")),
        ],
    )
    page = blocks.PageChooserBlock(label=_("Trang"), required=False)
    style = blocks.ChoiceBlock(
        label=_("Kiểu nút"), default="primary",
        choices=[("primary", _("Nút chính (nổi bật)")), ("secondary", _("Nút phụ"))],
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("destination") and value.get("page"):
            raise StructBlockValidationError(block_errors={"page": ValidationError(
                _("Đã chọn nơi dẫn tới thì để trống ô trang."), code="cta_two_targets",
            )})
        if not value.get("destination") and not value.get("page"):
            raise StructBlockValidationError(block_errors={"page": ValidationError(
                _("Chọn một trang, hoặc chọn nơi dẫn tới."), code="cta_no_target",
            )})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        url = ""
        if value.get("destination") in self.DESTINATIONS:
            url = reverse(self.DESTINATIONS[value["destination"]])
        elif (page := value.get("page")) is not None and page.live:
            request = (parent_context or {}).get("request")
            url = page.get_url(request) or ""
        context["url"] = url
        return context

    class Meta:
        icon = "link"
        label = _("Nút kêu gọi")
        template = "cms/blocks/call_to_action.html"


HOME_HERO_LINK_BLOCKS = [("link", CallToActionBlock())]
