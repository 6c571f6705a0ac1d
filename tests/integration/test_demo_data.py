"""`manage.py load_demo_data`: the rating portal's demo accounts, rounds and dossiers, loaded once and only once.

The command loads the whole catalogue, so everything is checked in one test per load.
"""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F
from django.test import Client, override_settings
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.models import Product
from marketplace.demo.catalogue_data import REFERENCE_DATE
from marketplace.demo.rating import DEMO_PASSWORD, MEMBER_EMAILS
from marketplace.shop.order.statuses import GROUP_STATUSES
from ocop_rating import roles
from ocop_rating.certificates.models import Certificate
from ocop_rating.dossiers.services import CommuneCheck, dossier_commune_forward
from ocop_rating.models import (
    Assignment,
    CommuneOfficer,
    Dossier,
    DossierEvent,
    EvaluationRound,
    Result,
    Scorecard,
)
from tests.functional.shop import elements

pytestmark = pytest.mark.django_db

FulfilmentGroup = get_model("order", "FulfilmentGroup")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def _load() -> str:
    out = StringIO()
    call_command("load_demo_data", "--no-images", stdout=out)
    return out.getvalue()


def _users_per_role() -> dict[str, list[str]]:
    return {
        role: sorted(get_user_model().objects.filter(groups__name=role).values_list("email", flat=True))
        for role in roles.ROLES
    }


def _state():
    return (
        sorted(Dossier.objects.values_list("product__upc", "kind", "status")),
        sorted(EvaluationRound.objects.values_list("name", "status")),
        sorted(Scorecard.objects.values_list("pk", "status", "total")),
        sorted(Certificate.objects.values_list("code", "status")),
        DossierEvent.objects.count(),
    )


def test_demo_data_gives_every_rating_role_work_and_a_second_run_changes_nothing():
    # When the demo is loaded into an empty database
    output = _load()

    # Then there is one account per role (four council members), all signing in with the demo password
    assert _users_per_role() == {
        roles.PRODUCER: ["banhgai@ocop.vn", "chuthe@ocop.vn", "matong@ocop.vn", "nuocmam@ocop.vn"],
        roles.COMMUNE_OFFICER: ["canbo.xa@ocop.vn"],
        roles.SECRETARIAT: ["vanphong.ocop@ocop.vn"],
        roles.COUNCIL_MEMBER: sorted(MEMBER_EMAILS),
        roles.COUNCIL_CHAIR: ["chutich.hoidong@ocop.vn"],
        roles.DECISION_SIGNER: ["nguoiky@ocop.vn"],
    }
    producer = get_user_model().objects.get(email="chuthe@ocop.vn")
    assert producer.get_full_name() == "Mai Thị Hằng"
    assert producer.check_password(DEMO_PASSWORD)
    assert sorted(producer.partners.values_list("code", flat=True)) == [
        "htx-coi-my-nghe-nga-son", "htx-nem-chua-hac-thanh",
    ]
    # The producer portal's accounts: one per further producer, and one for assisted listing.
    assert sorted(
        (email, code) for email, code in get_user_model().objects.filter(partners__isnull=False)
        .values_list("email", "partners__code")
    ) == [
        ("banhgai@ocop.vn", "hkd-banh-gai-ba-nhung"),
        ("chuthe@ocop.vn", "htx-coi-my-nghe-nga-son"), ("chuthe@ocop.vn", "htx-nem-chua-hac-thanh"),
        ("matong@ocop.vn", "trang-trai-mat-ong-rung-ba-thuoc"),
        ("nuocmam@ocop.vn", "cty-nuoc-mam-bien-xanh-sam-son"),
    ]
    assistant = get_user_model().objects.get(email="hotro.dangban@ocop.vn")
    assert (assistant.has_perm("producers.act_for_producer"), assistant.is_staff) == (True, False)
    assert sorted(CommuneOfficer.objects.values_list("user__email", "ward_code")) == [
        ("canbo.xa@ocop.vn", 14797), ("canbo.xa@ocop.vn", 16093),
    ]
    for line in ("producer          chuthe@ocop.vn / ocop-demo-2026",
                 "council member    thanhvien4@ocop.vn / ocop-demo-2026",
                 "decision signer   nguoiky@ocop.vn / ocop-demo-2026",
                 "producer          matong@ocop.vn / ocop-demo-2026",
                 "assisted listing  hotro.dangban@ocop.vn / ocop-demo-2026",
                 "CMS editor        bientap@ocop.vn / ocop-demo-2026",
                 "CMS moderator     kiemduyet@ocop.vn / ocop-demo-2026",
                 "CMS publisher     xuatban@ocop.vn / ocop-demo-2026"):
        assert line in output
    # The CMS accounts: one per editorial group, none of them staff of the shop
    assert sorted(get_user_model().objects.filter(groups__name__in=[
        "Biên tập viên", "Kiểm duyệt viên", "Người xuất bản"]).values_list("email", "groups__name", "is_staff")) == [
        ("bientap@ocop.vn", "Biên tập viên", False),
        ("kiemduyet@ocop.vn", "Kiểm duyệt viên", False),
        ("xuatban@ocop.vn", "Người xuất bản", False),
    ]

    # And each producer with a portal account has orders in every state, paid on delivery; most delivered
    # ones have their cash recorded, and one order holds the four producers' parcels
    groups = FulfilmentGroup.objects.filter(partner__users__isnull=False).distinct()
    assert {code: sorted(set(groups.filter(partner__code=code).values_list("status", flat=True)))
            for code in groups.values_list("partner__code", flat=True).distinct()} == dict.fromkeys(
        ["cty-nuoc-mam-bien-xanh-sam-son", "hkd-banh-gai-ba-nhung", "htx-nem-chua-hac-thanh",
         "trang-trai-mat-ong-rung-ba-thuoc"], sorted(GROUP_STATUSES))
    assert Order.objects.count() == 65
    assert set(Order.objects.values_list("sources__source_type__code", flat=True)) == {"cod"}
    assert (groups.filter(status="delivered").count(), groups.exclude(cod_amount_collected=None).count()) == (40, 36)
    mixed = Order.objects.annotate(parcels=Count("fulfilment_groups")).get(parcels=4)
    assert sorted(mixed.fulfilment_groups.values_list("status", flat=True)) == [
        "cancelled", "confirmed", "pending", "shipped"]
    assert StockRecord.objects.filter(num_allocated__gt=F("num_in_stock")).count() == 0

    # And one finalised round and one round being scored
    assert sorted(EvaluationRound.objects.values_list("name", "status")) == [
        ("Đợt 1 năm 2026", "finalised"), ("Đợt 2 năm 2026", "scoring"),
    ]
    # And dossiers at every step of the workflow
    assert sorted(Dossier.objects.values_list("product__upc", "kind", "status")) == [
        ("OCOP-TH-0001", "upgrade", "forwarded"),
        ("OCOP-TH-0002", "upgrade", "returned"),
        ("OCOP-TH-0003", "re_evaluation", "draft"),
        ("OCOP-TH-0004", "upgrade", "proposed_central"),
        ("OCOP-TH-0016", "upgrade", "in_round"),
        ("OCOP-TH-0017", "upgrade", "submitted"),
        ("OCOP-TH-0018", "upgrade", "in_round"),
        ("OCOP-TH-0019", "re_evaluation", "recognised"),
        ("OCOP-TH-0020", "first", "recognised"),
    ]
    assert Dossier.objects.get(product__upc="OCOP-TH-0002").returned_reason.startswith(
        "Phiếu kết quả kiểm nghiệm nộp kèm đã quá 12 tháng."
    )
    # And the finalised round's results were decided: 4★ and 3★ certified, 5★ proposed to the Ministry
    results = {
        upc: (star, status, code)
        for upc, star, status, code in Result.objects.values_list(
            "dossier__product__upc", "star", "status", "certificate__code",
        )
    }
    assert results == {
        "OCOP-TH-0020": (4, "decided", "38-16093-006-2026"),
        "OCOP-TH-0019": (3, "decided", "38-16093-007-2026"),
        "OCOP-TH-0004": (5, "proposed_central", None),
    }
    for upc in ("OCOP-TH-0020", "OCOP-TH-0019"):
        product = Product.objects.get(upc=upc)
        assert product.certificate.decision_number == "4718/QĐ-UBND"
        assert product.certificate.valid_until == datetime.date(2029, 11, 20)
    finalised_sheets = Scorecard.objects.filter(assignment__round__name="Đợt 1 năm 2026")
    assert Counter(finalised_sheets.values_list("status", flat=True)) == {"locked": 15}

    # And in the round being scored every member has both dossiers to score, some sheets still to do
    scoring = EvaluationRound.objects.get(name="Đợt 2 năm 2026")
    per_member = Counter(Assignment.objects.filter(round=scoring).values_list("member__user__email", flat=True))
    assert per_member == {"chutich.hoidong@ocop.vn": 2, **dict.fromkeys(MEMBER_EMAILS, 2)}
    sheets = Counter(Scorecard.objects.filter(assignment__round=scoring).values_list("status", flat=True))
    assert sheets == {"submitted": 4, "draft": 2}
    assert Assignment.objects.filter(round=scoring, scorecard__isnull=True).count() == 4

    # And one certificate is in its re-evaluation window (180 to 120 days before expiry) and is the shop's star
    expiring = Certificate.objects.get(product__upc="OCOP-TH-0003", status="active")
    assert (expiring.code, expiring.stars, expiring.valid_until) == (
        "38-14797-003-2024", 4, datetime.date(2027, 5, 14),
    )
    assert 120 <= (expiring.valid_until - REFERENCE_DATE).days <= 180
    assert Product.objects.get(upc="OCOP-TH-0003").certificate == expiring
    assert expiring.events.get().note == "Cấp theo quyết định 1912/QĐ-UBND."

    # When a demo user takes a step (the commune forwards the waiting dossier) and the demo is loaded again
    waiting = Dossier.objects.get(product__upc="OCOP-TH-0017")
    officer = get_user_model().objects.get(email="canbo.xa@ocop.vn")
    dossier_commune_forward(
        dossier=waiting, actor=officer,
        check=CommuneCheck(local_raw_materials_ok=True, local_labour_ok=True, idea_origin_ok=True,
                           local_identity_ok=True),
    )
    before = _state()
    again = _load()

    # Then nothing is created or updated, and the user's step is not undone
    assert "Demo data loaded: 0 rows created, 0 updated." in again
    assert _state() == before
    assert Dossier.objects.get(pk=waiting.pk).status == "forwarded"


def test_menu_links_to_the_certificate_check_and_to_the_portal_only_for_rating_roles():
    # Given the demo accounts
    _load()
    page = reverse("ocop_rating:verify_search")

    def links(client: Client) -> list[str]:
        html = client.get(page).content.decode()
        return [tag.get("href") for tag in elements(html) if tag["<tag>"] == "a"]

    # Then everyone gets the public certificate check
    assert page in links(Client())
    assert reverse("ocop_rating:portal") not in links(Client())
    # And a council member is linked to the portal, a shopper is not
    member, shopper = Client(), Client()
    assert member.login(username=MEMBER_EMAILS[0], password=DEMO_PASSWORD)
    assert shopper.login(username="khachhang@ocop.vn", password=DEMO_PASSWORD)
    assert reverse("ocop_rating:portal") in links(member)
    assert reverse("ocop_rating:portal") not in links(shopper)


@override_settings(DEMO_DATA_ALLOWED=False)
def test_demo_data_is_refused_where_not_allowed_and_writes_nothing():
    users = get_user_model().objects.count()

    with pytest.raises(CommandError) as refused:
        call_command("load_demo_data", "--no-images")

    assert str(refused.value).startswith("The demo creates accounts for every role")
    assert (get_user_model().objects.count(), Product.objects.count()) == (users, 0)
