"""Wagtail pages. The home page introduces the programme and leads into the shop; the news lives at /tin-tuc/,
the producer stories at /chuyen-nguoi-lam-ocop/, the events at /su-kien/; programme pages go under the home page."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BODY_BLOCKS, HOME_HERO_LINK_BLOCKS, PROGRAMME_BLOCKS


class HomePage(Page):
    """The home page (/): the hero, the editors' featured products and producers, the programme's figures
    counted live, the latest news and the product groups. Only one, right under the root."""

    hero_title = models.CharField(
        _("tiêu đề lớn"), max_length=120, blank=True, help_text=_("Để trống thì dùng tiêu đề trang."),
    )
    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh đầu trang"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Ảnh ngang, rộng ít nhất 1440 điểm ảnh; đặt điểm lấy nét để ảnh được cắt đúng chỗ trên điện thoại."),
    )
    hero_links = StreamField(
        HOME_HERO_LINK_BLOCKS, verbose_name=_("nút kêu gọi"), blank=True, max_num=3,
        help_text=_("Tối đa 3 nút, ví dụ: Mua sản phẩm OCOP, Tra cứu giấy chứng nhận."),
    )
    body = RichTextField(_("nội dung"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("intro"), FieldPanel("hero_image"), FieldPanel("hero_links")],
            heading=_("Đầu trang"),
        ),
        InlinePanel(
            "featured_product_links", label=_("Sản phẩm tiêu biểu"), max_num=8,
            help_text=_("Để trống thì trang chủ tự chọn các sản phẩm sao cao nhất. "
                        "Sản phẩm thôi bán sẽ tự ẩn khỏi trang chủ."),
        ),
        InlinePanel("featured_producer_links", label=_("Chủ thể tiêu biểu"), max_num=8),
        FieldPanel("body"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from .figures import programme_figures
        from .home_selectors import home_featured_producers, home_featured_products, home_hero_image
        from .selectors import news_latest

        context = super().get_context(request, *args, **kwargs)
        news_index = NewsIndexPage.objects.child_of(self).live().public().first()
        context.update(
            hero_image=home_hero_image(home=self),
            featured_products=home_featured_products(home=self, limit=8),
            featured_producers=home_featured_producers(home=self),
            figures=programme_figures(),
            news_index=news_index,
            latest_news=news_latest(index=news_index, limit=4) if news_index is not None else [],
        )
        return context


class HomePageFeaturedProduct(Orderable):
    """A product the editors feature on the home page, in their order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_product_links")
    product = models.ForeignKey("catalogue.Product", verbose_name=_("sản phẩm"), on_delete=models.CASCADE,
                                related_name="+")

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        verbose_name = _("sản phẩm tiêu biểu")
        verbose_name_plural = _("sản phẩm tiêu biểu")


class HomePageFeaturedProducer(Orderable):
    """A producer the editors feature on the home page, in their order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_producer_links")
    producer = models.ForeignKey("producers.Producer", verbose_name=_("chủ thể OCOP"), on_delete=models.CASCADE,
                                 related_name="+")

    panels = [FieldPanel("producer")]

    class Meta(Orderable.Meta):
        verbose_name = _("chủ thể tiêu biểu")
        verbose_name_plural = _("chủ thể tiêu biểu")


def _absolute_url(request, page: Page, query: dict | None = None) -> str:
    """The page's absolute URL on the host the reader asked for (the canonical link), with an optional query."""
    url = page.get_url(request)
    if url is None:
        return ""
    return request.build_absolute_uri(url + (f"?{urlencode(query)}" if query else ""))


class NewsCategory(models.Model):
    """A section of the news (Tin OCOP, Hội chợ – triển lãm...): an editable snippet."""

    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")

    def __str__(self) -> str:
        return self.name


class NewsIndexPage(RoutablePageMixin, Page):
    """The news (/tin-tuc/): articles newest first, 12 a page, filtered by ?category= and ?tag=; RSS at rss/."""

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsArticlePage"]

    class Meta:
        verbose_name = _("trang tin tức")

    def get_context(self, request, *args, **kwargs):
        from .selectors import news_article_page, news_filter_from_query

        context = super().get_context(request, *args, **kwargs)
        news_filter = news_filter_from_query(query=request.GET)
        page = news_article_page(index=self, news_filter=news_filter, number=request.GET.get("page", 1))
        query = request.GET.copy()
        query.pop("page", None)
        canonical_query = {}
        if news_filter.category:
            canonical_query["category"] = news_filter.category.slug
        if news_filter.tag:
            canonical_query["tag"] = news_filter.tag.slug
        if page.number > 1:
            canonical_query["page"] = page.number
        context.update(
            canonical_url=_absolute_url(request, self, canonical_query),
            news_filter=news_filter,
            paginator=page.paginator,
            page_obj=page,
            articles=page.object_list,
            querystring=query.urlencode(),
            categories=NewsCategory.objects.all(),
            feed_url=self.url + self.reverse_subpage("feed"),
        )
        return context

    @path("rss/", name="feed")
    def feed(self, request):
        from .feeds import NewsFeed

        return NewsFeed(index=self)(request)


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsArticlePage(Page):
    """A news article: hero image, author, date, summary and a body of the shared blocks."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh đại diện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    author_name = models.CharField(_("tác giả"), max_length=150, blank=True)
    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    summary = models.TextField(_("tóm tắt"), max_length=400, blank=True)
    body = StreamField(BODY_BLOCKS, verbose_name=_("nội dung"), blank=True)
    categories = ParentalManyToManyField(NewsCategory, verbose_name=_("chuyên mục"), blank=True,
                                         related_name="articles")
    tags = ClusterTaggableManager(verbose_name=_("từ khóa"), through=NewsArticleTag, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author_name")], heading=_("Thông tin bài")),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        InlinePanel("related_products", label=_("Sản phẩm liên quan")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("bài tin")
        verbose_name_plural = _("bài tin")

    def get_context(self, request, *args, **kwargs):
        from .selectors import news_related_articles, news_related_products

        context = super().get_context(request, *args, **kwargs)
        news_index = self.get_parent().specific
        context.update(
            related_articles=news_related_articles(article=self, index=news_index, limit=3),
            related_products=news_related_products(article=self),
            index_url=news_index.get_url(request),
            canonical_url=_absolute_url(request, self),
            feed_url=news_index.url + news_index.reverse_subpage("feed"),
        )
        return context


class NewsArticleProduct(Orderable):
    """A product the editor lists under an article ("Sản phẩm liên quan")."""

    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="related_products")
    product = models.ForeignKey("catalogue.Product", verbose_name=_("sản phẩm"), on_delete=models.CASCADE,
                                related_name="+")

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        verbose_name = _("sản phẩm liên quan")
        verbose_name_plural = _("sản phẩm liên quan")


def https_url_validate(value: str) -> None:
    """A map link opens outside the site: only an https:// address is accepted."""
    if not value.lower().startswith("https://"):
        raise ValidationError(
            _("Đường dẫn bản đồ phải là địa chỉ an toàn bắt đầu bằng https://, ví dụ https://maps.google.com/…"),
            code="map_url_not_https",
        )


class ProgrammePage(Page):
    """A page of a programme (Nông thôn mới, OCOP) or one of its topics: the shared blocks plus figures,
    timelines and the certificate check. Goes under the home page or under another programme page."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh đại diện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    intro = models.TextField(_("lời giới thiệu"), max_length=600, blank=True)
    body = StreamField(PROGRAMME_BLOCKS, verbose_name=_("nội dung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("hero_image"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.ProgrammePage"]
    subpage_types = ["cms.ProgrammePage"]

    class Meta:
        verbose_name = _("trang chương trình")
        verbose_name_plural = _("trang chương trình")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            canonical_url=_absolute_url(request, self),
            subpages=self.get_children().live().public().specific(),
        )
        return context


class ProducerStoryIndexPage(Page):
    """The producer stories (/chuyen-nguoi-lam-ocop/), newest first."""

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProducerStoryPage"]

    class Meta:
        verbose_name = _("trang chuyện người làm OCOP")

    def get_context(self, request, *args, **kwargs):
        from .story_event_selectors import producer_stories

        context = super().get_context(request, *args, **kwargs)
        context.update(canonical_url=_absolute_url(request, self), stories=producer_stories(index=self))
        return context


class ProducerStoryPage(Page):
    """The story of one producer, with their public products at today's price and star."""

    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("chủ thể OCOP"), on_delete=models.PROTECT, related_name="+",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh đại diện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    summary = models.TextField(_("tóm tắt"), max_length=400, blank=True)
    body = StreamField(BODY_BLOCKS, verbose_name=_("nội dung"), blank=True)

    content_panels = [
        *Page.content_panels, FieldPanel("producer"), FieldPanel("summary"), FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.ProducerStoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("chuyện người làm OCOP")
        verbose_name_plural = _("chuyện người làm OCOP")

    def get_context(self, request, *args, **kwargs):
        from .story_event_selectors import producer_story_products

        context = super().get_context(request, *args, **kwargs)
        context.update(
            canonical_url=_absolute_url(request, self),
            products=producer_story_products(story=self),
            index_url=self.get_parent().get_url(request),
        )
        return context


class EventIndexPage(Page):
    """Trade fairs and other events (/su-kien/): the upcoming ones first (soonest first), then the past ones."""

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("trang sự kiện")

    def get_context(self, request, *args, **kwargs):
        from .story_event_selectors import events_split

        context = super().get_context(request, *args, **kwargs)
        upcoming, past = events_split(index=self, today=timezone.localdate())
        context.update(canonical_url=_absolute_url(request, self), upcoming=upcoming, past=past)
        return context


class EventPage(Page):
    """A trade fair or other event: dates, place, map link, the producers attending and a body."""

    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    place = models.CharField(_("địa điểm"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    map_url = models.URLField(
        _("đường dẫn bản đồ"), max_length=500, blank=True, validators=[https_url_validate],
        help_text=_("Địa chỉ https:// của địa điểm trên bản đồ (Google Maps, OpenStreetMap…)."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh đại diện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    summary = models.TextField(_("tóm tắt"), max_length=400, blank=True)
    producers = ParentalManyToManyField(
        "producers.Producer", verbose_name=_("chủ thể tham gia"), blank=True, related_name="+",
    )
    body = StreamField(BODY_BLOCKS, verbose_name=_("nội dung"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Thời gian")),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("address"), FieldPanel("map_url")], heading=_("Địa điểm")),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("producers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("place")]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc không được trước ngày bắt đầu.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            canonical_url=_absolute_url(request, self),
            producers=self.producers.order_by("name"),
            index_url=self.get_parent().get_url(request),
        )
        return context


# The trust pieces (site settings and menus, policy pages, contact page and messages) live in their own package.
from .trust.models import (  # noqa: E402, F401
    ContactMessage,
    ContactPage,
    FooterLink,
    InfoPage,
    MainMenuItem,
    SiteSettings,
)
