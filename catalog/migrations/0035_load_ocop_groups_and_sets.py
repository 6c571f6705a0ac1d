"""The classification of Decision 26/2026/QĐ-TTg, Appendix I: 6 product groups, 26 product sets."""

from django.db import migrations

GROUPS = [
    ("I", "Thực phẩm"),
    ("II", "Đồ uống"),
    ("III", "Dược liệu và sản phẩm từ dược liệu"),
    ("IV", "Thủ công mỹ nghệ"),
    ("V", "Sinh vật cảnh"),
    ("VI", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"),
]

SETS = [
    (1, "I.1.a", "I", "Rau, củ, quả, hạt tươi"),
    (2, "I.1.b", "I", "Thịt, thủy sản, trứng, sữa tươi"),
    (3, "I.2.a", "I", "Gạo, ngũ cốc, hạt sơ chế khác"),
    (4, "I.2.b", "I", "Mật ong, mật khác và nông sản thực phẩm khác"),
    (5, "I.3.a", "I", "Đồ ăn nhanh"),
    (6, "I.3.b", "I", "Chế biến từ gạo, ngũ cốc"),
    (7, "I.3.c", "I", "Chế biến từ rau, củ, quả, hạt"),
    (8, "I.3.d", "I", "Chế biến từ thịt, thủy sản, trứng, sữa, mật ong và nông sản thực phẩm khác"),
    (9, "I.4.a", "I", "Tương, nước mắm, gia vị dạng lỏng khác"),
    (10, "I.4.b", "I", "Gia vị khác (muối, hành, tỏi, tiêu...)"),
    (11, "I.5.a", "I", "Chè tươi, chè chế biến"),
    (12, "I.5.b", "I", "Sản phẩm trà từ thực vật khác"),
    (13, "I.6", "I", "Sản phẩm cà phê, ca cao"),
    (14, "II.1.a", "II", "Rượu trắng"),
    (15, "II.1.b", "II", "Đồ uống có cồn khác"),
    (16, "II.2.a", "II", "Nước khoáng thiên nhiên, nước uống đóng chai"),
    (17, "II.2.b", "II", "Đồ uống không cồn khác"),
    (18, "III.1", "III", "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền"),
    (19, "III.2", "III", "Mỹ phẩm có thành phần từ dược liệu"),
    (20, "III.3", "III", "Tinh dầu và dược liệu khác"),
    (21, "IV.1", "IV", "Thủ công mỹ nghệ gia dụng, trang trí"),
    (22, "IV.2", "IV", "Vải, may mặc"),
    (23, "V.1", "V", "Hoa"),
    (24, "V.2", "V", "Cây cảnh"),
    (25, "V.3", "V", "Động vật cảnh"),
    (26, "VI.1", "VI", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"),
]


def load(apps, schema_editor):
    ProductGroup = apps.get_model("catalogue", "ProductGroup")
    ProductSet = apps.get_model("catalogue", "ProductSet")
    groups = {}
    for position, (code, name) in enumerate(GROUPS, start=1):
        groups[code], _ = ProductGroup.objects.update_or_create(
            code=code, defaults={"name": name, "position": position},
        )
    for number, code, group_code, name in SETS:
        ProductSet.objects.update_or_create(
            number=number, defaults={"code": code, "group": groups[group_code], "name": name},
        )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0034_product_ocop_columns")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
