"""A shopper on a phone searches from the header box: a suggestion picked with the keyboard, then a search."""

import pytest

from tests.search import search_index_drain, search_shelf_make

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BOX = "#site-search-q"
OPTIONS = "#site-search-suggestions [role=option]"


def _pick_a_suggestion(page, *, base_url: str, product_url: str) -> dict:
    page.goto(f"{base_url}/shop/basket/")
    box = page.locator(BOX)
    before = {"role": box.get_attribute("role"), "expanded": box.get_attribute("aria-expanded"),
              "controls": box.get_attribute("aria-controls")}
    box.click()
    box.press_sequentially("mat o", delay=30)
    page.wait_for_selector(OPTIONS)
    listed = {"expanded": box.get_attribute("aria-expanded"), "titles": page.locator(OPTIONS).all_inner_texts()}
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    chosen = {"active": active, "selected": page.locator(f"#{active}").get_attribute("aria-selected")}
    box.press("Enter")
    page.wait_for_url(f"**{product_url}")
    return {"before": before, "listed": listed, "chosen": chosen,
            "title": page.locator("h1").first.inner_text().strip()}


def test_a_suggestion_chosen_with_the_arrow_keys_opens_the_product(live_server, in_phone_browser,
                                                                   search_index_listening):
    # given nine indexed products, one of them the Bá Thước honey
    shelf = search_shelf_make()
    search_index_drain()
    honey = shelf["mat_ong"]

    # when a shopper on a phone types "mat o" in the header box, arrows down to the suggestion and presses Enter
    seen = in_phone_browser(lambda page: _pick_a_suggestion(
        page, base_url=live_server.url, product_url=honey.get_absolute_url()))

    # then the box was a combobox controlling the suggestion list, and Enter opened the honey's page
    assert seen["before"] == {"role": "combobox", "expanded": "false", "controls": "site-search-suggestions"}
    assert seen["listed"] == {"expanded": "true", "titles": ["Mật ong hoa rừng Bá Thước chai 500 ml"]}
    assert seen["chosen"] == {"active": "site-search-suggestions-0", "selected": "true"}
    assert seen["title"] == "Mật ong hoa rừng Bá Thước chai 500 ml"


def _search(page, *, base_url: str) -> dict:
    page.goto(f"{base_url}/shop/basket/")
    box = page.locator(BOX)
    box.click()
    box.press_sequentially("nem chua", delay=30)
    box.press("Enter")
    page.wait_for_url("**/shop/search/?q=nem+chua")
    return {
        "titles": page.locator(".ocop-card__title a").all_inner_texts(),
        "box": page.locator(BOX).input_value(),
        "overflow": page.evaluate("document.documentElement.scrollWidth - window.innerWidth"),
    }


def test_enter_searches_and_shows_the_nem_chua_first(live_server, in_phone_browser, search_index_listening):
    # given nine indexed products, three of them from the Hạc Thành nem chua cooperative
    search_shelf_make()
    search_index_drain()

    # when a shopper types "nem chua" in the header box and presses Enter without choosing a suggestion
    seen = in_phone_browser(lambda page: _search(page, base_url=live_server.url))

    # then the search page lists the two nem chua first, keeps the words in the box and fits the phone
    assert seen["titles"][:2] == ["Nem chua Hạc Thành túi 50 cái", "Nem chua lá ổi hộp 30 cái"]
    assert seen["box"] == "nem chua"
    assert seen["overflow"] == 0
