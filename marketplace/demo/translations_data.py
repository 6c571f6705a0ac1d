"""The demo's English pages: the home page, the news index, the programme pages and three news articles.

A programme page or an article is given in the shape of its Vietnamese spec (programme_data, news_data): the
same blocks in the same order, with English texts, so each Vietnamese text is paired with its English one
(``marketplace.demo.translations``). The home page and the news index, whose Vietnamese texts come from the
CMS migrations, are given as Vietnamese text → English text; a text of the home page without an entry here
stays in Vietnamese in the English page until an editor translates it in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.demo.programme_data import HOW_STARS_SLUG


@dataclass(frozen=True)
class EnglishPage:
    title: str
    intro: str
    """The page's intro (programme page) or summary (article)."""
    body: tuple[tuple, ...]


HOME: dict[str, str] = {
    "Chợ OCOP Thanh Hóa": "Thanh Hóa OCOP Marketplace",
    "Đặc sản mỗi xã một sản phẩm của xứ Thanh, được Hội đồng tỉnh đánh giá và công nhận hạng sao.":
        "Thanh Hóa's One Commune One Product specialities, assessed and star-rated by the provincial council.",
    # The hero and its buttons (marketplace.demo.home)
    "Đặc sản xứ Thanh, đã được chứng nhận OCOP": "Specialities of Thanh Hóa, OCOP certified",
    "Mua tận gốc từ hợp tác xã và hộ sản xuất của Thanh Hóa: mỗi sản phẩm được Hội đồng tỉnh chấm điểm, "
    "hạng sao tra cứu được bằng mã in trên bao bì.":
        "Buy straight from Thanh Hóa's cooperatives and household producers: every product is scored by the "
        "provincial council, and its stars can be checked with the code printed on the pack.",
    "Mua sản phẩm OCOP": "Shop OCOP products",
    "Sản phẩm được gắn sao thế nào?": "How do products earn their stars?",
    "Tra cứu giấy chứng nhận": "Check a certificate",
}

NEWS_INDEX: dict[str, str] = {
    "Tin tức": "News",
    "Tin về chương trình Mỗi xã một sản phẩm (OCOP) của tỉnh Thanh Hóa: hội chợ, sản phẩm mới công nhận, chuyện "
    "người làm OCOP.":
        "News of Thanh Hóa province's One Commune One Product (OCOP) programme: trade fairs, newly certified "
        "products and the people who make them.",
}

AUTHORS: dict[str, str] = {
    "Văn phòng Điều phối Nông thôn mới tỉnh Thanh Hóa": "Thanh Hóa Provincial New Rural Development Coordination Office",
}

PROGRAMMES: dict[str, EnglishPage] = {
    "chuong-trinh-nong-thon-moi": EnglishPage(
        title="The New Rural Development programme",
        intro=(
            "The national target programme for New Rural Development looks after the infrastructure, livelihoods "
            "and daily life of people in the countryside. Thanh Hóa's New Rural Development Coordination Office "
            "advises the province on it, including the One Commune One Product (OCOP) programme."
        ),
        body=(
            ("h2", "New rural areas and the products of the villages"),
            ("p", "Building new rural areas is not only about roads, schools and health stations: it is also about "
                  "what people earn. The OCOP programme is part of it: each commune and ward finds a distinctive "
                  "product made from local ingredients, labour and know-how, then improves its quality, its "
                  "packaging and its markets."),
            ("p", "Since 1 July 2025, with the district level gone, the people's committee of the commune or ward "
                  "receives the producers' OCOP dossiers and sends them to the province; the provincial council "
                  "assesses and rates products at 3 and 4 stars."),
            ("figure", "communes", "communes and wards with OCOP products on sale in the marketplace",
             "Counted live from the shop: only products whose star rating is still valid."),
            ("figure", "producers", "OCOP producers selling in the marketplace", ""),
            ("h2", "The provincial New Rural Development Coordination Office"),
            ("p", "The office, part of the Department of Agriculture and Environment, receives and checks the OCOP "
                  "product dossiers put forward by communes and wards, helps the provincial people's committee set "
                  "up the assessment and rating council, and reports the results to localities and producers."),
        ),
    ),
    "chuong-trinh-ocop": EnglishPage(
        title="The OCOP programme",
        intro=(
            "The One Commune One Product (OCOP) programme helps cooperatives, small businesses and households bring "
            "the distinctive products of their home place to market, with their quality assessed by provincial and "
            "national councils and rated from 3 to 5 stars."
        ),
        body=(
            ("h2", "OCOP in the marketplace today"),
            ("figure", "products", "OCOP products rated 3 stars or more on sale",
             "Counted live from the shop: products whose certificate has expired are not counted."),
            ("figure", "products_5", "5-star OCOP products", ""),
            ("figure", "producers", "OCOP producers", "Cooperatives, cooperative groups, businesses, farms and households."),
            ("h2", "Six product groups"),
            ("p", "OCOP products fall into six sectors: food; drinks; medicinal herbs and herbal products; handicrafts; "
                  "ornamental plants and animals; and community tourism, eco-tourism and tourist sites. The six "
                  "sectors are divided into 17 groups and 26 product sets, each with its own scoring sheet."),
            ("h2", "OCOP in Thanh Hóa over the years"),
            ("timeline", "The province's OCOP products rated 3 stars or more", (
                ("August 2021", "120 products", "1 five-star, 30 four-star and 89 three-star products."),
                ("November 2022", "196 products", "1 five-star, 44 four-star and 151 three-star products."),
                ("November 2023", "436 products", "1 five-star, 56 four-star and 379 three-star products."),
                ("July 2024", "517 products", "From 384 producers; most of them food (402 products)."),
                ("End of 2025", "Over 660 products", "From 492 producers in 166 communes and wards; 2 five-star products."),
            )),
            ("figure_typed", "1,000", "OCOP products: the province's target for 2027",
             "Including 10 five-star products; the 2026–2030 period puts quality before quantity."),
            ("p", "Find out how a product is scored and given its stars on the page below."),
        ),
    ),
    HOW_STARS_SLUG: EnglishPage(
        title="How a product earns its stars",
        intro=(
            "An OCOP star rating is not something sellers write themselves. Products are scored by the assessment "
            "and rating council against the criteria issued with the Prime Minister's Decision 26/2026/QĐ-TTg of "
            "22 May 2026, and the stars only count while the certificate is valid."
        ),
        body=(
            ("h2", "A 100-point scale"),
            ("p", "Each product set has its own scoring sheet in three parts: Part A – Product and community strength "
                  "(40 points); Part B – Marketing capacity (25 points); Part C – Product quality (35 points). Each "
                  "council member fills in one sheet; the rating follows the average total score."),
            ("h2", "Points and stars"),
            ("p", "90 to 100 points: 5 stars (recognised at national level). 70 to under 90 points: 4 stars. 50 to "
                  "under 70 points: 3 stars. Under 50 points means 1 or 2 stars: not recognised and no certificate. "
                  "Besides the total, a product must also reach the minimum level of the criteria marked for each "
                  "star rating."),
            ("timeline", "The steps of assessment and rating", (
                ("Step 1", "The producer files a dossier with the commune or ward",
                 "A cooperative, cooperative group, business, farm or household files the registration form (Form "
                 "01) and a self-assessment with its own scores and evidence (Form 02) with the people's committee "
                 "of the commune or ward."),
                ("Within 15 working days", "The commune or ward checks it and puts it forward",
                 "The commune's people's committee checks the dossier, assesses the local ingredients, local labour, "
                 "the origin of the idea and its local identity (Form 03), then sends the dossier to the province "
                 "with 5 product samples."),
                ("At least twice a year", "The provincial council scores",
                 "An advisory team reviews the dossiers and may visit producers and ask for further testing. The "
                 "council brings together representatives of the provincial departments; each member fills in one "
                 "sheet against the product's criteria."),
                ("After the council meets", "3 and 4 stars are recognised",
                 "The chair of the provincial people's committee decides on recognition and issues the certificates. "
                 "Products scoring 90 points or more are put forward by the province for a 5-star national "
                 "assessment."),
                ("National level", "5 stars are recognised",
                 "The national council assesses; the Minister of Agriculture and Environment decides on 5-star "
                 "recognition. If the national score is under 90, the province may recognise 3 or 4 stars on that "
                 "result."),
                ("36 months", "Certificates expire",
                 "A certificate is valid for 36 months from the date it is issued. To keep its stars, the producer "
                 "files for re-assessment between 180 and 120 days before it expires."),
            )),
            ("h2", "Stars can be lost"),
            ("p", "A certificate is revoked when the declared information was untrue, the product no longer meets the "
                  "criteria when inspected, quality, food-safety or labelling rules are broken, the OCOP logo is "
                  "used misleadingly, or the producer stops making the product. In this marketplace, a product only "
                  "shows its stars while its certificate is valid."),
            ("figure", "products_3", "3-star products on sale", ""),
            ("figure", "products_4", "4-star products on sale", ""),
            ("figure", "products_5", "5-star products on sale", ""),
            ("verify", "Check a product's star rating",
             "Enter the certificate code printed on the packaging (or scan the QR code on it) to see how many stars "
             "the product has, who makes it and until when its certificate is valid."),
        ),
    ),
}

ARTICLES: dict[str, EnglishPage] = {
    "thanh-hoa-cong-nhan-san-pham-ocop-dot-1-nam-2026": EnglishPage(
        title="Thanh Hóa certifies new OCOP products in its first round of 2026",
        intro=(
            "The provincial people's committee has issued Decision 4718/QĐ-UBND recognising the results of the first "
            "OCOP assessment round of 2026; two sedge products from Nga Sơn were rated 4 and 3 stars."
        ),
        body=(
            ("p", "On 20 November 2026, the people's committee of Thanh Hóa province issued Decision 4718/QĐ-UBND "
                  "recognising the results of the first 2026 round of assessment and rating of products in the One "
                  "Commune One Product (OCOP) programme. The provincial council scored the products against the new "
                  "criteria issued with the Prime Minister's Decision 26/2026/QĐ-TTg."),
            ("p", "In this round, the lidded sedge market basket of the Nga Sơn Sedge Handicraft Cooperative was rated "
                  "4 stars and the same cooperative's round sedge mat 3 stars. A lean pork sausage scoring over 90 "
                  "points was put forward by the council for national 5-star recognition."),
            ("product", "OCOP-TH-0020"),
            ("h2", "Certificates are valid for 36 months"),
            ("p", "An OCOP product certificate is valid for 36 months from the date of the decision. Shoppers can scan "
                  "the QR code on the packaging or enter the certificate code on the checking page to see the star "
                  "rating and validity of each product."),
            ("quote", "Each council member scores independently on their own sheet and the result is the average, so "
                      "every star reflects the product's true quality and its story.",
             "Standing committee of the provincial OCOP assessment and rating council"),
            ("image", "Nga Sơn sedge baskets at the announcement of the results"),
        ),
    ),
    "hoi-cho-ocop-thanh-hoa-2026": EnglishPage(
        title="Thanh Hóa OCOP Fair 2026 brings together more than 200 stands",
        intro=(
            "Over five days on Lam Sơn Square the fair welcomed tens of thousands of visitors, and OCOP producers' "
            "sales rose sharply on the year before."
        ),
        body=(
            ("p", "The 2026 Thanh Hóa OCOP Fair had more than 200 stands of cooperatives, businesses and household "
                  "producers from the province and neighbouring provinces. A shared exhibition area presented the "
                  "six OCOP product groups, from food, drinks and medicinal herbs to handicrafts and community "
                  "tourism."),
            ("p", "Many stands sold out within the first two days, above all fermented pork rolls, wild honey and "
                  "fish sauce. Visitors were shown how to scan the QR code to check each product's OCOP certificate."),
            ("product", "OCOP-TH-0001"),
            ("product", "OCOP-TH-0040"),
            ("video", "https://www.youtube.com/watch?v=ocopthanhhoa26",
             "The Thanh Hóa OCOP Fair 2026 at a glance", "A three-minute report on the fair's opening day."),
            ("image", "The OCOP product exhibition on Lam Sơn Square"),
        ),
    ),
    "huong-dan-tra-cuu-giay-chung-nhan-ocop": EnglishPage(
        title="How to check an OCOP certificate with its QR code",
        intro=(
            "Every OCOP product has a certificate code printed on its packaging; scan the QR code or enter the code "
            "to see its star rating, the recognition decision and its validity."
        ),
        body=(
            ("p", "An OCOP product code is made of the province code, the commune code, a serial number kept by the "
                  "commune and the year of assessment, for example 38-14797-003-2024. The QR code on the label leads "
                  "to the province's public checking page."),
            ("p", "The checking page shows the product, the producer, the number of stars, the number and date of the "
                  "decision, the level that recognised it and the expiry date. An expired or revoked certificate is "
                  "clearly marked, and the shop no longer shows stars for that product."),
            ("p", "If the information on the packaging differs from the checking page, shoppers can report it to the "
                  "provincial New Rural Development Coordination Office."),
        ),
    ),
}
