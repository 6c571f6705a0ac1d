"""From the editor's desk to the home page, in Chromium: an editor writes a news article with a product card and
submits it for review, a moderator approves it (which publishes it, cms migration 0007), and a shopper on a
phone finds it among the home page's latest news, with the product's card at today's price.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group

from marketplace.cms.editorial import EDITORIAL_WORKFLOW, EDITORS_GROUP, MODERATORS_GROUP
from marketplace.cms.models import NewsArticlePage, NewsIndexPage
from tests.factories import PASSWORD, CertificateFactory, ProductFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Nước mắm Đông Hải lên kệ hội chợ OCOP 2026"


def _member(group_name: str, username: str):
    user = UserFactory(username=username, email=f"{username}@ocop.vn")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def _cms_sign_in(page, *, base_url: str, username: str, next_path: str) -> None:
    """Sign in on Wagtail's own login page (/cms/login/) and wait to land on ``next_path``."""
    page.goto(f"{base_url}/cms/login/?next={next_path}")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url(lambda address: urlsplit(address).path == next_path)


def _footer_action(page, selector: str):
    """A button of the editor's footer action menu, opening the menu's dropdown first when it is folded in it."""
    button = page.locator(selector)
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    return button


def _editor_writes_and_submits(page, *, base_url: str, add_path: str, product_title: str) -> dict:
    _cms_sign_in(page, base_url=base_url, username="bientap", next_path=add_path)
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Sản phẩm 4 sao của Hợp tác xã Đông Hải có mặt tại gian hàng số 12.")
    # The body: one product card, chosen in the product chooser's modal
    body = page.locator('[data-contentpath="body"]')
    body.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name="Thẻ sản phẩm").click()
    page.get_by_role("button", name="Chọn sản phẩm").click()
    page.locator(".modal [data-chooser-modal-choice]", has_text=product_title).click()
    page.locator(".modal").wait_for(state="hidden")
    chosen = body.locator(".chooser__title").first.inner_text().strip()
    # Submitting for review is all an editor can do: there is no publish button for them
    publish_buttons = page.locator('button[name="action-publish"]').count()
    _footer_action(page, 'button[name="action-submit"]').click()
    page.wait_for_url(lambda address: urlsplit(address).path != add_path)
    return {"chosen": chosen, "publish_buttons": publish_buttons}


def _moderator_approves(page, *, base_url: str, edit_path: str) -> str:
    _cms_sign_in(page, base_url=base_url, username="kiemduyet", next_path=edit_path)
    _footer_action(page, 'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])').click()
    page.wait_for_load_state("networkidle")
    return page.locator(".messages").first.inner_text().strip()


def _shopper_reads(page, *, base_url: str) -> dict:
    page.goto(f"{base_url}/", wait_until="networkidle")
    news = page.locator(".home-news")
    titles = [title.strip() for title in news.locator(".news-card__title").all_inner_texts()]
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path="/tmp/home_phone.png", full_page=True)
    news.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state("networkidle")
    card = page.locator(".news-article__body .cms-product")
    return {
        "titles": titles,
        "home_width": width,
        "path": urlsplit(page.url).path,
        "card_title": card.locator(".ocop-card__title").inner_text().strip(),
        "card_price": card.locator(".ocop-card__price").inner_text().strip(),
        "article_width": page.evaluate("document.documentElement.scrollWidth"),
    }


def test_an_approved_article_reaches_the_home_page_with_its_live_product_card(
    live_server, in_desktop_browser, in_phone_browser,
):
    # Given a 4★ fish sauce at 125.000 ₫, an editor and a moderator, and the news index
    product = ProductFactory(title="Nước mắm cá cơm Đông Hải", stockrecord__price=125000)
    CertificateFactory(product=product, stars=4)
    _member(EDITORS_GROUP, "bientap")
    _member(MODERATORS_GROUP, "kiemduyet")
    news_index = NewsIndexPage.objects.get()
    base = live_server.url

    # When the editor writes an article with the product's card and submits it for review
    written = in_desktop_browser(lambda page: _editor_writes_and_submits(
        page, base_url=base, add_path=f"/cms/pages/add/cms/newsarticlepage/{news_index.pk}/",
        product_title=product.title,
    ))

    # Then it waits for review, not live
    assert written == {"chosen": "Nước mắm cá cơm Đông Hải", "publish_buttons": 0}
    article = NewsArticlePage.objects.get(title=TITLE)
    assert (article.live, article.current_workflow_state.workflow.name) == (False, EDITORIAL_WORKFLOW)
    assert [(block.block_type, block.value.pk) for block in article.get_latest_revision_as_object().body] == [
        ("product", product.pk)]

    # When a moderator approves it
    message = in_desktop_browser(lambda page: _moderator_approves(
        page, base_url=base, edit_path=f"/cms/pages/{article.pk}/edit/"))

    # Then it is published
    article.refresh_from_db()
    assert (article.live, article.has_unpublished_changes) == (True, False)
    assert TITLE in message

    # When the producer lowers the price, and a shopper opens the home page on a phone
    product.stockrecords.update(price=99000)
    read = in_phone_browser(lambda page: _shopper_reads(page, base_url=base))

    # Then the article leads the latest news, and its page shows the product's card at today's price
    assert read["titles"] == [TITLE]
    assert read["path"] == article.url
    assert (read["card_title"], read["card_price"]) == ("Nước mắm cá cơm Đông Hải", "99.000\xa0₫")
    assert read["home_width"] == read["article_width"] == 390
