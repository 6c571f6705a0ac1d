"""News pages: where they may be created, what they render, and what an anonymous reader cannot reach."""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from marketplace.cms.models import HomePage, NewsArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index('<main id="main"'):html.index("</main>")]


def test_the_news_index_lives_at_tin_tuc_under_the_home_page(client, news_index):
    # Given the site as migrated, then the index is the home page's child at the stable URL /tin-tuc/
    home = HomePage.objects.get()
    assert news_index.get_parent().specific == home
    assert (news_index.url, news_index.live, news_index.title) == ("/tin-tuc/", True, "Tin tức")
    assert client.get("/tin-tuc/").status_code == 200


def test_page_tree_rules(news_index):
    home = HomePage.objects.get()
    root = Page.objects.get(depth=1)

    # An article goes under the news index only
    assert NewsArticlePage.can_exist_under(news_index) is True
    assert NewsArticlePage.can_exist_under(home) is False
    assert NewsArticlePage.can_exist_under(root) is False
    # The index goes under the home page only, and there is one
    assert NewsIndexPage.can_exist_under(home) is True
    assert NewsIndexPage.can_exist_under(news_index) is False
    assert NewsIndexPage.can_exist_under(root) is False
    assert NewsIndexPage.can_create_at(home) is False  # max_count = 1, already there
    # Nothing goes under an article
    assert NewsArticlePage.allowed_subpage_models() == []


def test_the_admin_refuses_an_article_under_the_home_page(client, news_index):
    editor = get_user_model().objects.create_superuser("bientap@ocop.vn", "bientap@ocop.vn", "mat-khau-2026")
    client.force_login(editor)
    home = HomePage.objects.get()

    refused = client.get(f"/cms/pages/add/cms/newsarticlepage/{home.pk}/")
    allowed = client.get(f"/cms/pages/add/cms/newsarticlepage/{news_index.pk}/")

    # Wagtail answers a refused permission by sending the editor back to the dashboard
    assert (refused.status_code, refused.url, allowed.status_code) == (302, "/cms/", 200)
    assert NewsArticlePage.objects.count() == 0


def test_an_article_renders_every_block(client, article_make, categories, image_make, product):
    # Given an article using each block of the library
    image = image_make("Nem chua gói lá ổi")
    document = get_document_model().objects.create(
        title="Mẫu phiếu đăng ký OCOP", file=ContentFile(b"%PDF-1.4 mau phieu", name="phieu-dang-ky.pdf"),
    )
    article = article_make(
        title="Giữ vị nem chua xứ Thanh",
        date=datetime.date(2026, 11, 18),
        author_name="Lê Minh Châu",
        summary="Nem chua gói lá ổi, buộc lạt đỏ.",
        hero_image=image,
        categories=[categories[0]],
        tags=["nem chua"],
        body=[
            ("paragraph", RichText("<h2>Bí quyết</h2><p>Thính gạo rang <b>vàng</b>.</p>")),
            ("image", {"image": image, "caption": "Nem chua lá ổi", "alt_text": "Chùm nem buộc lạt đỏ"}),
            ("quote", {"quote": "Làm nem không vội được.", "attribution": "Bà Mai Thị Hằng"}),
            ("product", product),
            ("gallery", {"title": "Ảnh xưởng nem", "images": [
                {"image": image, "caption": "Gói nem", "alt_text": ""}]}),
            ("document", {"document": document, "title": ""}),
            ("video", {"url": "https://youtu.be/abc123", "title": "Phóng sự nem chua", "description": ""}),
        ],
    )

    # When an anonymous reader opens it
    response = client.get(article.url)

    # Then every part is on the page
    assert response.status_code == 200
    html = _main(response)
    assert '<h1 class="news-article__title">Giữ vị nem chua xứ Thanh</h1>' in html
    assert '<time datetime="2026-11-18">18/11/2026</time>' in html
    assert "Tác giả: Lê Minh Châu" in html
    assert "<h2>Bí quyết</h2><p>Thính gạo rang <b>vàng</b>.</p>" in html
    assert re.search(r'<img alt="Chùm nem buộc lạt đỏ"[^>]*src="/media/images/nem-chua[^"]*\.width-1200\.jpg"', html)
    assert '<figcaption class="cms-image__caption">Nem chua lá ổi</figcaption>' in html
    assert '<p class="cms-quote__text">Làm nem không vội được.</p>' in html
    assert "— Bà Mai Thị Hằng" in html
    assert f'<a href="{product.get_absolute_url()}">Nước mắm Đông Hải</a>' in html
    assert '<h2 class="cms-gallery__title">Ảnh xưởng nem</h2>' in html
    assert f'href="/documents/{document.pk}/phieu-dang-ky.pdf"' in html
    assert '<span class="cms-document__title">Mẫu phiếu đăng ký OCOP</span>' in html
    assert 'href="https://youtu.be/abc123"' in html and "Xem video trên YouTube" in html
    assert '<a class="news-chip" href="/tin-tuc/?tag=nem-chua">#nem chua</a>' in html
    assert '<a class="news-category" href="/tin-tuc/?category=tin-ocop">Tin OCOP</a>' in html
    page = response.content.decode()
    assert '<meta name="description" content="Nem chua gói lá ổi, buộc lạt đỏ." />' in page
    assert f'<link rel="canonical" href="http://testserver{article.url}">' in page
    assert '<link rel="alternate" type="application/rss+xml" title="Tin tức" href="/tin-tuc/rss/">' in page


def test_the_index_renders_its_articles(client, news_index, article_make, categories):
    article_make(title="Hội chợ OCOP Thanh Hóa 2026", date=datetime.date(2026, 10, 12), categories=[categories[1]],
                 summary="Hơn 200 gian hàng.")

    response = client.get("/tin-tuc/")

    assert response.status_code == 200
    html = _main(response)
    assert '<h1>Tin tức</h1>' in html
    assert "Hội chợ OCOP Thanh Hóa 2026" in html and "12/10/2026" in html and "Hơn 200 gian hàng." in html
    assert "1 bài viết" in html
    assert '<link rel="canonical" href="http://testserver/tin-tuc/">' in response.content.decode()


def test_paragraphs_keep_only_allowed_tags(client, article_make):
    # Given a paragraph with a script, an event handler, a javascript: link and a style element
    article = article_make(title="Bài có mã độc", body=[("paragraph", RichText(
        '<p onclick="alert(1)">Nem <script>alert(2)</script>chua</p>'
        '<a href="javascript:alert(3)">bấm</a><style>body{display:none}</style><iframe src="https://x.y"></iframe>'
        '<a href="https://ocop.vn/">OCOP</a><a linktype="page" id="3">trang</a>'
    ))])

    # Then what is stored is already clean
    stored = NewsArticlePage.objects.get(pk=article.pk).body.raw_data[0]["value"]
    assert stored == '<p>Nem chua</p><a>bấm</a><a href="https://ocop.vn/">OCOP</a><a linktype="page" id="3">trang</a>'

    # And the page shows it without script, handler or javascript: URL
    html = _main(client.get(article.url))
    assert '<div class="cms-block cms-paragraph rich-text"><p>Nem chua</p><a>bấm</a><a href="https://ocop.vn/">OCOP</a>' in html
    assert "alert(" not in html and "onclick" not in html and "<iframe" not in html


def test_html_written_around_the_editor_is_sanitised_when_read(client, article_make):
    # Given a body changed in the database directly (an import, a bad migration), bypassing the block's save
    article = article_make(title="Bài sửa trực tiếp", paragraphs=["Sạch"])
    raw = [{"type": "paragraph", "value": '<p onmouseover="steal()">Mật ong<script>steal()</script></p>', "id": "x"}]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cms_newsarticlepage SET body = %s WHERE page_ptr_id = %s", [json.dumps(raw), article.pk])

    html = _main(client.get(article.url))

    assert '<div class="cms-block cms-paragraph rich-text"><p>Mật ong</p></div>' in html
    assert "steal()" not in html and "onmouseover" not in html


def test_drafts_and_scheduled_articles_are_not_reachable_anonymously(client, article_make):
    # Given a published article, a draft and one scheduled for tomorrow
    published = article_make(title="Bài đã đăng", date=datetime.date(2026, 11, 1))
    draft = article_make(title="Bài nháp", date=datetime.date(2026, 11, 20), publish=False)
    scheduled = article_make(title="Bài hẹn giờ", date=datetime.date(2026, 11, 21),
                             go_live_at=timezone.now() + datetime.timedelta(days=1))

    # Then Wagtail holds the scheduled one back until its time
    assert (draft.live, scheduled.live, published.live) == (False, False, True)
    assert scheduled.latest_revision.approved_go_live_at is not None

    # And only the published one can be opened or is listed
    paths = {article.title: client.get(article.get_url()).status_code for article in (published, draft, scheduled)}
    assert paths == {"Bài đã đăng": 200, "Bài nháp": 404, "Bài hẹn giờ": 404}
    index = _main(client.get("/tin-tuc/"))
    assert "Bài đã đăng" in index
    assert "Bài nháp" not in index and "Bài hẹn giờ" not in index


def test_related_articles_are_the_three_newest_of_the_same_category(client, article_make, categories):
    news, fairs = categories
    article = article_make(title="Bài chính", date=datetime.date(2026, 11, 10), categories=[news])
    for day, title in ((1, "Cũ nhất"), (5, "Thứ ba"), (8, "Thứ hai"), (12, "Mới nhất")):
        article_make(title=title, date=datetime.date(2026, 11, day), categories=[news])
    article_make(title="Khác chuyên mục", date=datetime.date(2026, 11, 30), categories=[fairs])
    article_make(title="Nháp cùng chuyên mục", date=datetime.date(2026, 11, 29), categories=[news], publish=False)

    response = client.get(article.url)

    assert [related.title for related in response.context["related_articles"]] == ["Mới nhất", "Thứ hai", "Thứ ba"]
    html = _main(response)
    assert "Tin cùng chuyên mục" in html and "Khác chuyên mục" not in html


def test_an_article_without_category_has_no_related_articles(client, article_make):
    article = article_make(title="Không chuyên mục")
    article_make(title="Bài khác")

    response = client.get(article.url)

    assert response.context["related_articles"] == []
    assert "Tin cùng chuyên mục" not in _main(response)


def test_news_pages_have_no_script_the_site_policy_refuses(client, article_make, product):
    # The site's Content-Security-Policy allows scripts from our static files only (tests/functional/test_csp.py)
    article = article_make(title="Bài có thẻ sản phẩm", body=[("product", product), ("video", {
        "url": "https://vimeo.com/123", "title": "Phim", "description": ""})])

    for url in ("/tin-tuc/", article.url):
        html = client.get(url).content.decode()
        # The article's schema.org JSON-LD is a data block, never executed
        assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>", html,
                          re.IGNORECASE) == []
        assert re.findall(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.IGNORECASE) == []
        assert '<link rel="stylesheet" href="/static/css/ocop-news.css">' in html
