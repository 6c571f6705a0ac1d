"""The demo's programme pages, producer stories and events, published under the home page and its indexes.

Idempotent like the news: pages are found by slug under their parent, images by title. A page that exists is
left alone (an editor may have changed it since).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils.html import format_html
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from catalog.models import Product
from marketplace.cms.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    ProducerStoryIndexPage,
    ProducerStoryPage,
    ProgrammePage,
)
from marketplace.demo import programme_data as data
from marketplace.demo.catalogue import LoadSummary
from marketplace.demo.images import news_image_render
from marketplace.producers.models import Producer

IMAGE_TITLE_PREFIX = "Trang demo"


def _image_load(*, slug: str, title: str, caption: str, set_number: int, written: list, summary: LoadSummary):
    """The drawn hero image of a page, drawn once; redrawn if its file went missing."""
    Image = get_image_model()
    image_title = f"{IMAGE_TITLE_PREFIX}: {slug}"
    image = Image.objects.filter(title=image_title).first()
    if image is not None and image.file and image.file.storage.exists(image.file.name):
        return image
    created = image is None
    if created:
        image = Image(title=image_title)
    content = ContentFile(news_image_render(title=title, caption=caption, set_number=set_number))
    image.file.save(f"{slug}.jpg", content, save=False)
    written.append((image.file.storage, image.file.name))
    image.save()
    summary.record("page images", created=created, updated=not created)
    return image


def _body(spec_body) -> list:
    products = {product.upc: product for product in Product.objects.filter(
        upc__in=[block[1] for block in spec_body if block[0] == "product"])}
    body: list = []
    for kind, *args in spec_body:
        if kind == "p":
            body.append(("paragraph", RichText(format_html("<p>{}</p>", args[0]))))
        elif kind == "h2":
            body.append(("paragraph", RichText(format_html("<h2>{}</h2>", args[0]))))
        elif kind == "quote":
            body.append(("quote", {"quote": args[0], "attribution": args[1]}))
        elif kind == "product":
            body.append(("product", products[args[0]]))
        elif kind == "figure":
            body.append(("figure", {"source": args[0], "number": "", "label": args[1], "note": args[2]}))
        elif kind == "figure_typed":
            body.append(("figure", {"source": "", "number": args[0], "label": args[1], "note": args[2]}))
        elif kind == "timeline":
            steps = [{"when": when, "title": title, "text": text} for when, title, text in args[1]]
            body.append(("timeline", {"title": args[0], "steps": steps}))
        elif kind == "verify":
            body.append(("certificate_check", {"title": args[0], "text": args[1]}))
    return body


def _publish(*, parent: Page, page: Page, summary: LoadSummary, kind: str) -> None:
    parent.add_child(instance=page)
    page.save_revision().publish()
    summary.record(kind, created=True, updated=False)


def programme_demo_load(*, summary: LoadSummary, written: list, with_images: bool = True) -> None:
    """Publish the demo's programme pages, producer stories and events."""
    home = HomePage.objects.filter(locale__language_code="vi").first()
    if home is None:
        summary.warnings.append("No home page: the demo programme pages, stories and events were not loaded.")
        return

    def hero(slug, title, caption, set_number):
        if not with_images:
            return None
        return _image_load(slug=slug, title=title, caption=caption, set_number=set_number, written=written,
                           summary=summary)

    programmes: dict[str, ProgrammePage] = {}
    for spec in data.PROGRAMMES:
        parent = programmes[spec.parent] if spec.parent else home
        image = hero(spec.slug, spec.title, "OCOP Thanh Hóa", spec.set_number)
        page = ProgrammePage.objects.child_of(parent).filter(slug=spec.slug).first()
        if page is None:
            page = ProgrammePage(title=spec.title, slug=spec.slug, intro=spec.intro, search_description=spec.intro,
                                 hero_image=image, body=_body(spec.body), show_in_menus=not spec.parent)
            _publish(parent=parent, page=page, summary=summary, kind="programme pages")
        programmes[spec.slug] = page

    producers = {producer.slug: producer for producer in Producer.objects.all()}

    story_index = ProducerStoryIndexPage.objects.first()
    if story_index is None:
        summary.warnings.append("No producer story index (/chuyen-nguoi-lam-ocop/): the demo stories were not loaded.")
    else:
        existing = set(ProducerStoryPage.objects.child_of(story_index).values_list("slug", flat=True))
        for spec in data.STORIES:
            image = hero(spec.slug, spec.title, producers[spec.producer].name, spec.set_number)
            if spec.slug in existing:
                continue
            page = ProducerStoryPage(title=spec.title, slug=spec.slug, producer=producers[spec.producer],
                                     summary=spec.summary, search_description=spec.summary, hero_image=image,
                                     body=_body(spec.body))
            _publish(parent=story_index, page=page, summary=summary, kind="producer stories")

    event_index = EventIndexPage.objects.first()
    if event_index is None:
        summary.warnings.append("No event index (/su-kien/): the demo events were not loaded.")
        return
    existing = set(EventPage.objects.child_of(event_index).values_list("slug", flat=True))
    for spec in data.EVENTS:
        image = hero(spec.slug, spec.title, spec.start_date.strftime("%d/%m/%Y"), spec.set_number)
        if spec.slug in existing:
            continue
        page = EventPage(title=spec.title, slug=spec.slug, start_date=spec.start_date, end_date=spec.end_date,
                         place=spec.place, address=spec.address, map_url=spec.map_url, summary=spec.summary,
                         search_description=spec.summary, hero_image=image, body=_body(spec.body))
        page.producers = [producers[slug] for slug in spec.producers]
        _publish(parent=event_index, page=page, summary=summary, kind="events")
