"""The demo's operator and menus (site settings), policy pages and contact page, published under the home page.

Idempotent like the news: pages are found by slug under the home page and left alone when they exist; the
operator is filled in only while its name is empty and a menu only while it has no link (an editor may have
changed them since).
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from marketplace.cms.models import (
    ContactPage,
    FooterLink,
    HomePage,
    InfoPage,
    MainMenuItem,
    SiteSettings,
)
from marketplace.cms.trust.selectors import site_chrome_forget
from marketplace.demo import trust_data as data
from marketplace.demo.catalogue import LoadSummary


def _body(spec_body) -> list:
    body: list = []
    for kind, content in spec_body:
        if kind == "h2":
            html = format_html("<h2>{}</h2>", content)
        elif kind == "ul":
            html = format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((item,) for item in content)))
        else:
            html = format_html("<p>{}</p>", content)
        body.append(("paragraph", RichText(html)))
    return body


def _publish(*, parent: Page, page: Page, summary: LoadSummary, kind: str) -> None:
    parent.add_child(instance=page)
    page.save_revision().publish()
    summary.record(kind, created=True, updated=False)


def _pages_load(*, home: HomePage, summary: LoadSummary) -> None:
    existing = set(home.get_children().values_list("slug", flat=True))
    for spec in data.INFO_PAGES:
        if spec.slug in existing:
            continue
        page = InfoPage(title=spec.title, slug=spec.slug, intro=spec.intro, search_description=spec.intro,
                        last_updated=data.LAST_UPDATED, body=_body(spec.body))
        _publish(parent=home, page=page, summary=summary, kind="policy pages")
    if data.CONTACT["slug"] not in existing and not ContactPage.objects.exists():
        page = ContactPage(title=data.CONTACT["title"], slug=data.CONTACT["slug"], intro=data.CONTACT["intro"],
                           search_description=data.CONTACT["intro"])
        _publish(parent=home, page=page, summary=summary, kind="contact page")


def _settings_load(*, home: HomePage, summary: LoadSummary) -> None:
    site = Site.objects.filter(root_page=home).first() or Site.objects.filter(is_default_site=True).first()
    if site is None:
        summary.warnings.append("No Wagtail site: the demo operator and menus were not loaded.")
        return
    settings = SiteSettings.for_site(site)
    pages = {page.slug: page for page in home.get_children()}
    if not settings.operator_name:
        for field, value in data.OPERATOR.items():
            setattr(settings, field, value)
        settings.save()
        summary.record("site settings", created=False, updated=True)
    if not settings.main_menu_items.exists():
        items = [MainMenuItem(setting=settings, link_page=pages[slug], sort_order=n)
                 for n, slug in enumerate(data.MAIN_MENU) if slug in pages]
        MainMenuItem.objects.bulk_create(items)
        for _item in items:
            summary.record("menu links", created=True, updated=False)
    if not settings.footer_links.exists():
        items = [FooterLink(setting=settings, column=column, link_page=pages[slug], sort_order=n)
                 for n, (column, slug) in enumerate((column, slug) for column, slugs in data.FOOTER_COLUMNS
                                                    for slug in slugs)
                 if slug in pages]
        FooterLink.objects.bulk_create(items)
        for _item in items:
            summary.record("menu links", created=True, updated=False)
    site_chrome_forget()


def trust_demo_load(*, summary: LoadSummary) -> None:
    """Publish the demo's policy and contact pages and fill in the operator and the menus."""
    home = HomePage.objects.filter(locale__language_code="vi").first()
    if home is None:
        summary.warnings.append("No home page: the demo policy pages, contact page and menus were not loaded.")
        return
    _pages_load(home=home, summary=summary)
    _settings_load(home=home, summary=summary)
