"""English pages (wagtail-localize): the English tree under /en/, the language switch, the "not translated yet"
notice, drafts of translations, the admin's translation views and the English locale's migration."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import GroupPagePermission, Locale, Page, PageViewRestriction, WorkflowPage
from wagtail.rich_text import RichText

from marketplace.cms.editorial import EDITORS_GROUP, MODERATORS_GROUP
from marketplace.cms.models import HomePage, NewsArticlePage, NewsIndexPage, ProgrammePage
from marketplace.cms.translations import page_translate, page_untranslated_texts

pytestmark = pytest.mark.django_db

locale_migration = importlib.import_module("marketplace.cms.migrations.0009_english_locale")

HOME_STRINGS = {
    "Chợ OCOP Thanh Hóa": "Thanh Hóa OCOP Marketplace",
    "Đặc sản mỗi xã một sản phẩm của xứ Thanh, được Hội đồng tỉnh đánh giá và công nhận hạng sao.":
        "One Commune One Product specialities of Thanh Hóa, assessed and star-rated by the provincial council.",
}


def _english(msgid: str) -> str:
    """The English of a message (its msgid until the catalogue has it: the notice's text comes from gettext)."""
    with translation.override("en"):
        return escape(translation.gettext(msgid))


def _member(group_name: str, email: str):
    user = get_user_model().objects.create_user(email, email, "mat-khau-2026")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def _vi_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="vi")


def _switch(html: str) -> list[tuple[str, str, str]]:
    """The language switch's links: (language, URL, rel or aria-current)."""
    nav = html[html.index('<nav class="language-switch"'):]
    nav = nav[:nav.index("</nav>")]
    return [(lang, href, (current or rel)) for href, lang, current, rel in re.findall(
        r'<a href="([^"]*)" lang="(\w+)"[^>]*?(?:aria-current="(page)")?(?:rel="(nofollow)")?\s*>', nav)]


@pytest.fixture
def english_home(db):
    return page_translate(page=_vi_home(), language="en", strings=HOME_STRINGS, publish=True)


@pytest.fixture
def english_news_index(english_home):
    index = NewsIndexPage.objects.get(locale__language_code="vi")
    return page_translate(page=index, language="en", strings={"Tin tức": "News"}, publish=True)


@pytest.fixture
def programme(db):
    page = ProgrammePage(title="Chương trình OCOP", slug="chuong-trinh-ocop", intro="Mỗi xã một sản phẩm.",
                         body=[("paragraph", RichText("<p>Sáu nhóm sản phẩm.</p>"))])
    _vi_home().add_child(instance=page)
    page.save_revision().publish()
    return page


def _article(index, *, slug: str, title: str) -> NewsArticlePage:
    article = NewsArticlePage(title=title, slug=slug, body=[("paragraph", RichText("<p>Nội dung.</p>"))])
    index.add_child(instance=article)
    article.save_revision().publish()
    return article


# --- the English locale's migration --------------------------------------------------------------------------

def test_the_migration_made_the_english_locale_and_lets_the_editorial_groups_submit_translations():
    assert list(Locale.objects.order_by("language_code").values_list("language_code", flat=True)) == ["en", "vi"]
    for name in (EDITORS_GROUP, MODERATORS_GROUP):
        assert Group.objects.get(name=name).permissions.filter(codename="submit_translation").exists()


def test_the_locale_migration_reverses_and_applies_again():
    locale_migration.remove_english_locale(django_apps, None)

    assert list(Locale.objects.values_list("language_code", flat=True)) == ["vi"]
    assert not Group.objects.get(name=EDITORS_GROUP).permissions.filter(codename="submit_translation").exists()

    locale_migration.create_english_locale(django_apps, None)
    locale_migration.create_english_locale(django_apps, None)  # twice: still one English locale

    assert Locale.objects.filter(language_code="en").count() == 1
    assert Group.objects.get(name=EDITORS_GROUP).permissions.filter(codename="submit_translation").count() == 1


def test_the_reverse_migration_keeps_the_locale_of_existing_english_pages(english_home):
    locale_migration.remove_english_locale(django_apps, None)

    assert Locale.objects.filter(language_code="en").exists()
    assert HomePage.objects.get(locale__language_code="en").pk == english_home.pk
    assert not Group.objects.get(name=EDITORS_GROUP).permissions.filter(codename="submit_translation").exists()


def test_the_locale_migration_gives_an_english_home_page_the_vietnamese_rights_again(english_home):
    # Given an English home page that lost its rights (the groups of migration 0007 were undone and made again)
    GroupPagePermission.objects.filter(page=english_home).delete()
    WorkflowPage.objects.filter(page=english_home).delete()

    locale_migration.create_english_locale(django_apps, None)

    def rights(page):
        return set(GroupPagePermission.objects.filter(page=page).values_list("group__name", "permission__codename"))

    assert rights(english_home) == rights(_vi_home())
    assert len(rights(english_home)) == 11
    assert WorkflowPage.objects.get(page=english_home).workflow.name == "Duyệt nội dung"


# --- the English tree ----------------------------------------------------------------------------------------

def test_en_serves_the_english_home_page_and_vietnamese_stays_at_the_root(client, english_home):
    english = client.get("/en/")
    vietnamese = client.get("/")

    assert (english.status_code, english.context["page"].pk) == (200, english_home.pk)
    assert english_home.title == "Thanh Hóa OCOP Marketplace"
    assert english_home.intro == HOME_STRINGS[_vi_home().intro]
    assert '<html lang="en"' in english.content.decode()
    assert (vietnamese.status_code, vietnamese.context["page"].pk) == (200, _vi_home().pk)


def test_the_vietnamese_pages_still_route_at_their_paths(client, english_home, programme):
    for path, page_type in [("/", HomePage), ("/tin-tuc/", NewsIndexPage), ("/chuong-trinh-ocop/", ProgrammePage),
                            ("/chuyen-nguoi-lam-ocop/", None), ("/su-kien/", None)]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.context["page"].locale.language_code == "vi"
        if page_type is not None:
            assert isinstance(response.context["page"], page_type)


def test_an_english_programme_page_under_en_at_the_same_slug(client, english_home, programme):
    page_translate(page=programme, language="en", publish=True, strings={
        "Chương trình OCOP": "The OCOP programme", "Mỗi xã một sản phẩm.": "One Commune One Product.",
        "Sáu nhóm sản phẩm.": "Six product groups.",
    })

    response = client.get("/en/chuong-trinh-ocop/")

    html = response.content.decode()
    assert response.status_code == 200
    assert (response.context["page"].title, response.context["page"].locale.language_code) == (
        "The OCOP programme", "en")
    assert "Six product groups." in html and "Sáu nhóm sản phẩm." not in html
    assert page_untranslated_texts(page=programme, language="en") == ["chuong-trinh-ocop"]  # the slug stays


def test_the_switch_links_a_page_to_its_translation_both_ways(client, english_home, programme):
    page_translate(page=programme, language="en", publish=True, strings={"Chương trình OCOP": "The OCOP programme"})

    assert _switch(client.get("/chuong-trinh-ocop/").content.decode()) == [
        ("vi", "/chuong-trinh-ocop/", "page"), ("en", "/en/chuong-trinh-ocop/", ""),
    ]
    assert _switch(client.get("/en/chuong-trinh-ocop/").content.decode()) == [
        ("vi", "/chuong-trinh-ocop/", ""), ("en", "/en/chuong-trinh-ocop/", "page"),
    ]


def test_the_english_news_index_lists_english_articles_only(client, english_news_index):
    vi_index = NewsIndexPage.objects.get(locale__language_code="vi")
    translated = _article(vi_index, slug="hoi-cho-ocop", title="Hội chợ OCOP")
    _article(vi_index, slug="chi-tieng-viet", title="Chỉ có tiếng Việt")
    page_translate(page=translated, language="en", publish=True, strings={"Hội chợ OCOP": "The OCOP fair"})

    english = client.get("/en/tin-tuc/")
    vietnamese = client.get("/tin-tuc/")

    assert [article.title for article in english.context["articles"]] == ["The OCOP fair"]
    assert [article.title for article in vietnamese.context["articles"]] == ["Chỉ có tiếng Việt", "Hội chợ OCOP"]


# --- a page with no English translation ----------------------------------------------------------------------

def test_an_english_reader_of_a_vietnamese_only_article_gets_a_notice_linking_to_the_original(
    client, english_news_index,
):
    article = _article(NewsIndexPage.objects.get(locale__language_code="vi"), slug="chi-tieng-viet",
                       title="Chỉ có tiếng Việt")

    switch = _switch(client.get("/tin-tuc/chi-tieng-viet/").content.decode())
    response = client.get("/en/tin-tuc/chi-tieng-viet/")

    html = response.content.decode()
    assert switch == [("vi", "/tin-tuc/chi-tieng-viet/", "page"), ("en", "/en/tin-tuc/chi-tieng-viet/", "nofollow")]
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in html
    assert f"<title>{_english('Bài viết này chỉ có bằng tiếng Việt')} | " in html
    assert _english("Chưa có bản dịch của trang này. Bạn vẫn có thể đọc bản gốc:") in html
    assert re.search(r'<a class="btn btn-primary" href="/tin-tuc/chi-tieng-viet/" hreflang="vi" lang="vi">\s*'
                     + re.escape(_english("Đọc bản tiếng Việt")) + r':\s*<span lang="vi">Chỉ có tiếng Việt</span>', html)
    assert "hreflang=\"en\"" not in html[:html.index("</head>")]
    assert response.context["original"].pk == article.pk
    assert _switch(html) == [("vi", "/tin-tuc/chi-tieng-viet/", ""), ("en", "/en/tin-tuc/chi-tieng-viet/", "page")]


def test_the_notice_also_stands_for_a_page_whose_english_parent_is_missing(client, english_home, programme):
    response = client.get("/en/chuong-trinh-ocop/")

    assert response.status_code == 404
    assert _english("Trang này chỉ có bằng tiếng Việt") in response.content.decode()


def test_before_any_english_home_page_en_shows_the_vietnamese_pages_unindexed(client, programme):
    home, page = client.get("/en/"), client.get("/en/chuong-trinh-ocop/")

    assert (home.status_code, home.context["page"].pk) == (200, _vi_home().pk)
    assert (page.status_code, page.context["page"].pk) == (200, programme.pk)
    assert home["X-Robots-Tag"] == page["X-Robots-Tag"] == "noindex"
    assert "X-Robots-Tag" not in client.get("/chuong-trinh-ocop/")


def test_a_draft_english_home_page_is_not_a_tree_yet(client, programme):
    page_translate(page=_vi_home(), language="en", strings=HOME_STRINGS, publish=False)

    home = client.get("/en/")

    assert (home.status_code, home.context["page"].pk) == (200, _vi_home().pk)
    assert "Thanh Hóa OCOP Marketplace" not in home.content.decode()


def test_an_address_no_language_has_is_a_plain_404(client, english_news_index):
    response = client.get("/en/tin-tuc/khong-co-bai-nay/")

    assert response.status_code == 404
    assert "original" not in (response.context or {})
    assert _english("Trang này chỉ có bằng tiếng Việt") not in response.content.decode()


def test_the_notice_never_discloses_a_private_page(client, english_news_index):
    article = _article(NewsIndexPage.objects.get(locale__language_code="vi"), slug="noi-bo", title="Tin nội bộ")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="x")

    response = client.get("/en/tin-tuc/noi-bo/")

    assert response.status_code == 404
    assert "Tin nội bộ" not in response.content.decode()


def test_a_producer_page_shows_each_story_once_in_the_readers_language(english_home):
    from marketplace.cms.models import ProducerStoryIndexPage, ProducerStoryPage
    from marketplace.cms.story_event_selectors import producer_stories_of
    from tests.factories import ProducerFactory

    producer = ProducerFactory(name="HTX Nem chua Hạc Thành")
    index = ProducerStoryIndexPage.objects.get(locale__language_code="vi")
    story = ProducerStoryPage(title="Giữ vị phố cũ", slug="giu-vi-pho-cu", producer=producer)
    index.add_child(instance=story)
    story.save_revision().publish()
    untranslated = ProducerStoryPage(title="Chỉ có tiếng Việt", slug="chi-tieng-viet", producer=producer)
    index.add_child(instance=untranslated)
    untranslated.save_revision().publish()
    page_translate(page=index, language="en", strings={}, publish=True)
    page_translate(page=story, language="en", strings={"Giữ vị phố cũ": "Keeping the old town's taste"},
                   publish=True)

    with translation.override("en"):
        english = [page.title for page in producer_stories_of(producer_id=producer.pk)]
    with translation.override("vi"):
        vietnamese = [page.title for page in producer_stories_of(producer_id=producer.pk)]

    assert english == ["Chỉ có tiếng Việt", "Keeping the old town's taste"]
    assert vietnamese == ["Chỉ có tiếng Việt", "Giữ vị phố cũ"]


# --- drafts and moderation -----------------------------------------------------------------------------------

def test_an_unpublished_translation_is_not_reachable(client, english_home, programme):
    draft = page_translate(page=programme, language="en", publish=False,
                           strings={"Chương trình OCOP": "The OCOP programme"})

    response = client.get("/en/chuong-trinh-ocop/")

    assert (draft.live, draft.title) == (False, "The OCOP programme")
    assert response.status_code == 404
    assert "The OCOP programme" not in response.content.decode()
    assert _switch(client.get("/chuong-trinh-ocop/").content.decode())[1] == (
        "en", "/en/chuong-trinh-ocop/", "nofollow")


def test_an_editor_opens_the_translate_view_and_the_translation_is_a_draft_in_the_moderated_tree(
    client, english_home, programme,
):
    editor = _member(EDITORS_GROUP, "bientap.dich@ocop.vn")
    client.force_login(editor)
    url = reverse("wagtail_localize:submit_page_translation", args=[programme.pk])
    english = Locale.objects.get(language_code="en")

    form = client.get(url)
    submitted = client.post(url, {"locales": [english.pk]})

    translation = ProgrammePage.objects.get(locale=english, translation_key=programme.translation_key)
    assert form.status_code == 200
    assert submitted.status_code == 302
    assert translation.live is False
    # The editor works on it in wagtail-localize's editor, in the English tree the editorial groups may edit
    editor_view = client.get(reverse("wagtailadmin_pages:edit", args=[translation.pk]))
    assert editor_view.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in editor_view.templates]
    # (its inline script's chooser URLs come from a static file: the Content-Security-Policy refuses inline ones)
    assert ('<script src="/static/js/wagtail-localize-admin.js" data-image-chooser="/cms/images/chooser/" '
            'data-document-chooser="/cms/documents/chooser/" data-page-chooser="/cms/choose-page/"></script>'
            ) in editor_view.content.decode()
    # ...which has the Vietnamese tree's rights and review workflow, so the editor cannot publish it
    assert set(GroupPagePermission.objects.filter(page=english_home).values_list("group__name", "permission__codename")) == set(
        GroupPagePermission.objects.filter(page=_vi_home()).values_list("group__name", "permission__codename"))
    assert WorkflowPage.objects.get(page=english_home).workflow.name == "Duyệt nội dung"
    assert not translation.permissions_for_user(editor).can_publish()
    client.logout()
    assert client.get("/en/chuong-trinh-ocop/").status_code == 404


def test_someone_outside_the_editorial_groups_cannot_open_the_translate_view(client, programme):
    user = get_user_model().objects.create_user("khach@ocop.vn", "khach@ocop.vn", "mat-khau-2026")
    client.force_login(user)

    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[programme.pk]))

    assert response.status_code in (302, 403)
    assert not Page.objects.filter(locale__language_code="en").exists()
