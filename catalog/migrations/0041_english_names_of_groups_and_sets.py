"""English names of the 6 product groups and 26 product sets (Decision 26/2026/QĐ-TTg, Appendix I).

Written next to the Vietnamese names of 0035, which a fresh database loads first; keyed like them, by group code
and set number. The English follows the programme's own usage where it has one (the Ministry's "OCOP product
groups": food, beverages, medicinal herbs, handicrafts, ornamental plants and animals, rural tourism) and
translates the decision's wording otherwise. The categories that mirror the groups and sets get the same names.
"""

from collections.abc import Callable

from django.db import migrations

GROUPS_EN = {
    "I": "Food",
    "II": "Beverages",
    "III": "Medicinal herbs and herbal products",
    "IV": "Handicrafts",
    "V": "Ornamental plants and animals",
    "VI": "Community-based tourism, eco-tourism and tourist sites",
}

SETS_EN = {
    1: "Fresh vegetables, tubers, fruit and nuts",
    2: "Fresh meat, aquatic products, eggs and milk",
    3: "Rice, cereals and other pre-processed grains",
    4: "Honey, other syrups and other agricultural food products",
    5: "Fast food",
    6: "Processed rice and cereal products",
    7: "Processed vegetables, tubers, fruit and nuts",
    8: "Processed meat, aquatic products, eggs, milk, honey and other agricultural food products",
    9: "Fermented soybean sauce, fish sauce and other liquid condiments",
    10: "Other seasonings (salt, shallots, garlic, pepper...)",
    11: "Fresh and processed tea",
    12: "Tea products from other plants",
    13: "Coffee and cocoa products",
    14: "White spirits",
    15: "Other alcoholic beverages",
    16: "Natural mineral water and bottled drinking water",
    17: "Other non-alcoholic beverages",
    18: "Functional foods, herbal medicines and traditional medicines",
    19: "Cosmetics with herbal ingredients",
    20: "Essential oils and other medicinal herbs",
    21: "Household and decorative handicrafts",
    22: "Textiles and garments",
    23: "Flowers",
    24: "Ornamental plants",
    25: "Ornamental animals",
    26: "Community-based tourism, eco-tourism and tourist sites",
}


def _write_english_names(apps, *, group_name: Callable[[str], str], set_name: Callable[[int], str]) -> None:
    ProductGroup = apps.get_model("catalogue", "ProductGroup")
    ProductSet = apps.get_model("catalogue", "ProductSet")
    Category = apps.get_model("catalogue", "Category")
    rows = [(ProductGroup, group, group_name(group.code)) for group in ProductGroup.objects.all()]
    rows += [(ProductSet, product_set, set_name(product_set.number)) for product_set in ProductSet.objects.all()]
    for model, row, name_en in rows:
        model.objects.filter(pk=row.pk).update(name_en=name_en)
        if row.category_id is not None:
            Category.objects.filter(pk=row.category_id).update(name_en=name_en)


def name_in_english(apps, schema_editor):
    _write_english_names(apps, group_name=lambda code: GROUPS_EN.get(code, ""),
                         set_name=lambda number: SETS_EN.get(number, ""))


def forget_english_names(apps, schema_editor):
    _write_english_names(apps, group_name=lambda code: "", set_name=lambda number: "")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0040_english_name_columns")]
    operations = [migrations.RunPython(name_in_english, forget_english_names)]
