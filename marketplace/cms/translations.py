"""Pages in two languages (wagtail-localize): which version of a page a reader is offered, and the English tree's rights.

Every language's pages form a tree under its own translation of the home page; a page and its translations
share a ``translation_key``. A URL in a language serves only that language's pages: an English URL whose
page exists only in Vietnamese gets the "available in Vietnamese only" notice (``untranslated_page_for_path``),
never the Vietnamese text under an English address. The switcher, the hreflang links and the sitemap offer a
language only where the page has a live, public translation in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    WorkflowPage,
)
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue


@dataclass(frozen=True)
class LanguageVersion:
    """A page's version in one language for the switcher: its URL, or the notice's when there is none."""

    code: str
    name: str
    url: str
    current: bool
    translated: bool


def _page_translations(page: Page) -> list[Page]:
    """The page and its translations in every language, with their locales; read once per page object."""
    if not hasattr(page, "_cms_translations"):
        page._cms_translations = list(page.get_translations(inclusive=True).select_related("locale").order_by("pk"))
    return page._cms_translations


def page_language(page: Page) -> str:
    """The language code of the page's locale (read with its translations, which the page's head needs too)."""
    return next(version.locale.language_code for version in _page_translations(page) if version.pk == page.pk)


def page_versions(*, page: Page) -> dict[str, Page]:
    """The live, public versions of the page (the page itself included) by language code, in LANGUAGES order."""
    if not hasattr(page, "_cms_versions"):
        private_paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        found = {
            version.locale.language_code: version
            for version in _page_translations(page)
            if version.live and not (private_paths and version.path.startswith(private_paths))
        }
        page._cms_versions = {code: found[code] for code, _name in settings.LANGUAGES if code in found}
    return page._cms_versions


def page_path_in_tree(page: Page) -> str:
    """The page's path below its language's home page ("tin-tuc/hoi-cho/"), the same in every language's tree."""
    return page.url_path.split("/", 2)[2] if page.depth > 2 else ""


def language_path(*, path_in_tree: str, language: str) -> str:
    """The URL path of a tree path in a language: unprefixed in Vietnamese, under /en/ in English."""
    with translation.override(language):
        return reverse("wagtail_serve", args=[path_in_tree])


def page_language_versions(*, page: Page, request) -> list[LanguageVersion]:
    """The switcher's links on a CMS page: each language's translation, or that language's address of the page
    (which shows the "available in ... only" notice) where it has none."""
    versions = page_versions(page=page)
    current = page_language(page)
    links = []
    for code, _name in settings.LANGUAGES:
        version = page if code == current else versions.get(code)
        if version is not None:
            url = version.get_url(request) or language_path(path_in_tree=page_path_in_tree(version), language=code)
        else:
            url = language_path(path_in_tree=page_path_in_tree(page), language=code)
        links.append(LanguageVersion(code=code, name=get_language_info(code)["name_local"], url=url, current=code == current,
                                     translated=version is not None))
    return links


def page_alternates(*, page: Page, request, query: str = "") -> list[dict]:
    """hreflang links of a page: each language it is live in and x-default (Vietnamese when translated into it).

    An untranslated page has none: an alternate must be a real page in that language.
    """
    versions = page_versions(page=page)
    if len(versions) < 2:
        return []
    suffix = f"?{query}" if query else ""
    urls = {code: request.build_absolute_uri(version.get_url(request) + suffix) for code, version in versions.items()}
    links = [{"hreflang": code, "url": url} for code, url in urls.items()]
    default = urls.get(settings.LANGUAGE_CODE)
    if default:
        links.append({"hreflang": "x-default", "url": default})
    return links


def language_tree_live(*, request, language: str) -> bool:
    """Whether the request's site has a live home page in the language (its tree of pages in that language)."""
    site = Site.find_for_request(request)
    return site is not None and site.root_page.get_translations(inclusive=True).live().filter(
        locale__language_code=language,
    ).exists()


def untranslated_page_for_path(*, request, path: str) -> Page | None:
    """The live, public page at this tree path in another language, when the active language has none there.

    The path is looked up in the trees of the request's site; a page behind a password or a login is never
    disclosed this way. None when no other language has a page at the path either.
    """
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = translation.get_language()
    components = [component for component in path.split("/") if component]
    for root in site.root_page.get_translations(inclusive=True).select_related("locale").order_by("pk"):
        if root.locale.language_code == language:
            continue
        page = _route_exact(root, components)
        if page is not None and page.live and not PageViewRestriction.objects.filter(
            page__in=page.get_ancestors(inclusive=True),
        ).exists():
            return page.specific
    return None


def _route_exact(root: Page, components: list[str]) -> Page | None:
    """The page at exactly this path of slugs below ``root`` (not a sub-route of a routable page), or None."""
    page = root
    for slug in components:
        page = page.get_children().filter(slug=slug).first()
        if page is None:
            return None
    return page


def translated_home_rights_copy(*, source: Page, target: Page) -> None:
    """Give the home page of a translation's tree the page permissions and workflow of the source's home page.

    Permissions and workflows are inherited down a tree, and each language's tree hangs from its own home page:
    without this the editorial groups could not edit the English pages, nor would their changes be moderated.
    Runs after every page translation (the home page may have been copied as a parent of the translated page).
    """
    source_home = source if source.depth == 2 else source.get_ancestors().filter(depth=2).first()
    target_home = target if target.depth == 2 else target.get_ancestors().filter(depth=2).first()
    if source_home is None or target_home is None or source_home.pk == target_home.pk:
        return
    for permission in GroupPagePermission.objects.filter(page=source_home):
        GroupPagePermission.objects.get_or_create(group_id=permission.group_id, page=target_home,
                                                  permission_id=permission.permission_id)
    workflow_page = WorkflowPage.objects.filter(page=source_home).first()
    if workflow_page is not None and not WorkflowPage.objects.filter(page=target_home).exists():
        WorkflowPage.objects.create(page=target_home, workflow=workflow_page.workflow)


def page_translated_receiver(sender, *, source_obj, target_obj, **kwargs) -> None:
    if isinstance(source_obj, Page) and isinstance(target_obj, Page):
        translated_home_rights_copy(source=source_obj, target=target_obj)


def page_translate(*, page: Page, language: str, strings: Mapping[str, str], publish: bool, user=None) -> Page:
    """Translate the page into a language through wagtail-localize and return the translation.

    The translation is synced: every translatable field of the page (title, slug, text fields, each text of
    its blocks) is a string of wagtail-localize's translation source, so a field added to the page type later
    is covered too. ``strings`` maps a source text (as a reader sees it, without markup) to its translation;
    a text without one keeps the original until an editor translates it in wagtail-localize's editor, where
    the same strings are shown. Missing parent pages (the news index of an article) are copied as drafts.
    The translation is saved as a draft revision, published only if ``publish``.
    """
    locale = Locale.objects.get(language_code=language)
    source, _created = TranslationSource.update_or_create_from_instance(page)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = segment.string.as_value().render_text()
        if text in strings:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string, locale=locale, context=segment.context,
                defaults={"data": StringValue.from_plaintext(strings[text]).data,
                          "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                          "last_translated_by": user},
            )
    translated, _created = source.create_or_update_translation(
        locale, user=user, publish=False, copy_parent_pages=True, fallback=True,
    )
    if publish:
        translated.get_latest_revision().publish(user=user)
        translated.refresh_from_db()
    return translated


def page_untranslated_texts(*, page: Page, language: str) -> list[str]:
    """The source texts of the page's translation source that have no translation into the language yet."""
    source = TranslationSource.objects.get_for_instance(page)
    translated = StringTranslation.objects.filter(
        locale__language_code=language, translation_of=OuterRef("string"), context=OuterRef("context"),
    )
    return [
        segment.string.as_value().render_text()
        for segment in StringSegment.objects.filter(source=source).exclude(Exists(translated)).select_related("string")
    ]


def site_pages_q(*, site: Site | None) -> Q:
    """The pages of a site in every language: below its home page and the home page's translations."""
    if site is None:
        return Q(depth__gt=1)
    query = Q()
    for root in site.root_page.get_translations(inclusive=True):
        query |= Q(path__startswith=root.path)
    return query
