"""The StreamField block library shared by the CMS's page types (news now, programme pages later).

Every block renders with its own template in themes/templates/cms/blocks/ and is generic: nothing here
knows which page type uses it. ``BODY_BLOCKS`` is the usual body of a content page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from .choosers import product_chooser_viewset

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
