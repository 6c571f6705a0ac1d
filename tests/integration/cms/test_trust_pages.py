"""Policy pages, the contact page, the site settings (operator, menus) and their demo: tree rules, rendering,
validation, and the cached header and footer following the settings and the pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, Site

from marketplace.cms.models import (
    ContactPage,
    FooterLink,
    HomePage,
    InfoPage,
    MainMenuItem,
    NewsIndexPage,
    ProgrammePage,
    SiteSettings,
)
from marketplace.demo.catalogue import LoadSummary
from marketplace.demo.trust import trust_demo_load

pytestmark = pytest.mark.django_db

POLICY_TITLES = ["Giao hàng", "Đổi trả và hoàn tiền", "Thanh toán", "Chính sách bảo mật", "Điều khoản sử dụng",
                 "Giới thiệu"]


@pytest.fixture
def home():
    return HomePage.objects.get()


@pytest.fixture
def trust_demo(home):
    """The demo's six policy pages, contact page, operator and menus."""
    summary = LoadSummary()
    trust_demo_load(summary=summary)
    return summary


def _settings() -> SiteSettings:
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


# ---------- page tree ----------

def test_policy_and_contact_pages_go_only_under_the_home_page(home, trust_demo):
    news_index = NewsIndexPage.objects.get()
    programme = ProgrammePage(title="Chương trình OCOP", slug="ocop-test")
    home.add_child(instance=programme)

    assert InfoPage.can_create_at(home) is True
    assert InfoPage.can_create_at(news_index) is False
    assert InfoPage.can_create_at(programme) is False
    assert InfoPage.can_create_at(Page.get_first_root_node()) is False
    # one contact page per site: the demo's exists, so no second one anywhere
    assert ContactPage.can_create_at(home) is False
    assert ContactPage.can_create_at(programme) is False


def test_contact_page_can_be_created_under_the_home_page_while_there_is_none(home):
    assert ContactPage.can_create_at(home) is True
    assert ContactPage.can_create_at(NewsIndexPage.objects.get()) is False


def test_policy_and_contact_pages_have_no_children(trust_demo):
    info = InfoPage.objects.get(slug="giao-hang")
    contact = ContactPage.objects.get()

    assert InfoPage.allowed_subpage_models() == []
    assert ContactPage.allowed_subpage_models() == []
    assert InfoPage.can_create_at(info) is False
    assert ProgrammePage.can_create_at(info) is False
    assert InfoPage.can_create_at(contact) is False


# ---------- demo ----------

def test_demo_publishes_six_policy_pages_a_contact_page_the_operator_and_menus(home, trust_demo):
    pages = list(InfoPage.objects.child_of(home).live().order_by("path").values_list("title", "last_updated"))
    assert pages == [(title, datetime.date(2026, 11, 1)) for title in POLICY_TITLES]
    assert ContactPage.objects.live().get().url == "/lien-he/"

    settings = _settings()
    assert settings.operator_name == (
        "Văn phòng Điều phối Chương trình MTQG xây dựng nông thôn mới tỉnh Thanh Hóa")
    assert settings.hotline == "0237 3852 999"
    assert settings.hotline_tel == "+842373852999"
    assert settings.email == "hotro@ocop-thanhhoa.vn"
    # the programme page and the story and event indexes: only those that exist (no programme demo here)
    assert [item.link_page.slug for item in settings.main_menu_items.order_by("sort_order")] == [
        "tin-tuc", "chuyen-nguoi-lam-ocop", "su-kien", "lien-he"]
    assert [(link.column, link.link_page.slug) for link in settings.footer_links.order_by("sort_order")] == [
        ("Chính sách", "giao-hang"), ("Chính sách", "doi-tra"), ("Chính sách", "thanh-toan"),
        ("Chính sách", "chinh-sach-bao-mat"), ("Chính sách", "dieu-khoan-su-dung"),
        ("Về chúng tôi", "gioi-thieu"), ("Về chúng tôi", "lien-he"),
    ]
    assert trust_demo.created["policy pages"] == 6
    assert trust_demo.created["contact page"] == 1
    assert trust_demo.created["menu links"] == 11


def test_demo_run_twice_changes_nothing_and_keeps_an_editors_changes(home, trust_demo):
    settings = _settings()
    settings.hotline = "0912 345 678"
    settings.save()
    MainMenuItem.objects.filter(link_page__slug="su-kien").delete()

    again = LoadSummary()
    trust_demo_load(summary=again)

    assert again.total_created == 0
    assert again.total_updated == 0
    assert InfoPage.objects.count() == 6
    assert ContactPage.objects.count() == 1
    assert _settings().hotline == "0912 345 678"
    assert MainMenuItem.objects.count() == 3
    assert FooterLink.objects.count() == 7


# ---------- rendering ----------

@pytest.mark.parametrize(("slug", "title", "phrase"), [
    ("giao-hang", "Giao hàng", "22.000 ₫ cho 500 g đầu tiên"),
    ("doi-tra", "Đổi trả và hoàn tiền", "trong vòng 7 ngày kể từ ngày nhận hàng"),
    ("thanh-toan", "Thanh toán", "Thanh toán khi nhận hàng (COD)"),
    ("chinh-sach-bao-mat", "Chính sách bảo mật", "Nghị định 13/2023/NĐ-CP"),
    ("dieu-khoan-su-dung", "Điều khoản sử dụng", "Luật Bảo vệ quyền lợi người tiêu dùng năm 2023"),
    ("gioi-thieu", "Giới thiệu", "cơ quan thường trực Chương trình Mỗi xã một sản phẩm"),
])
def test_each_policy_page_renders_its_body_date_and_whom_to_ask(client, trust_demo, slug, title, phrase):
    response = client.get(f"/{slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 class="news-article__title">{title}</h1>' in html
    assert phrase in html
    assert 'Cập nhật lần cuối:\n                <time datetime="2026-11-01">01/11/2026</time>' in html
    assert '<a href="tel:+842373852999">0237 3852 999</a>' in html
    assert f'<link rel="canonical" href="http://testserver/{slug}/">' in html


def test_policy_page_never_offers_card_payment(client, trust_demo):
    html = client.get("/thanh-toan/").content.decode().lower()

    assert "visa" not in html
    assert "thẻ tín dụng" not in html


def test_contact_page_renders_the_operator_and_the_form(client, trust_demo):
    response = client.get("/lien-he/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<dt>Đường dây nóng</dt>" in html
    assert 'name="csrfmiddlewaretoken"' in html
    for field in ("name", "phone", "email", "subject", "message", "website"):
        assert f'name="{field}"' in html
    assert '<div class="contact-form__trap" aria-hidden="true">' in html


# ---------- settings validation ----------

@pytest.mark.parametrize(("field", "value", "message"), [
    ("hotline", "12345", "Số điện thoại không hợp lệ. Nhập số di động hoặc cố định Việt Nam, ví dụ 0912 345 678."),
    ("facebook_url", "http://facebook.com/ocop", "Đường dẫn phải là địa chỉ an toàn bắt đầu bằng https://."),
    ("email", "hotro@", "Vui lòng nhập địa chỉ email hợp lệ."),
])
def test_settings_refuse_a_bad_hotline_link_or_email(field, value, message):
    settings = _settings()
    setattr(settings, field, value)

    with pytest.raises(ValidationError) as refused:
        settings.full_clean()

    assert refused.value.message_dict[field] == [message]


@pytest.mark.parametrize(("fields", "errors"), [
    ({"label": "Trang chủ"}, {"link_page": ["Chọn một trang hoặc nhập đường dẫn."]}),
    ({"link_url": "/shop/catalogue/"}, {"label": ["Liên kết bằng đường dẫn cần có nhãn."]}),
    ({"label": "X", "link_url": "javascript:alert(1)"}, {"link_url": [
        "Nhập đường dẫn trong trang bắt đầu bằng / (ví dụ /shop/catalogue/) hoặc địa chỉ bắt đầu bằng https://."]}),
    ({"label": "X", "link_url": "//evil.example/"}, {"link_url": [
        "Nhập đường dẫn trong trang bắt đầu bằng / (ví dụ /shop/catalogue/) hoặc địa chỉ bắt đầu bằng https://."]}),
])
def test_a_menu_link_needs_a_page_or_a_safe_address_with_a_label(fields, errors):
    link = MainMenuItem(setting=_settings(), **fields)

    with pytest.raises(ValidationError) as refused:
        link.full_clean()

    assert refused.value.message_dict == errors


def test_a_menu_link_to_a_page_and_an_address_at_once_is_refused(home):
    link = MainMenuItem(setting=_settings(), link_page=home, link_url="/shop/")

    with pytest.raises(ValidationError) as refused:
        link.full_clean()

    assert refused.value.message_dict == {"link_url": ["Chọn một trang hoặc nhập đường dẫn, không chọn cả hai."]}
