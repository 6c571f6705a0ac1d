"""Who the producer portal works for: a producer's own users, and staff doing assisted listing.

Anonymous visitors are sent to sign in; a signed-in user who works for no producer gets the portal's
403 page; a user of several producers picks one; staff with ``producers.act_for_producer`` pick any
producer, and everything they do is recorded with both identities.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from marketplace.producers.models import ProducerAction
from tests.factories import ProducerFactory, UserFactory, producer_user
from tests.functional.shop import elements

pytestmark = pytest.mark.django_db

HOME = reverse("producer_portal:home")


def _assistant():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="act_for_producer"))
    return user


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('customer:login')}?next={HOME}"


def test_a_customer_gets_the_portal_403_page(client_for):
    response = client_for(UserFactory()).get(HOME)
    assert response.status_code == 403
    assert "Trang này dành cho chủ thể bán hàng trên sàn." in response.content.decode()


def test_a_partner_user_without_the_producer_role_gets_403(client_for):
    # Given a partner user whose producer role was taken away, then the portal is closed to them.
    producer = ProducerFactory()
    user = UserFactory()
    producer.partner.users.add(user)
    assert client_for(user).get(HOME).status_code == 403


def test_a_producer_user_works_for_their_producer_and_the_header_links_the_portal(client_for):
    producer = ProducerFactory(name="HTX Nem chua Vạn Thắng")
    client = client_for(producer_user(producer))
    page = client.get(HOME).content.decode()
    assert f'data-producer="{producer.pk}"' in page
    assert "HTX Nem chua Vạn Thắng" in page
    assert 'class="site-account__producer" href="/producer/"' in page
    assert "Đổi chủ thể" not in page


def test_a_user_of_two_producers_picks_one_and_cannot_pick_a_stranger(client_for):
    first, second, stranger = ProducerFactory(name="A Nông sản"), ProducerFactory(name="B Nông sản"), ProducerFactory()
    client = client_for(producer_user(first, second))
    assert f'data-producer="{first.pk}"' in client.get(HOME).content.decode()

    page = client.get(reverse("producer_portal:choose"))
    token = page.cookies["csrftoken"].value
    refused = client.post(reverse("producer_portal:choose"), {"producer": stranger.pk, "csrfmiddlewaretoken": token})
    assert refused.status_code == 200
    assert "Chủ thể không hợp lệ." in refused.content.decode()
    assert f'data-producer="{first.pk}"' in client.get(HOME).content.decode()

    client.post(reverse("producer_portal:choose"), {"producer": second.pk, "csrfmiddlewaretoken": token})
    assert f'data-producer="{second.pk}"' in client.get(HOME).content.decode()


def test_assisted_listing_records_both_identities(client_for):
    producer = ProducerFactory(name="Hộ kinh doanh Mắm tôm Hậu Lộc")
    assistant = _assistant()
    client = client_for(assistant)
    chooser = client.get(HOME)
    assert chooser.status_code == 302
    assert chooser["Location"] == reverse("producer_portal:assist")

    token = client.get(reverse("producer_portal:assist")).cookies["csrftoken"].value
    client.post(reverse("producer_portal:assist"), {"producer": producer.pk, "csrfmiddlewaretoken": token})
    page = client.get(HOME).content.decode()
    assert f'data-producer="{producer.pk}"' in page
    assert "Thao tác thay chủ thể: Lê Thị Hoa" in page
    client.post(reverse("producer_portal:assist_stop"), {"csrfmiddlewaretoken": token})

    assert list(ProducerAction.objects.order_by("pk").values_list("producer_id", "actor_id", "assisted", "action")) == [
        (producer.pk, assistant.pk, True, "assist_start"),
        (producer.pk, assistant.pk, True, "assist_stop"),
    ]
    assert client.get(HOME)["Location"] == reverse("producer_portal:assist")


def test_assisted_listing_ends_when_the_permission_is_taken_away(client_for):
    producer = ProducerFactory()
    assistant = _assistant()
    client = client_for(assistant)
    token = client.get(reverse("producer_portal:assist")).cookies["csrftoken"].value
    client.post(reverse("producer_portal:assist"), {"producer": producer.pk, "csrfmiddlewaretoken": token})
    assistant.user_permissions.clear()

    assert client.get(HOME).status_code == 403
    assert client.get(reverse("producer_portal:assist")).status_code == 403


def test_only_assisted_listing_staff_may_open_the_chooser(client_for):
    assert client_for(UserFactory(is_staff=True)).get(reverse("producer_portal:assist")).status_code == 403
    assert client_for(producer_user(ProducerFactory())).get(reverse("producer_portal:assist")).status_code == 403


def test_the_producers_dossier_pages_link_to_the_portal(client_for):
    client = client_for(producer_user(ProducerFactory()))
    for name, link in [("ocop_rating:dossier_list", '<a class="ocop-dossier__shop" href="/producer/">'),
                       ("ocop_rating:portal", '<a class="btn btn-link ocop-home-dossiers__shop" href="/producer/">')]:
        assert link in client.get(reverse(name)).content.decode(), name


def test_the_portal_menu_and_home_lead_to_every_area(client_for):
    producer = ProducerFactory()
    page = client_for(producer_user(producer)).get(HOME).content.decode()

    for name in ("listing_list", "listing_create", "order_list", "sales_overview", "bulk_home", "channel_settings",
                 "onboarding_staff"):
        assert f'href="{reverse(f"producer_portal:{name}")}"' in page, name
    # the menu marks the area the page belongs to, for the eye and for screen readers
    client = client_for(producer_user(producer))
    for url, current in ((HOME, "home"), (reverse("producer_portal:bulk_home"), "listing_list"),
                         (reverse("producer_portal:sales_overview"), "sales_overview")):
        menu = elements(client.get(url).content, aria_current="page")
        assert [link["href"] for link in menu] == [reverse(f"producer_portal:{current}")], url
