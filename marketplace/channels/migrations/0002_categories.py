"""Fill the channel category of each OCOP product set with Google product taxonomy paths (in Vietnamese).

Defaults only: staff change them in the Django admin.
"""

from django.db import migrations

FOOD = "Thực phẩm, Đồ uống & Thuốc lá > Thực phẩm"
DRINKS = "Thực phẩm, Đồ uống & Thuốc lá > Đồ uống"
HEALTH = "Sức khỏe & Sắc đẹp"
HOME = "Nhà cửa & Vườn"

# OCOP product set number (Decision 26/2026/QĐ-TTg, Appendix I) -> channel category.
DEFAULT_CATEGORIES = {
    1: f"{FOOD} > Rau củ quả",
    2: f"{FOOD} > Thịt, hải sản & trứng",
    3: f"{FOOD} > Ngũ cốc, gạo & hạt",
    4: f"{FOOD} > Gia vị & nước chấm > Mật ong",
    5: f"{FOOD} > Món ăn chế biến sẵn",
    6: f"{FOOD} > Bánh",
    7: f"{FOOD} > Đồ ăn vặt",
    8: f"{FOOD} > Thịt, hải sản & trứng",
    9: f"{FOOD} > Gia vị & nước chấm",
    10: f"{FOOD} > Gia vị & hương liệu",
    11: f"{DRINKS} > Trà & trà thảo mộc",
    12: f"{DRINKS} > Trà & trà thảo mộc",
    13: f"{DRINKS} > Cà phê",
    14: f"{DRINKS} > Đồ uống có cồn > Rượu mạnh",
    15: f"{DRINKS} > Đồ uống có cồn",
    16: f"{DRINKS} > Nước",
    17: f"{DRINKS} > Nước ép",
    18: f"{HEALTH} > Chăm sóc sức khỏe > Thể dục & dinh dưỡng > Vitamin & thực phẩm bổ sung",
    19: f"{HEALTH} > Chăm sóc cá nhân > Mỹ phẩm",
    20: f"{HEALTH} > Chăm sóc cá nhân",
    21: f"{HOME} > Đồ trang trí",
    22: "Quần áo & Phụ kiện",
    23: f"{HOME} > Cây cối > Hoa",
    24: f"{HOME} > Cây cối",
    25: "Động vật & Đồ dùng cho thú cưng > Động vật sống",
    26: "Du lịch & Trải nghiệm",
}


def categories_fill(apps, schema_editor):
    ProductSet = apps.get_model("catalogue", "ProductSet")
    ChannelCategory = apps.get_model("channels", "ChannelCategory")
    for product_set in ProductSet.objects.filter(number__in=DEFAULT_CATEGORIES):
        ChannelCategory.objects.get_or_create(
            product_set=product_set, defaults={"name": DEFAULT_CATEGORIES[product_set.number]},
        )


class Migration(migrations.Migration):

    dependencies = [
        ("channels", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(categories_fill, migrations.RunPython.noop),
    ]
