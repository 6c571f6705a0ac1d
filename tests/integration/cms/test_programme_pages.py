"""Programme pages: where they go, what they render, figures counted live from the catalogue, timelines, drafts."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from catalog.models import Product
from catalog.selectors import ProductFilters, product_list
from marketplace.cms.blocks import PROGRAMME_BLOCKS, FigureBlock
from marketplace.cms.figures import FigureSource, figure_count
from marketplace.cms.models import (
    EventIndexPage,
    HomePage,
    NewsIndexPage,
    ProducerStoryIndexPage,
    ProgrammePage,
)
from ocop_rating.certificates.services import certificate_revoke
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db

OTHER_WARD = 16093  # Xã Nga Sơn


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index('<main id="main"'):html.index("</main>")]


def _figures(html: str) -> list[tuple[str, str]]:
    return re.findall(r'cms-figure__number">([^<]*)</p>\s*<p class="cms-figure__label">([^<]*)<', html)


def _programme_add(parent, *, title="Chương trình OCOP", slug="chuong-trinh-ocop", publish=True, **fields):
    page = ProgrammePage(title=title, slug=slug, live=False, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def test_page_tree_rules():
    home = HomePage.objects.get()
    root = Page.objects.get(depth=1)
    news_index = NewsIndexPage.objects.get()
    programme = _programme_add(home)

    # A programme page goes under the home page or another programme page, nowhere else
    assert ProgrammePage.can_exist_under(home) is True
    assert ProgrammePage.can_exist_under(programme) is True
    assert ProgrammePage.can_exist_under(root) is False
    assert ProgrammePage.can_exist_under(news_index) is False
    assert ProgrammePage.can_exist_under(ProducerStoryIndexPage.objects.get()) is False
    assert ProgrammePage.can_exist_under(EventIndexPage.objects.get()) is False
    # Only programme pages go under a programme page
    assert ProgrammePage.allowed_subpage_models() == [ProgrammePage]
    # PROGRAMME_BLOCKS is the shared library plus the figure, the timeline and the certificate check
    assert [name for name, _ in PROGRAMME_BLOCKS] == [
        "paragraph", "image", "quote", "product", "gallery", "document", "video",
        "figure", "timeline", "certificate_check",
    ]


def test_a_programme_page_and_its_subpage_render(client):
    home = HomePage.objects.get()
    programme = _programme_add(
        home, intro="Mỗi xã một sản phẩm.",
        body=[
            ("paragraph", RichText("<h2>OCOP hôm nay</h2><p>Sáu ngành, 26 bộ sản phẩm.</p>")),
            ("figure", {"source": "", "number": "1.000", "label": "sản phẩm là mục tiêu đến năm 2027",
                        "note": "Trong đó có 10 sản phẩm 5 sao."}),
            ("certificate_check", {"title": "", "text": "Nhập mã in trên bao bì."}),
        ],
    )
    _programme_add(programme, title="Sản phẩm được gắn sao như thế nào", slug="gan-sao")
    _programme_add(programme, title="Bản nháp chưa duyệt", slug="nhap", publish=False)

    response = client.get("/chuong-trinh-ocop/")
    main = _main(response)

    assert response.status_code == 200
    assert '<h1 class="news-article__title">Chương trình OCOP</h1>' in main
    assert "Mỗi xã một sản phẩm." in main
    assert "<h2>OCOP hôm nay</h2><p>Sáu ngành, 26 bộ sản phẩm.</p>" in main
    assert _figures(main) == [("1.000", "sản phẩm là mục tiêu đến năm 2027")]
    assert '<p class="cms-figure__note">Trong đó có 10 sản phẩm 5 sao.</p>' in main
    # The certificate check sends the typed code to the public check at /ocop/verify/
    assert '<form class="cms-verify__form" method="get" action="/ocop/verify/" role="search">' in main
    assert '<input class="form-control" id="cms-verify-code" name="code"' in main
    assert "Tra cứu giấy chứng nhận OCOP" in main
    # Its published sub-page is listed, not the draft
    assert re.findall(r'programme-subpages__link" href="([^"]*)">([^<]*)<', main) == [
        ("/chuong-trinh-ocop/gan-sao/", "Sản phẩm được gắn sao như thế nào")]
    assert client.get("/chuong-trinh-ocop/gan-sao/").status_code == 200
    assert '<link rel="canonical" href="http://testserver/chuong-trinh-ocop/">' in response.content.decode()


def test_the_timeline_renders_its_steps_in_the_editors_order(client):
    steps = [
        {"when": "Bước 1", "title": "Chủ thể nộp hồ sơ", "text": "Tại Ủy ban nhân dân xã."},
        {"when": "Trong 15 ngày làm việc", "title": "Xã kiểm tra", "text": "Gửi hồ sơ và 5 mẫu lên tỉnh."},
        {"when": "", "title": "Hội đồng cấp tỉnh chấm điểm", "text": ""},
        {"when": "36 tháng", "title": "Giấy chứng nhận có thời hạn", "text": "Đánh giá lại trước khi hết hạn."},
    ]
    _programme_add(HomePage.objects.get(), body=[("timeline", {"title": "Các bước", "steps": steps})])

    main = _main(client.get("/chuong-trinh-ocop/"))

    assert '<h2 class="cms-timeline__title">Các bước</h2>' in main
    assert re.findall(r'cms-timeline__step-title">([^<]*)<', main) == [
        "Chủ thể nộp hồ sơ", "Xã kiểm tra", "Hội đồng cấp tỉnh chấm điểm", "Giấy chứng nhận có thời hạn"]
    assert re.findall(r'cms-timeline__when">([^<]*)<', main) == ["Bước 1", "Trong 15 ngày làm việc", "36 tháng"]
    assert main.count('<p class="cms-timeline__text">') == 3


def _catalogue():
    """Public products: 3★, 3★, 4★, 5★ of three producers in two communes; plus what no figure counts:
    a private 4★, a public product whose certificate expired, a public product never certified."""
    nga_son = ProducerFactory(name="Hợp tác xã Cói Nga Sơn", ward_code=OTHER_WARD)
    dong_son_a, dong_son_b = ProducerFactory(), ProducerFactory()
    for stars, producer, ward in ((3, dong_son_a, None), (3, dong_son_a, None), (4, dong_son_b, None),
                                  (5, nga_son, OTHER_WARD)):
        product = ProductFactory(producer=producer, **({"origin_ward_code": ward} if ward else {}))
        CertificateFactory(product=product, stars=stars)
    CertificateFactory(product=ProductFactory(is_public=False, producer=nga_son), stars=4)
    CertificateFactory(product=ProductFactory(producer=nga_son), expired=True, stars=4)
    ProductFactory(producer=nga_son)


def test_live_figures_equal_the_catalogues_counts(client):
    _catalogue()
    sources = ["products", "products_3", "products_4", "products_5", "producers", "communes"]
    _programme_add(HomePage.objects.get(), body=[
        ("figure", {"source": source, "number": "", "label": f"nhãn {source}", "note": ""}) for source in sources
    ])

    main = _main(client.get("/chuong-trinh-ocop/"))

    def shown(stars=()):
        return product_list(filters=ProductFilters(stars=stars))

    # The figures are the catalogue's own counts of what a shopper finds with the star filter
    assert _figures(main) == [
        ("4", "nhãn products"), ("2", "nhãn products_3"), ("1", "nhãn products_4"), ("1", "nhãn products_5"),
        ("3", "nhãn producers"), ("2", "nhãn communes"),
    ]
    assert figure_count(source=FigureSource.PRODUCTS) == shown(stars=(3, 4, 5)).count() == 4
    assert figure_count(source=FigureSource.PRODUCTS_3) == shown(stars=(3,)).count() == 2
    assert figure_count(source=FigureSource.PRODUCTS_4) == shown(stars=(4,)).count() == 1
    assert figure_count(source=FigureSource.PRODUCTS_5) == shown(stars=(5,)).count() == 1
    assert figure_count(source="not-a-source") is None


def test_a_live_figure_follows_the_catalogue_when_a_product_changes(client):
    product = ProductFactory()
    certificate = CertificateFactory(product=product, stars=3)
    CertificateFactory(product=ProductFactory(), stars=3)
    _programme_add(HomePage.objects.get(), body=[
        ("figure", {"source": "products_3", "number": "", "label": "sản phẩm 3 sao", "note": ""})])

    def figure():
        return _figures(_main(client.get("/chuong-trinh-ocop/")))

    assert figure() == [("2", "sản phẩm 3 sao")]

    # When a 3★ product is taken off sale, the figure drops at once (no editor touches the page)
    Product.objects.filter(pk=product.pk).update(is_public=False)
    assert figure() == [("1", "sản phẩm 3 sao")]

    # When it is back on sale, and a new 3★ product is certified, it counts both
    Product.objects.filter(pk=product.pk).update(is_public=True)
    CertificateFactory(product=ProductFactory(), stars=3)
    assert figure() == [("3", "sản phẩm 3 sao")]

    # When a certificate is revoked, its product no longer counts
    certificate_revoke(certificate=certificate, reason="Vi phạm nhãn hàng hóa", decision_number="9/QĐ-UBND",
                       revoked_on=timezone.localdate(), actor=None)
    assert figure() == [("2", "sản phẩm 3 sao")]


def test_a_figure_is_either_typed_or_counted_never_both():
    block = FigureBlock()

    # Given a source and a typed number, the editor is told to leave the number empty
    with pytest.raises(ValidationError) as typed:
        block.clean(block.to_python({"source": "products", "number": "128", "label": "sản phẩm", "note": ""}))
    assert [str(m) for m in typed.value.block_errors["number"]] == [
        "Đã chọn nguồn số liệu thì để trống ô con số: số được đếm tự động."]

    # Given neither, the editor is asked for one
    with pytest.raises(ValidationError) as missing:
        block.clean(block.to_python({"source": "", "number": "", "label": "sản phẩm", "note": ""}))
    assert [str(m) for m in missing.value.block_errors["number"]] == ["Nhập con số, hoặc chọn một nguồn số liệu."]

    # Either alone is accepted
    assert block.clean(block.to_python({"source": "producers", "number": "", "label": "chủ thể", "note": ""}))
    assert block.clean(block.to_python({"source": "", "number": "660", "label": "sản phẩm", "note": ""}))


def test_a_draft_programme_page_is_not_reachable_anonymously(client):
    page = _programme_add(HomePage.objects.get(), publish=False)

    assert page.live is False
    assert client.get("/chuong-trinh-ocop/").status_code == 404


def test_the_demo_publishes_the_programme_pages_stories_and_events_once(client):
    from io import StringIO

    from django.core.management import call_command

    from marketplace.cms.models import EventPage, ProducerStoryPage

    # When the demo is loaded into an empty database
    call_command("load_demo_data", "--no-images", stdout=StringIO())

    # Then the two programmes are under the home page, "how stars are earned" under the OCOP one (the English
    # translations are in tests/integration/cms/test_translations_demo.py)
    assert sorted(ProgrammePage.objects.live().filter(locale__language_code="vi").values_list("url_path", flat=True)) == [
        "/home/chuong-trinh-nong-thon-moi/", "/home/chuong-trinh-ocop/",
        "/home/chuong-trinh-ocop/san-pham-duoc-gan-sao-nhu-the-nao/",
    ]
    assert ProducerStoryPage.objects.live().count() == 3
    assert EventPage.objects.live().count() == 2

    # And the page on stars shows the steps in order, live figures and the certificate check
    main = _main(client.get("/chuong-trinh-ocop/san-pham-duoc-gan-sao-nhu-the-nao/"))
    assert re.findall(r'cms-timeline__step-title">([^<]*)<', main) == [
        "Chủ thể nộp hồ sơ tại xã, phường", "Xã, phường kiểm tra và đề nghị", "Hội đồng cấp tỉnh chấm điểm",
        "Công nhận 3 sao, 4 sao", "Công nhận 5 sao", "Giấy chứng nhận có thời hạn",
    ]
    assert _figures(main) == [
        (str(product_list(filters=ProductFilters(stars=(stars,))).count()), f"sản phẩm {stars} sao đang bán")
        for stars in (3, 4, 5)
    ]
    assert 'action="/ocop/verify/"' in main

    # When it is loaded again, nothing is duplicated
    again = StringIO()
    call_command("load_demo_data", "--no-images", stdout=again)
    assert "Demo data loaded: 0 rows created, 0 updated." in again.getvalue()
    assert (ProgrammePage.objects.filter(locale__language_code="vi").count(), ProducerStoryPage.objects.count(),
            EventPage.objects.count()) == (3, 3, 2)


def test_the_editors_forms_of_the_new_page_types_open(client):
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser("bientap@ocop.vn", "bientap@ocop.vn", "mat-khau-2026")
    client.force_login(editor)
    home = HomePage.objects.get()
    stories, events = ProducerStoryIndexPage.objects.get(), EventIndexPage.objects.get()

    for model, parent in (("programmepage", home), ("producerstorypage", stories), ("eventpage", events)):
        response = client.get(f"/cms/pages/add/cms/{model}/{parent.pk}/")
        assert response.status_code == 200, model
    # A programme page cannot be added under the news index: Wagtail sends the editor back to the dashboard
    refused = client.get(f"/cms/pages/add/cms/programmepage/{NewsIndexPage.objects.get().pk}/")
    assert (refused.status_code, refused.url) == (302, "/cms/")
