"""Factories that follow the forked models: OCOP products, producers, certificates, VND stock."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import Product, ProductSet
from marketplace.producers.models import Producer
from ocop_rating import roles
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import product_certificate_set
from ocop_rating.models import CriteriaVersion

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")

THANH_HOA = 38
# Communes/wards of Thanh Hóa after the 2025 reform (codes from `vietnam-provinces`).
WARD_BIM_SON = 14812  # Phường Bỉm Sơn
WARD_DONG_QUANG = 16417  # Phường Đông Quang
WARD_DONG_SON = 16378  # Phường Đông Sơn
PASSWORD = "mat-khau-an-toan"  # noqa: S105
HANOI = 1
WARD_BA_DINH = 4  # Phường Ba Đình, Hà Nội


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"khach{n}")
    email = factory.Sequence(lambda n: f"khach{n}@example.vn")
    first_name = "Lê Thị"
    last_name = "Hoa"
    password = factory.django.Password(PASSWORD)
    is_active = True
    is_staff = False
    is_superuser = False

    class Meta:
        model = get_user_model()


def producer_user(*producers, **fields):
    """A user with the producer role working for ``producers`` (a user of each one's Oscar Partner)."""
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=roles.PRODUCER))
    for producer in producers:
        producer.partner.users.add(user)
    return user


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"HTX Nông sản {n}")

    class Meta:
        model = Partner


class ProducerFactory(factory.django.DjangoModelFactory):
    partner = factory.SubFactory(PartnerFactory, name=factory.SelfAttribute("..name"))
    name = factory.Sequence(lambda n: f"Hợp tác xã Đông Sơn {n}")
    slug = factory.Sequence(lambda n: f"htx-dong-son-{n}")
    legal_form = Producer.LegalForm.COOPERATIVE
    province_code = THANH_HOA
    ward_code = WARD_DONG_SON
    address_line = "Thôn 1"
    phone = "+84912345678"

    class Meta:
        model = Producer


class ProductClassFactory(factory.django.DjangoModelFactory):
    name = "Sản phẩm OCOP"
    requires_shipping = True
    track_stock = True

    class Meta:
        model = ProductClass
        django_get_or_create = ("name",)


class CategoryFactory(factory.django.DjangoModelFactory):
    """A root category created through treebeard (Oscar's own factory fakes the tree paths)."""

    name = factory.Sequence(lambda n: f"Danh mục {n}")

    class Meta:
        model = Category

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent = kwargs.pop("parent", None)
        if parent is not None:
            return parent.add_child(**kwargs)
        return model_class.add_root(**kwargs)


class ProductFactory(factory.django.DjangoModelFactory):
    """A public standalone OCOP product of a Thanh Hóa producer, with one VND stock record.

    Pass `stockrecord=None` for a product without stock record, or `stockrecord__price=…`,
    `stockrecord__num_in_stock=…` to shape it.
    """

    title = factory.Sequence(lambda n: f"Nước mắm Đông Hải {n}")
    upc = factory.Sequence(lambda n: f"893{n:010d}")
    structure = Product.STANDALONE
    is_public = True
    product_class = factory.SubFactory(ProductClassFactory)
    producer = factory.SubFactory(ProducerFactory)
    ocop_set = factory.LazyFunction(lambda: ProductSet.objects.get(number=9))
    origin_province_code = THANH_HOA
    origin_ward_code = WARD_DONG_SON
    weight_grams = 500

    class Meta:
        model = Product
        skip_postgeneration_save = True

    stockrecord = factory.RelatedFactory("tests.factories.StockRecordFactory", factory_related_name="product")


class StockRecordFactory(factory.django.DjangoModelFactory):
    product = factory.SubFactory(ProductFactory, stockrecord=None)
    partner = factory.LazyAttribute(lambda o: o.product.producer.partner)
    partner_sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price_currency = "VND"
    price = Decimal("125000")
    num_in_stock = 10
    num_allocated = 0

    class Meta:
        model = StockRecord


class ProductImageFactory(factory.django.DjangoModelFactory):
    product = factory.SubFactory(ProductFactory)
    original = factory.django.ImageField(width=8, height=8, color="green", filename="anh-san-pham.jpg")
    caption = ""
    display_order = 0

    class Meta:
        model = ProductImage


def _today() -> datetime.date:
    return timezone.localdate()


class CertificateFactory(factory.django.DjangoModelFactory):
    """An active 4★ provincial certificate issued a month ago, set as the product's current one.

    Pass `current=False` to leave the product's badge pointer alone.
    """

    product = factory.SubFactory(ProductFactory)
    stars = 4
    code = factory.Sequence(lambda n: f"OCOP-TH-2026-{n:05d}")
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-UBND")
    decision_date = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=30))
    issuing_level = factory.LazyAttribute(
        lambda o: Certificate.IssuingLevel.CENTRAL if o.stars == 5 else Certificate.IssuingLevel.PROVINCE
    )
    criteria_version = factory.LazyFunction(lambda: CriteriaVersion.objects.get(code="QD26-2026"))
    score_total = Decimal("72.50")
    issued_on = factory.LazyAttribute(lambda o: o.decision_date)
    valid_until = factory.LazyAttribute(lambda o: o.issued_on + datetime.timedelta(days=3 * 365))
    status = Certificate.Status.ACTIVE

    class Meta:
        model = Certificate
        skip_postgeneration_save = True

    class Params:
        expired = factory.Trait(
            decision_date=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=3 * 365 + 10)),
            valid_until=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=1)),
        )
        revoked = factory.Trait(
            status=Certificate.Status.REVOKED,
            revocation_reason="Vi phạm an toàn thực phẩm",
        )

    @factory.post_generation
    def current(self, create, extracted, **kwargs):
        if create and extracted is not False:
            product_certificate_set(product=self.product, certificate=self)
