"""The demo catalogue as data: fictional producers in real Thanh Hóa communes, their products, certificates.

Producers, phone numbers and certificates are invented for the demo; places and product traditions are real.
Producer slugs and UPCs are the rows' keys: add new ones, never rename. Certificate codes are numbered per
commune in order of decision date, so a certificate added to an existing demo database must be dated after
the others of its commune.
"""

import datetime
from dataclasses import dataclass

THANH_HOA = 38
# The demo's dates are fixed so that every run writes the same rows; active certificates are valid on
# this date and for years after it (one expires within six months, to show the warning).
REFERENCE_DATE = datetime.date(2026, 11, 28)
CERTIFICATE_VALIDITY_MONTHS = 36

PRODUCT_CLASS_GOODS = "Sản phẩm OCOP"
PRODUCT_CLASS_TOURISM = "Dịch vụ du lịch"
TOURISM_SET = 26


@dataclass(frozen=True)
class ProducerSpec:
    slug: str
    name: str
    legal_form: str
    ward_code: int
    address_line: str
    phone: str
    story: str


@dataclass(frozen=True)
class RatingRound:
    """One recognition decision (đợt công nhận) that several certificates share."""

    decision_number: str
    decision_date: datetime.date
    issuing_level: str
    criteria_version: str


@dataclass(frozen=True)
class CertificateSpec:
    round_key: str
    stars: int
    score: str
    status: str = "active"
    revocation_reason: str = ""


@dataclass(frozen=True)
class ProductSpec:
    upc: str
    producer: str
    set_number: int
    title: str
    description: tuple[str, ...]
    price: int
    stock: int
    weight_grams: int
    certificates: tuple[CertificateSpec, ...] = ()
    """Oldest first; the last one is the product's current certificate."""


ROUNDS: dict[str, RatingRound] = {
    # QĐ 1048/QĐ-TTg (2019): the province recognised 3★ and 4★.
    "P2020": RatingRound("5412/QĐ-UBND", datetime.date(2020, 12, 18), "province", "QD1048-2019"),
    "P2021": RatingRound("3796/QĐ-UBND", datetime.date(2021, 9, 24), "province", "QD1048-2019"),
    "P2022": RatingRound("2108/QĐ-UBND", datetime.date(2022, 6, 15), "province", "QD1048-2019"),
    # QĐ 148/QĐ-TTg (2023): 3★ went to the district until QĐ 1489 (July 2025), so these rounds hold 4★ only.
    "P2023": RatingRound("4587/QĐ-UBND", datetime.date(2023, 11, 10), "province", "QD148-2023"),
    "P2024A": RatingRound("1036/QĐ-UBND", datetime.date(2024, 3, 20), "province", "QD148-2023"),
    "P2024B": RatingRound("3318/QĐ-UBND", datetime.date(2024, 8, 27), "province", "QD148-2023"),
    "P2024C": RatingRound("5170/QĐ-UBND", datetime.date(2024, 12, 16), "province", "QD148-2023"),
    "P2025A": RatingRound("1725/QĐ-UBND", datetime.date(2025, 5, 9), "province", "QD148-2023"),
    "C2025": RatingRound("2361/QĐ-BNNMT", datetime.date(2025, 6, 30), "central", "QD148-2023"),
    # QĐ 148 as amended by QĐ 1489: the province recognises 3★ and 4★.
    "P2025B": RatingRound("3902/QĐ-UBND", datetime.date(2025, 10, 21), "province", "QD148-2023"),
    "C2026": RatingRound("984/QĐ-BNNMT", datetime.date(2026, 3, 12), "central", "QD148-2023"),
    "P2026A": RatingRound("1388/QĐ-UBND", datetime.date(2026, 4, 14), "province", "QD148-2023"),
    # QĐ 26/2026/QĐ-TTg
    "P2026B": RatingRound("4015/QĐ-UBND", datetime.date(2026, 10, 6), "province", "QD26-2026"),
}

# The older national decisions the rounds above were scored under: code → (name, legal basis, in force
# from). Their sheets are not loaded: the loader keeps them as inactive versions, so certificates can
# point at them and no new dossier is opened under them (as migration 0012 does for real registers).
HISTORICAL_CRITERIA_VERSIONS: dict[str, tuple[str, str, datetime.date]] = {
    "QD1048-2019": (
        "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 1048/QĐ-TTg",
        "Quyết định số 1048/QĐ-TTg ngày 21/8/2019 của Thủ tướng Chính phủ",
        datetime.date(2019, 8, 21),
    ),
    "QD148-2023": (
        "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 148/QĐ-TTg",
        "Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ",
        datetime.date(2023, 2, 24),
    ),
}

REASON_LABEL = (
    "Chủ thể thay đổi bao bì, nhãn hàng hóa khác với hồ sơ đã được đánh giá và không khắc phục "
    "trong thời hạn theo yêu cầu của Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh."
)
REASON_QUALITY = (
    "Kết quả kiểm nghiệm mẫu hậu kiểm không đạt chỉ tiêu chất lượng đã công bố; chủ thể không duy trì "
    "được điều kiện sản xuất như tại thời điểm đánh giá."
)


def _active(round_key: str, stars: int, score: str) -> CertificateSpec:
    return CertificateSpec(round_key=round_key, stars=stars, score=score)


def _expired(round_key: str, stars: int, score: str) -> CertificateSpec:
    return CertificateSpec(round_key=round_key, stars=stars, score=score, status="expired")


def _revoked(round_key: str, stars: int, score: str, reason: str) -> CertificateSpec:
    return CertificateSpec(round_key=round_key, stars=stars, score=score, status="revoked", revocation_reason=reason)


PRODUCERS: tuple[ProducerSpec, ...] = (
    ProducerSpec(
        slug="htx-nem-chua-hac-thanh",
        name="Hợp tác xã Nem chua Hạc Thành",
        legal_form="cooperative",
        ward_code=14797,  # Phường Hạc Thành
        address_line="Số 27, ngõ 5 phố Đội Cung",
        phone="0237 3852 617",
        story=(
            "Hợp tác xã được thành lập năm 2016 từ mười hai hộ làm nem lâu năm quanh khu chợ cũ của thành phố. "
            "Thịt lợn nạc được chọn từ các trại chăn nuôi trong tỉnh, giã và trộn thính ngay trong buổi sáng, "
            "rồi gói bằng lá chuối, lá ổi theo cách các bà, các mẹ vẫn làm. "
            "Mỗi mẻ nem đều ghi ngày gói để khách biết khi nào nem chua tới độ ngon nhất."
        ),
    ),
    ProducerSpec(
        slug="hkd-gio-cha-ba-hien",
        name="Hộ kinh doanh Giò chả Bà Hiền",
        legal_form="household_business",
        ward_code=14758,  # Phường Hàm Rồng
        address_line="Số 112, tổ dân phố 7",
        phone="0912 468 135",
        story=(
            "Bà Hiền theo nghề giò chả từ năm mười tám tuổi, học từ mẹ và bà ngoại. "
            "Đến nay cơ sở vẫn giã giò bằng cối đá vào lúc rạng sáng để thịt giữ được độ dai và thơm. "
            "Các con của bà đã cùng làm, đăng ký hộ kinh doanh và đưa sản phẩm đi khắp các tỉnh phía Bắc."
        ),
    ),
    ProducerSpec(
        slug="cty-nuoc-mam-bien-xanh-sam-son",
        name="Công ty TNHH Nước mắm Biển Xanh Sầm Sơn",
        legal_form="enterprise",
        ward_code=16531,  # Phường Sầm Sơn
        address_line="Lô 4, khu chế biến hải sản phía Nam",
        phone="0237 3791 204",
        story=(
            "Công ty do hai anh em trong một gia đình làm mắm ba đời ở Sầm Sơn thành lập năm 2012. "
            "Cá cơm được mua ngay tại bến khi tàu vừa cập, ướp muối hạt trong ngày và ủ chượp trong thùng gỗ "
            "từ mười hai đến mười tám tháng. "
            "Nhà xưởng mới đạt chứng nhận an toàn thực phẩm nhưng mọi công đoạn chính vẫn theo cách làm truyền thống."
        ),
    ),
    ProducerSpec(
        slug="htx-hai-san-hoang-thanh",
        name="Hợp tác xã Dịch vụ và Chế biến hải sản Hoằng Thanh",
        legal_form="cooperative",
        ward_code=16000,  # Xã Hoằng Thanh
        address_line="Thôn Bắc Hải",
        phone="0388 215 746",
        story=(
            "Hợp tác xã gồm ba mươi hai thành viên là các gia đình ngư dân vùng biển Hoằng Thanh. "
            "Con moi, con tép được phơi trên giàn tre ngay sau chuyến đánh bắt rồi ủ với muối biển theo công thức "
            "riêng của làng. "
            "Hợp tác xã bao tiêu sản phẩm cho thành viên, giúp bà con có thu nhập ổn định cả trong những tháng biển động."
        ),
    ),
    ProducerSpec(
        slug="htx-coi-my-nghe-nga-son",
        name="Hợp tác xã Cói mỹ nghệ Nga Sơn",
        legal_form="cooperative",
        ward_code=16093,  # Xã Nga Sơn
        address_line="Thôn Trung Đông",
        phone="0237 3871 559",
        story=(
            "Nga Sơn nổi tiếng với nghề dệt chiếu cói hàng trăm năm nay. "
            "Hợp tác xã tập hợp hơn tám mươi thợ dệt, phần lớn là phụ nữ, làm việc ngay tại nhà vào lúc nông nhàn. "
            "Cói được trồng trên vùng bãi bồi ven biển, chẻ, phơi và nhuộm màu tự nhiên trước khi lên khung dệt."
        ),
    ),
    ProducerSpec(
        slug="tht-mam-cay-nga-thang",
        name="Tổ hợp tác Mắm cáy Nga Thắng",
        legal_form="cooperative_group",
        ward_code=16114,  # Xã Nga Thắng
        address_line="Xóm 3, thôn Thắng Lợi",
        phone="0979 530 218",
        story=(
            "Tổ hợp tác gồm chín hộ ở vùng bãi bồi, nơi con cáy sinh sống trong các bãi sú vẹt. "
            "Cáy được bắt vào mùa nước ấm, giã nhuyễn với muối và thính gạo rang, rồi phơi nắng trong chum sành "
            "suốt ba tháng. "
            "Món mắm cáy đậm vị của vùng biển Nga Sơn nay đã có nhãn mác và truy xuất nguồn gốc rõ ràng."
        ),
    ),
    ProducerSpec(
        slug="hkd-banh-gai-ba-nhung",
        name="Hộ kinh doanh Bánh gai Bà Nhung",
        legal_form="household_business",
        ward_code=15499,  # Xã Thọ Xuân
        address_line="Thôn Phú Xá",
        phone="0868 402 119",
        story=(
            "Gia đình bà Nhung làm bánh gai hơn bốn mươi năm, theo nếp làng nghề bánh gai vùng Thọ Xuân. "
            "Lá gai được hái ở vườn nhà, luộc và giã kỹ với gạo nếp cái hoa vàng, nhân đỗ xanh đãi vỏ trộn dừa "
            "và mỡ lợn. "
            "Bánh được gói bằng lá chuối khô, buộc lạt giang và hấp bằng bếp củi."
        ),
    ),
    ProducerSpec(
        slug="htx-banh-keo-truyen-thong-vinh-loc",
        name="Hợp tác xã Bánh kẹo truyền thống Vĩnh Lộc",
        legal_form="cooperative",
        ward_code=15349,  # Xã Vĩnh Lộc
        address_line="Thôn Phủ Quảng",
        phone="0237 3870 382",
        story=(
            "Vùng đất quanh Thành nhà Hồ có nghề làm chè lam từ lâu đời, món quà quê khách phương xa thường mua về. "
            "Hợp tác xã dùng gạo nếp, mật mía và gừng của bà con trong vùng, sao nổ gạo trên chảo gang "
            "và cán bằng tay. "
            "Hợp tác xã còn đón khách tham quan xem làm chè lam vào các dịp lễ, Tết."
        ),
    ),
    ProducerSpec(
        slug="hsx-banh-rang-bua-co-hanh",
        name="Hộ sản xuất Bánh răng bừa Cô Hạnh",
        legal_form="production_household",
        ward_code=16279,  # Xã Nông Cống
        address_line="Thôn Đông Hưng",
        phone="0356 781 240",
        story=(
            "Cô Hạnh bắt đầu bán bánh răng bừa ở chợ phiên từ năm 2005, rồi mở rộng thành cơ sở sản xuất tại nhà. "
            "Bột gạo tẻ được xay từ gạo mới, quấy chín rồi gói cùng nhân thịt, mộc nhĩ trong lá dong. "
            "Bánh được hấp trong ngày và giao lạnh cho khách trong tỉnh."
        ),
    ),
    ProducerSpec(
        slug="htx-nong-nghiep-xanh-thieu-hoa",
        name="Hợp tác xã Nông nghiệp Xanh Thiệu Hóa",
        legal_form="cooperative",
        ward_code=15772,  # Xã Thiệu Hóa
        address_line="Thôn Đồng Lợi",
        phone="0237 3842 716",
        story=(
            "Hợp tác xã liên kết với hơn hai trăm hộ trồng lúa trên cánh đồng mẫu lớn ven sông Chu. "
            "Lúa được canh tác theo quy trình giảm phân bón hóa học, thu hoạch đúng độ chín và sấy ngay trong ngày. "
            "Gạo được xay xát, đóng gói tại xưởng của hợp tác xã và in mã truy xuất trên từng túi."
        ),
    ),
    ProducerSpec(
        slug="dn-mien-gao-yen-dinh",
        name="Doanh nghiệp tư nhân Miến gạo Yên Định",
        legal_form="enterprise",
        ward_code=15469,  # Xã Yên Định
        address_line="Khu phố Quán Lào",
        phone="0237 3869 041",
        story=(
            "Yên Định là vựa lúa của tỉnh, nơi doanh nghiệp thu mua gạo của các hợp tác xã trong vùng. "
            "Miến, bún và phở được tráng, cắt sợi và phơi khô tự nhiên, không dùng chất tẩy trắng hay hàn the. "
            "Doanh nghiệp đang tạo việc làm thường xuyên cho hơn ba mươi lao động địa phương."
        ),
    ),
    ProducerSpec(
        slug="trang-trai-mat-ong-rung-ba-thuoc",
        name="Trang trại Mật ong rừng Bá Thước",
        legal_form="farm",
        ward_code=14923,  # Xã Bá Thước
        address_line="Bản Kho Mường",
        phone="0973 615 820",
        story=(
            "Trang trại nuôi hơn bốn trăm đàn ong nội dưới tán rừng tự nhiên trên núi đá vôi. "
            "Ong lấy mật từ hoa rừng, hoa ban và hoa của các loại cây thuốc, nên mật có màu hổ phách và vị ngọt "
            "thanh. "
            "Mỗi năm trang trại chỉ quay mật hai vụ để đàn ong luôn khỏe và mật đạt độ chín."
        ),
    ),
    ProducerSpec(
        slug="htx-du-lich-cong-dong-pu-luong",
        name="Hợp tác xã Du lịch cộng đồng Mây Pù Luông",
        legal_form="cooperative",
        ward_code=14956,  # Xã Pù Luông
        address_line="Bản Đôn",
        phone="0975 204 683",
        story=(
            "Hợp tác xã do các gia đình người Thái trong bản cùng góp nhà sàn, ruộng bậc thang và sức lao động "
            "thành lập. "
            "Khách được ở trong nhà sàn gỗ, ăn cơm lam, gà đồi cùng chủ nhà và đi bộ giữa những thửa ruộng "
            "bậc thang của khu bảo tồn Pù Luông. "
            "Một phần doanh thu được dành để giữ gìn đội văn nghệ và nghề dệt thổ cẩm của bản."
        ),
    ),
    ProducerSpec(
        slug="htx-ruou-truyen-thong-quang-phu",
        name="Hợp tác xã Rượu truyền thống Quảng Phú",
        legal_form="cooperative",
        ward_code=16522,  # Phường Quảng Phú
        address_line="Khu phố Phú Thượng",
        phone="0237 3675 218",
        story=(
            "Nghề nấu rượu ở Quảng Phú được truyền qua nhiều thế hệ, gắn với đồng lúa nếp ven biển. "
            "Hợp tác xã nấu rượu bằng men lá tự ủ, chưng cất trên nồi đồng và hạ thổ trong chum sành "
            "ít nhất sáu tháng. "
            "Mỗi lô rượu đều được kiểm nghiệm trước khi đóng chai."
        ),
    ),
    ProducerSpec(
        slug="htx-che-xuan-du",
        name="Hợp tác xã Chè Xuân Du",
        legal_form="cooperative",
        ward_code=16234,  # Xã Xuân Du
        address_line="Thôn Đồng Chè",
        phone="0986 327 514",
        story=(
            "Những đồi chè ở Xuân Du được trồng từ thời nông trường, nay do các hộ thành viên hợp tác xã chăm sóc. "
            "Búp chè được hái một tôm hai lá vào buổi sáng, héo, vò và sao bằng chảo gang trong ngày. "
            "Hợp tác xã chuyển dần sang canh tác theo hướng hữu cơ để giữ vị chát dịu, hậu ngọt của chè vùng đồi."
        ),
    ),
    ProducerSpec(
        slug="cty-lam-san-xanh-thuong-xuan",
        name="Công ty cổ phần Lâm sản Xanh Thường Xuân",
        legal_form="enterprise",
        ward_code=15646,  # Xã Thường Xuân
        address_line="Khu phố 3",
        phone="0237 3873 605",
        story=(
            "Thường Xuân là vùng quế nổi tiếng của xứ Thanh, nơi cây quế được trồng dưới tán rừng từ nhiều đời. "
            "Công ty liên kết với hơn một trăm năm mươi hộ đồng bào dân tộc Thái, Mường trồng quế theo hướng bền vững. "
            "Vỏ quế được bóc, phơi khô và chưng cất tinh dầu tại xưởng ngay trong vùng nguyên liệu."
        ),
    ),
    ProducerSpec(
        slug="htx-may-tre-dan-hoang-hoa",
        name="Hợp tác xã Mây tre đan Hoằng Hóa",
        legal_form="cooperative",
        ward_code=15865,  # Xã Hoằng Hóa
        address_line="Thôn Nghĩa Trang",
        phone="0389 442 067",
        story=(
            "Hợp tác xã ra đời từ một tổ thợ đan lát của làng, nay có gần sáu mươi thành viên. "
            "Tre, nứa được ngâm, hun khói chống mối mọt, mây được chuốt sợi bằng tay. "
            "Các mẫu giỏ, khay và đèn được thợ trẻ thiết kế lại cho hợp với nhà ở hiện đại."
        ),
    ),
    ProducerSpec(
        slug="trang-trai-buoi-xuan-lap",
        name="Trang trại Bưởi Xuân Lập",
        legal_form="farm",
        ward_code=15592,  # Xã Xuân Lập
        address_line="Thôn Phú Lâm",
        phone="0915 286 473",
        story=(
            "Trang trại có bốn héc-ta bưởi giống Luận Văn, loại bưởi tiến vua nổi tiếng của vùng Thọ Xuân. "
            "Cây được bón phân chuồng hoai mục, tưới nước sông Chu và không dùng thuốc kích thích. "
            "Bưởi chín vào dịp cuối năm, được tuyển chọn từng quả trước khi giao tới khách."
        ),
    ),
    ProducerSpec(
        slug="trang-trai-cam-van-du",
        name="Trang trại Cam Vân Du",
        legal_form="farm",
        ward_code=15190,  # Xã Vân Du
        address_line="Thôn Thạch Yến",
        phone="0946 130 752",
        story=(
            "Vân Du từng là nông trường cam lớn của miền Bắc, và trang trại đang khôi phục giống cam đường canh "
            "của vùng. "
            "Vườn cam được chăm sóc theo tiêu chuẩn VietGAP, ghi nhật ký canh tác đầy đủ. "
            "Những quả cam chưa đạt kích cỡ bán tươi được sấy dẻo để không lãng phí."
        ),
    ),
    ProducerSpec(
        slug="htx-duoc-lieu-ngoc-lac",
        name="Hợp tác xã Dược liệu Ngọc Lặc",
        legal_form="cooperative",
        ward_code=15061,  # Xã Ngọc Lặc
        address_line="Làng Mỏ Vàng",
        phone="0334 918 265",
        story=(
            "Hợp tác xã trồng cà gai leo, xạ đen trên đất đồi của các hộ đồng bào Mường. "
            "Dược liệu được trồng không dùng thuốc trừ cỏ, thu hái đúng tuổi, rửa sạch và sấy ở nhiệt độ thấp "
            "để giữ hoạt chất. "
            "Hợp tác xã phối hợp với các nhà khoa học của tỉnh để chuẩn hóa quy trình trồng và chế biến."
        ),
    ),
    ProducerSpec(
        slug="hkd-cha-muc-co-tu",
        name="Hộ kinh doanh Chả mực Cô Tư",
        legal_form="household_business",
        ward_code=16516,  # Phường Nam Sầm Sơn
        address_line="Số 46, khu phố Hải Vân",
        phone="0904 573 186",
        story=(
            "Cô Tư là con gái một gia đình làm nghề biển, bắt đầu làm chả mực bán cho khách du lịch từ năm 2010. "
            "Mực được mua tươi từ các tàu câu đêm, làm sạch và giã tay bằng cối đá, không pha bột. "
            "Ngoài chả mực, cơ sở còn phơi mực và cá thu một nắng theo đơn đặt hàng."
        ),
    ),
)


def _p(*sentences: str) -> tuple[str, ...]:
    return sentences


PRODUCTS: tuple[ProductSpec, ...] = (
    # Hợp tác xã Nem chua Hạc Thành
    ProductSpec(
        upc="OCOP-TH-0001", producer="htx-nem-chua-hac-thanh", set_number=8,
        title="Nem chua Hạc Thành túi 50 cái",
        description=_p(
            "Nem chua làm từ thịt lợn nạc thăn, bì lợn thái sợi và thính gạo rang, gói trong lá chuối tươi.",
            "Nem chua đều sau hai đến ba ngày ở nhiệt độ phòng, ăn kèm lá sung và tương ớt. "
            "Bảo quản ngăn mát tủ lạnh và dùng trong mười ngày.",
        ),
        price=125000, stock=120, weight_grams=1100,
        certificates=(_expired("P2021", 3, "66.50"), _active("P2024B", 4, "78.25")),
    ),
    ProductSpec(
        upc="OCOP-TH-0002", producer="htx-nem-chua-hac-thanh", set_number=8,
        title="Nem chua lá ổi hộp 30 cái",
        description=_p(
            "Mỗi chiếc nem được lót lá ổi bánh tẻ trước khi gói lá chuối, cho vị chát nhẹ và mùi thơm đặc trưng.",
            "Hộp giấy có khay định hình, tiện làm quà biếu khi đi xa.",
        ),
        price=85000, stock=80, weight_grams=700,
        certificates=(_active("P2025B", 3, "64.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0003", producer="htx-nem-chua-hac-thanh", set_number=8,
        title="Nem chua rán đông lạnh hộp 500 g",
        description=_p(
            "Nem chua tẩm bột chiên xù, cấp đông ngay sau khi làm, chỉ cần rán vàng trong ba phút.",
            "Món ăn vặt quen thuộc của phố đêm Thanh Hóa, dùng kèm tương ớt và dưa chuột.",
        ),
        price=90000, stock=60, weight_grams=550,
    ),
    ProductSpec(
        upc="OCOP-TH-0004", producer="htx-nem-chua-hac-thanh", set_number=8,
        title="Giò lụa Hạc Thành 1 kg",
        description=_p(
            "Giò lụa giã từ thịt lợn nạc mông còn nóng, trộn nước mắm ngon và gói lá chuối ba lớp.",
            "Giò dai, mặt cắt hồng mịn và thơm mùi lá chuối. Bảo quản ngăn mát, dùng trong năm ngày.",
        ),
        price=240000, stock=40, weight_grams=1050,
        certificates=(_active("P2026A", 4, "74.50"),),
    ),
    # Hộ kinh doanh Giò chả Bà Hiền
    ProductSpec(
        upc="OCOP-TH-0005", producer="hkd-gio-cha-ba-hien", set_number=8,
        title="Giò bò Hàm Rồng 500 g",
        description=_p(
            "Giò bò làm từ thịt bắp bò tươi, giã bằng cối đá cùng tiêu đen và nước mắm cá cơm.",
            "Khoanh giò có vân gân đẹp, giòn sần sật và thơm mùi tiêu.",
        ),
        price=210000, stock=35, weight_grams=550,
        certificates=(_active("P2025A", 4, "72.75"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0006", producer="hkd-gio-cha-ba-hien", set_number=8,
        title="Nem thính gói lá chuối 500 g",
        description=_p(
            "Nem thính gồm bì lợn thái chỉ, thịt thăn luộc xé và thính gạo rang vàng thơm.",
            "Món nhắm dân dã của người xứ Thanh, ăn cùng lá sung, lá đinh lăng và tương ớt.",
        ),
        price=70000, stock=90, weight_grams=550,
        certificates=(_active("P2026B", 3, "61.25"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0007", producer="hkd-gio-cha-ba-hien", set_number=8,
        title="Giò xào tai lợn 500 g",
        description=_p(
            "Tai lợn, lưỡi lợn thái mỏng, xào với mộc nhĩ và hạt tiêu rồi nén chặt trong khuôn.",
            "Giò cắt lát giòn, không ngấy, hợp với mâm cỗ ngày Tết.",
        ),
        price=150000, stock=25, weight_grams=550,
        certificates=(_expired("P2020", 3, "58.00"),),
    ),
    # Công ty TNHH Nước mắm Biển Xanh Sầm Sơn
    ProductSpec(
        upc="OCOP-TH-0008", producer="cty-nuoc-mam-bien-xanh-sam-son", set_number=9,
        title="Nước mắm cá cơm nhĩ 60 độ đạm chai thủy tinh 500 ml",
        description=_p(
            "Nước mắm nhĩ là những giọt đầu tiên rỉ ra từ thùng chượp cá cơm ủ mười tám tháng, chỉ với cá và muối.",
            "Màu cánh gián, vị ngọt hậu và mùi thơm dịu, hợp để chấm trực tiếp.",
            "Không chất bảo quản, không chất điều vị.",
        ),
        price=185000, stock=150, weight_grams=900,
        certificates=(_active("C2025", 5, "91.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0009", producer="cty-nuoc-mam-bien-xanh-sam-son", set_number=9,
        title="Nước mắm cá cơm 40 độ đạm chai 1 lít",
        description=_p(
            "Nước mắm truyền thống rút từ chượp cá cơm ủ mười hai tháng, độ đạm 40 độ.",
            "Dùng để nêm nếm hằng ngày hoặc pha nước chấm chua ngọt.",
        ),
        price=120000, stock=200, weight_grams=1300,
        certificates=(_active("P2024A", 4, "80.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0010", producer="cty-nuoc-mam-bien-xanh-sam-son", set_number=9,
        title="Nước mắm cá trích 30 độ đạm can 2 lít",
        description=_p(
            "Nước mắm làm từ cá trích biển Sầm Sơn, vị đậm, hợp để kho, rim và ướp thịt cá.",
            "Can nhựa thực phẩm có vòi rót, tiện cho bếp gia đình đông người và quán ăn.",
        ),
        price=75000, stock=110, weight_grams=2300,
        certificates=(_active("P2025B", 3, "63.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0011", producer="cty-nuoc-mam-bien-xanh-sam-son", set_number=9,
        title="Nước mắm tỏi ớt pha sẵn chai 300 ml",
        description=_p(
            "Nước chấm pha sẵn từ nước mắm cá cơm, tỏi, ớt tươi và nước cốt chanh.",
            "Lắc đều trước khi dùng; bảo quản ngăn mát sau khi mở nắp.",
        ),
        price=45000, stock=75, weight_grams=450,
    ),
    # Hợp tác xã Dịch vụ và Chế biến hải sản Hoằng Thanh
    ProductSpec(
        upc="OCOP-TH-0012", producer="htx-hai-san-hoang-thanh", set_number=9,
        title="Mắm tôm Hoằng Thanh hũ 500 g",
        description=_p(
            "Mắm tôm làm từ con moi biển tươi, phơi nắng và ủ với muối hạt trong chum sành ba tháng.",
            "Mắm mịn, màu tím hồng, thơm đậm; ăn cùng bún chả, đậu phụ hay thịt luộc.",
        ),
        price=65000, stock=130, weight_grams=650,
        certificates=(_active("P2024C", 4, "76.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0013", producer="htx-hai-san-hoang-thanh", set_number=9,
        title="Mắm tép chưng thịt hũ 300 g",
        description=_p(
            "Mắm tép ủ chín được chưng cùng thịt ba chỉ, sả và ớt tươi theo công thức của bà con vùng biển.",
            "Ăn ngay với cơm nóng hoặc rau luộc, không cần chế biến thêm.",
        ),
        price=55000, stock=70, weight_grams=400,
        certificates=(_active("P2026A", 3, "62.75"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0014", producer="htx-hai-san-hoang-thanh", set_number=8,
        title="Tôm he khô Hoằng Thanh túi 250 g",
        description=_p(
            "Tôm he biển luộc nước muối nhạt rồi phơi nắng ba ngày, bóc vỏ bằng tay.",
            "Tôm khô đỏ tươi, ngọt thịt, dùng nấu canh, xào rau hoặc làm quà biếu.",
        ),
        price=280000, stock=30, weight_grams=300,
        certificates=(_revoked("P2025A", 4, "71.00", REASON_LABEL),),
    ),
    # Hợp tác xã Cói mỹ nghệ Nga Sơn
    ProductSpec(
        upc="OCOP-TH-0015", producer="htx-coi-my-nghe-nga-son", set_number=21,
        title="Chiếu cói in hoa Nga Sơn 1,6 m × 2 m",
        description=_p(
            "Chiếu dệt tay từ sợi cói Nga Sơn chẻ nhỏ, in hoa văn chữ Thọ và hoa sen bằng màu an toàn.",
            "Mặt chiếu mịn, mát về mùa hè và bền màu sau nhiều lần giặt.",
            "Mỗi chiếc chiếu mất khoảng hai ngày công của hai thợ dệt.",
        ),
        price=450000, stock=45, weight_grams=2500,
        certificates=(_active("C2026", 5, "90.75"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0016", producer="htx-coi-my-nghe-nga-son", set_number=21,
        title="Chiếu cói dệt trơn 1,2 m × 1,9 m",
        description=_p(
            "Chiếu cói màu tự nhiên, dệt sợi đôi trên khung gỗ truyền thống, viền vải chắc chắn.",
            "Hợp với giường đơn, phòng trọ hoặc trải sàn để trẻ nhỏ chơi.",
        ),
        price=320000, stock=60, weight_grams=1900,
        certificates=(_active("P2024B", 4, "77.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0017", producer="htx-coi-my-nghe-nga-son", set_number=21,
        title="Túi cói xách tay quai da",
        description=_p(
            "Túi đan từ cói se sợi, quai da bò thật, lót vải bên trong có túi nhỏ đựng điện thoại.",
            "Kích thước 35 × 28 cm, hợp để đi chợ, đi biển hay dạo phố.",
        ),
        price=180000, stock=100, weight_grams=400,
        certificates=(_active("P2025A", 4, "73.25"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0018", producer="htx-coi-my-nghe-nga-son", set_number=21,
        title="Bộ 3 hộp cói có nắp",
        description=_p(
            "Ba hộp cói lồng vào nhau, khung tre bên trong giữ dáng, nắp đậy khít.",
            "Dùng đựng quần áo, đồ chơi hay giấy tờ, thay cho hộp nhựa trong nhà.",
        ),
        price=260000, stock=55, weight_grams=900,
        certificates=(_active("P2025B", 3, "65.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0019", producer="htx-coi-my-nghe-nga-son", set_number=21,
        title="Thảm cói tròn đường kính 90 cm",
        description=_p(
            "Thảm tết từ sợi cói bện tay, cuộn tròn và khâu chặt từng vòng.",
            "Trải phòng khách, ban công hoặc làm thảm ngồi uống trà.",
        ),
        price=220000, stock=20, weight_grams=1200,
        certificates=(_expired("P2021", 3, "60.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0020", producer="htx-coi-my-nghe-nga-son", set_number=21,
        title="Giỏ cói đi chợ có nắp gập",
        description=_p(
            "Giỏ cói đan dày, đáy vuông đứng vững, nắp gập cài khuy gỗ.",
            "Mẫu giỏ mới của tổ thợ trẻ hợp tác xã, đang chờ đánh giá phân hạng OCOP.",
        ),
        price=120000, stock=65, weight_grams=350,
    ),
    # Tổ hợp tác Mắm cáy Nga Thắng
    ProductSpec(
        upc="OCOP-TH-0021", producer="tht-mam-cay-nga-thang", set_number=9,
        title="Mắm cáy Nga Thắng hũ 500 g",
        description=_p(
            "Cáy đồng bắt ở bãi sú vẹt, giã nhuyễn với muối và thính gạo rang, phơi nắng ba tháng.",
            "Mắm cáy có vị đậm, béo, dùng chưng thịt, kho cá hoặc pha nước chấm rau luộc.",
        ),
        price=60000, stock=85, weight_grams=650,
        certificates=(_active("P2025B", 3, "62.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0022", producer="tht-mam-cay-nga-thang", set_number=9,
        title="Mắm cáy chưng sả ớt hũ 250 g",
        description=_p(
            "Mắm cáy chưng sẵn với sả, ớt, tỏi phi và chút đường phèn, mở nắp là ăn được.",
            "Ngon nhất khi ăn kèm cà pháo, rau muống luộc hoặc cơm nóng.",
        ),
        price=48000, stock=60, weight_grams=320,
        certificates=(_active("P2026B", 3, "58.75"),),
    ),
    # Hộ kinh doanh Bánh gai Bà Nhung
    ProductSpec(
        upc="OCOP-TH-0023", producer="hkd-banh-gai-ba-nhung", set_number=6,
        title="Bánh gai nhân đỗ dừa hộp 10 chiếc",
        description=_p(
            "Vỏ bánh từ lá gai giã kỹ với bột nếp cái hoa vàng, nhân đỗ xanh, dừa nạo và mỡ lợn.",
            "Bánh dẻo, đen bóng, thơm mùi lá gai và vừng rang. Bảo quản nơi thoáng mát, dùng trong năm ngày.",
        ),
        price=60000, stock=0, weight_grams=1050,
        certificates=(_active("P2024B", 4, "75.75"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0024", producer="hkd-banh-gai-ba-nhung", set_number=6,
        title="Bánh gai nhân thịt hạt sen hộp 10 chiếc",
        description=_p(
            "Nhân bánh gồm đỗ xanh, thịt lợn ướp, hạt sen và bí đao mứt, vị mặn ngọt hài hòa.",
            "Loại bánh làm theo đơn đặt trước cho dịp lễ, cưới hỏi.",
        ),
        price=75000, stock=40, weight_grams=1100,
        certificates=(_active("P2025B", 3, "67.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0025", producer="hkd-banh-gai-ba-nhung", set_number=6,
        title="Bánh gai chay nhân đỗ đường phèn hộp 10 chiếc",
        description=_p(
            "Bánh không dùng mỡ lợn, nhân đỗ xanh nấu với đường phèn, hợp cho người ăn chay.",
            "Vỏ bánh mềm, ngọt thanh, bảo quản được bảy ngày.",
        ),
        price=55000, stock=50, weight_grams=1000,
    ),
    # Hợp tác xã Bánh kẹo truyền thống Vĩnh Lộc
    ProductSpec(
        upc="OCOP-TH-0026", producer="htx-banh-keo-truyen-thong-vinh-loc", set_number=6,
        title="Chè lam gừng Vĩnh Lộc hộp 300 g",
        description=_p(
            "Chè lam làm từ bỏng nếp sao nổ, mật mía và gừng tươi giã nhỏ, cán mỏng rồi cắt miếng.",
            "Miếng chè lam dẻo, thơm gừng, ăn kèm chén trà xanh nóng.",
        ),
        price=45000, stock=140, weight_grams=350,
        certificates=(_active("P2024C", 4, "71.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0027", producer="htx-banh-keo-truyen-thong-vinh-loc", set_number=6,
        title="Chè lam lạc vừng hộp 300 g",
        description=_p(
            "Chè lam truyền thống thêm lạc rang và vừng đen, phủ bột nếp chín bên ngoài.",
            "Hộp giấy kraft in hình Thành nhà Hồ, làm quà cho khách tham quan di sản.",
        ),
        price=45000, stock=120, weight_grams=350,
        certificates=(_active("P2026A", 3, "64.25"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0028", producer="htx-banh-keo-truyen-thong-vinh-loc", set_number=7,
        title="Kẹo lạc mật mía thanh 300 g",
        description=_p(
            "Lạc đỏ rang chín, bóc vỏ lụa, nấu cùng mật mía và gừng rồi cán thành thanh.",
            "Kẹo giòn, ngọt vừa, không dùng đường hóa học.",
        ),
        price=40000, stock=95, weight_grams=320,
    ),
    # Hộ sản xuất Bánh răng bừa Cô Hạnh
    ProductSpec(
        upc="OCOP-TH-0029", producer="hsx-banh-rang-bua-co-hanh", set_number=6,
        title="Bánh răng bừa nhân thịt mộc nhĩ túi 10 chiếc",
        description=_p(
            "Bánh làm từ bột gạo tẻ quấy chín, nhân thịt nạc vai, mộc nhĩ và hành khô, gói lá dong.",
            "Bánh hấp sẵn, hâm nóng là ăn được; bảo quản ngăn mát hai ngày hoặc ngăn đá một tháng.",
        ),
        price=50000, stock=50, weight_grams=900,
        certificates=(_active("P2025B", 3, "60.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0030", producer="hsx-banh-rang-bua-co-hanh", set_number=6,
        title="Bánh lá nhân đỗ xanh túi 10 chiếc",
        description=_p(
            "Bánh lá gói bằng lá chuối, vỏ bột nếp dẻo, nhân đỗ xanh đánh nhuyễn với hành phi.",
            "Món quà sáng quen thuộc ở các chợ quê Nông Cống.",
        ),
        price=40000, stock=45, weight_grams=700,
        certificates=(_active("P2026B", 3, "57.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0031", producer="hsx-banh-rang-bua-co-hanh", set_number=6,
        title="Bánh đa nướng vừng đen túi 5 chiếc",
        description=_p(
            "Bánh đa tráng từ bột gạo và vừng đen, phơi trên giàn tre rồi nướng than hoa.",
            "Bánh giòn, thơm, ăn với mít, bẻ vào bát canh cua hay nộm.",
        ),
        price=35000, stock=80, weight_grams=300,
        certificates=(_expired("P2022", 3, "55.25"),),
    ),
    # Hợp tác xã Nông nghiệp Xanh Thiệu Hóa
    ProductSpec(
        upc="OCOP-TH-0032", producer="htx-nong-nghiep-xanh-thieu-hoa", set_number=3,
        title="Gạo nếp cái hoa vàng Thiệu Hóa túi 2 kg",
        description=_p(
            "Nếp cái hoa vàng hạt tròn, căng mẩy, trồng một vụ mỗi năm trên chân ruộng phù sa.",
            "Nấu xôi dẻo, thơm, dùng gói bánh chưng, làm bánh gai và nấu rượu.",
        ),
        price=90000, stock=160, weight_grams=2050,
        certificates=(_active("P2024B", 4, "79.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0033", producer="htx-nong-nghiep-xanh-thieu-hoa", set_number=3,
        title="Gạo tám thơm túi 5 kg",
        description=_p(
            "Gạo tám thơm hạt dài, trắng trong, được xay xát và đóng túi hút chân không ngay sau thu hoạch.",
            "Cơm dẻo vừa, thơm nhẹ và vẫn mềm khi để nguội.",
        ),
        price=135000, stock=180, weight_grams=5050,
        certificates=(_active("P2025B", 3, "68.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0034", producer="htx-nong-nghiep-xanh-thieu-hoa", set_number=3,
        title="Gạo lứt đỏ túi 2 kg",
        description=_p(
            "Gạo lứt đỏ chỉ xát bỏ vỏ trấu, giữ nguyên lớp cám giàu chất xơ và vitamin nhóm B.",
            "Ngâm gạo hai tiếng trước khi nấu để cơm mềm hơn.",
        ),
        price=80000, stock=90, weight_grams=2050,
        certificates=(_active("P2026A", 3, "63.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0035", producer="htx-nong-nghiep-xanh-thieu-hoa", set_number=3,
        title="Gạo Bắc thơm số 7 túi 5 kg",
        description=_p(
            "Giống lúa Bắc thơm gieo cấy trên cánh đồng liên kết của hợp tác xã.",
            "Hạt gạo nhỏ, cơm dẻo và thơm, hợp bữa cơm hằng ngày của gia đình.",
        ),
        price=125000, stock=150, weight_grams=5050,
    ),
    # Doanh nghiệp tư nhân Miến gạo Yên Định
    ProductSpec(
        upc="OCOP-TH-0036", producer="dn-mien-gao-yen-dinh", set_number=6,
        title="Miến gạo Yên Định gói 500 g",
        description=_p(
            "Miến làm từ gạo tẻ của vùng Yên Định, tráng mỏng, cắt sợi và phơi nắng tự nhiên.",
            "Sợi miến dai, không nát khi nấu, hợp với miến xào, miến trộn hay canh gà.",
        ),
        price=38000, stock=190, weight_grams=520,
        certificates=(_active("P2024C", 4, "72.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0037", producer="dn-mien-gao-yen-dinh", set_number=6,
        title="Bún gạo lứt khô gói 500 g",
        description=_p(
            "Bún làm từ gạo lứt đỏ xay cả cám, không phẩm màu, không chất tẩy trắng.",
            "Luộc năm phút là dùng được; thích hợp cho người ăn kiêng và ăn chay.",
        ),
        price=42000, stock=170, weight_grams=520,
        certificates=(_active("P2025B", 3, "66.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0038", producer="dn-mien-gao-yen-dinh", set_number=6,
        title="Phở khô gói 500 g",
        description=_p(
            "Bánh phở tráng từ gạo tẻ mới, sợi bản vừa, phơi khô trên phên nứa.",
            "Trần qua nước sôi hai phút là có bát phở mềm, dùng nấu phở bò, phở gà hay xào.",
        ),
        price=35000, stock=140, weight_grams=520,
        certificates=(_active("P2026B", 3, "60.75"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0039", producer="dn-mien-gao-yen-dinh", set_number=6,
        title="Bún gạo khô sợi nhỏ gói 500 g",
        description=_p(
            "Bún sợi nhỏ làm từ gạo tẻ, ép đùn và sấy khô ở nhiệt độ thấp.",
            "Dùng cho bún chả, bún trộn và các món nước.",
        ),
        price=32000, stock=120, weight_grams=520,
    ),
    # Trang trại Mật ong rừng Bá Thước
    ProductSpec(
        upc="OCOP-TH-0040", producer="trang-trai-mat-ong-rung-ba-thuoc", set_number=4,
        title="Mật ong hoa rừng Bá Thước chai 500 ml",
        description=_p(
            "Mật ong của đàn ong nội lấy mật từ hoa rừng trên núi đá vôi Bá Thước.",
            "Mật có màu hổ phách, độ ẩm dưới 20%, vị ngọt thanh và hơi đắng nhẹ ở hậu.",
            "Mật có thể kết tinh khi trời lạnh, đó là hiện tượng tự nhiên.",
        ),
        price=220000, stock=75, weight_grams=850,
        certificates=(_active("P2025A", 4, "81.25"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0041", producer="trang-trai-mat-ong-rung-ba-thuoc", set_number=4,
        title="Mật ong hoa rừng Bá Thước chai 1 lít",
        description=_p(
            "Cùng loại mật ong hoa rừng trong chai thủy tinh dung tích lớn, tiết kiệm cho gia đình.",
            "Dùng pha nước ấm buổi sáng, ngâm chanh đào hoặc làm gia vị ướp.",
        ),
        price=400000, stock=40, weight_grams=1650,
        certificates=(_active("P2025A", 4, "80.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0042", producer="trang-trai-mat-ong-rung-ba-thuoc", set_number=4,
        title="Phấn hoa ong rừng hũ 200 g",
        description=_p(
            "Phấn hoa do ong mang về tổ, được thu bằng cửa lấy phấn và sấy lạnh.",
            "Dùng một đến hai thìa mỗi ngày, trộn với sữa chua hoặc mật ong.",
        ),
        price=180000, stock=30, weight_grams=300,
        certificates=(_active("P2026A", 3, "65.50"),),
    ),
    # Hợp tác xã Du lịch cộng đồng Mây Pù Luông
    ProductSpec(
        upc="OCOP-TH-0043", producer="htx-du-lich-cong-dong-pu-luong", set_number=26,
        title="Homestay nhà sàn Pù Luông 1 đêm cho 2 người",
        description=_p(
            "Một đêm nghỉ trong nhà sàn gỗ truyền thống của người Thái, có phòng riêng và chăn đệm mới.",
            "Giá đã gồm bữa tối với cơm lam, gà đồi, rau rừng và bữa sáng.",
            "Sau khi đặt, hợp tác xã gọi điện để hẹn ngày nhận phòng.",
        ),
        price=650000, stock=12, weight_grams=0,
        certificates=(_active("P2025A", 4, "76.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0044", producer="htx-du-lich-cong-dong-pu-luong", set_number=26,
        title="Đi bộ ruộng bậc thang Pù Luông 1 ngày",
        description=_p(
            "Hành trình đi bộ khoảng mười cây số qua ruộng bậc thang, guồng nước và các bản người Thái.",
            "Giá cho một người, gồm hướng dẫn viên người địa phương, bữa trưa và nước uống.",
        ),
        price=450000, stock=30, weight_grams=0,
        certificates=(_active("P2026A", 3, "66.25"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0045", producer="htx-du-lich-cong-dong-pu-luong", set_number=26,
        title="Trải nghiệm bản Thái Pù Luông 2 ngày 1 đêm",
        description=_p(
            "Hai ngày sống cùng bà con trong bản: cấy lúa, bắt cá suối, học dệt thổ cẩm và xem múa xòe.",
            "Giá cho một người, gồm nghỉ nhà sàn, bốn bữa ăn và hướng dẫn viên.",
            "Các suất của mùa lúa chín năm nay đã kín chỗ.",
        ),
        price=1450000, stock=0, weight_grams=0,
    ),
    ProductSpec(
        upc="OCOP-TH-0046", producer="htx-du-lich-cong-dong-pu-luong", set_number=22,
        title="Khăn thổ cẩm dệt tay của người Thái",
        description=_p(
            "Khăn dệt trên khung cửi gỗ bằng sợi bông nhuộm màu tự nhiên, hoa văn hình thoi và hoa trám.",
            "Kích thước 40 × 160 cm, dùng làm khăn quàng hoặc trang trí.",
        ),
        price=150000, stock=35, weight_grams=200,
        certificates=(_active("P2025B", 3, "61.50"),),
    ),
    # Hợp tác xã Rượu truyền thống Quảng Phú
    ProductSpec(
        upc="OCOP-TH-0047", producer="htx-ruou-truyen-thong-quang-phu", set_number=14,
        title="Rượu nếp cái hoa vàng 40 độ chai 500 ml",
        description=_p(
            "Rượu nấu từ nếp cái hoa vàng và men lá tự ủ, chưng cất trên nồi đồng, hạ thổ sáu tháng.",
            "Rượu trong, êm, thơm mùi nếp. Sản phẩm dành cho người trên 18 tuổi.",
        ),
        price=150000, stock=60, weight_grams=1000,
        certificates=(_active("P2024B", 4, "74.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0048", producer="htx-ruou-truyen-thong-quang-phu", set_number=14,
        title="Rượu gạo nấu củi 35 độ bình 2 lít",
        description=_p(
            "Rượu gạo tẻ nấu bằng bếp củi, lọc qua than hoạt tính để khử andehit.",
            "Bình nhựa thực phẩm có vòi. Sản phẩm dành cho người trên 18 tuổi.",
        ),
        price=200000, stock=25, weight_grams=2600,
        certificates=(_revoked("P2025B", 3, "59.00", REASON_QUALITY),),
    ),
    ProductSpec(
        upc="OCOP-TH-0049", producer="htx-ruou-truyen-thong-quang-phu", set_number=15,
        title="Rượu nếp cẩm hạ thổ chai 500 ml",
        description=_p(
            "Rượu ngâm từ cơm rượu nếp cẩm, độ cồn khoảng 15 độ, màu tím đỏ tự nhiên.",
            "Vị ngọt dịu, uống lạnh ngon hơn. Sản phẩm dành cho người trên 18 tuổi.",
        ),
        price=130000, stock=70, weight_grams=950,
        certificates=(_active("P2026B", 3, "62.50"),),
    ),
    # Hợp tác xã Chè Xuân Du
    ProductSpec(
        upc="OCOP-TH-0050", producer="htx-che-xuan-du", set_number=11,
        title="Chè xanh búp Xuân Du gói 200 g",
        description=_p(
            "Búp chè một tôm hai lá, sao chảo gang và vò tay, cánh chè xoăn đều màu xanh đen.",
            "Nước chè xanh vàng, vị chát dịu và hậu ngọt. Pha với nước 85 độ để giữ hương.",
        ),
        price=90000, stock=110, weight_grams=230,
        certificates=(_active("P2024A", 4, "77.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0051", producer="htx-che-xuan-du", set_number=11,
        title="Chè búp móc câu hộp 500 g",
        description=_p(
            "Chè búp nhỏ xoăn như móc câu, hái từ đồi chè canh tác theo hướng hữu cơ.",
            "Hộp thiếc giữ hương, hợp để biếu tặng.",
        ),
        price=220000, stock=50, weight_grams=580,
        certificates=(_active("P2025B", 3, "69.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0052", producer="htx-che-xuan-du", set_number=11,
        title="Trà xanh túi lọc hộp 25 túi",
        description=_p(
            "Chè xanh Xuân Du nghiền cánh nhỏ, đóng túi lọc giấy không tẩy trắng.",
            "Tiện pha nhanh ở văn phòng; mỗi túi pha được hai lần nước.",
        ),
        price=50000, stock=150, weight_grams=100,
        certificates=(_active("P2026B", 3, "59.50"),),
    ),
    # Công ty cổ phần Lâm sản Xanh Thường Xuân
    ProductSpec(
        upc="OCOP-TH-0053", producer="cty-lam-san-xanh-thuong-xuan", set_number=20,
        title="Tinh dầu quế Thường Xuân lọ 10 ml",
        description=_p(
            "Tinh dầu chưng cất hơi nước từ vỏ và lá quế Thường Xuân trồng trên mười năm tuổi.",
            "Dùng khuếch tán trong phòng hoặc pha loãng để xoa bóp; không dùng trực tiếp lên da.",
        ),
        price=95000, stock=200, weight_grams=80,
        certificates=(_active("C2025", 5, "92.25"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0054", producer="cty-lam-san-xanh-thuong-xuan", set_number=10,
        title="Quế thanh cạo vỏ gói 200 g",
        description=_p(
            "Thanh quế dày được cạo sạch lớp vỏ ngoài, cắt khúc đều và phơi khô tự nhiên.",
            "Dùng nấu phở, hầm xương, kho thịt hoặc pha trà quế mật ong.",
        ),
        price=75000, stock=130, weight_grams=230,
        certificates=(_active("P2024C", 4, "75.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0055", producer="cty-lam-san-xanh-thuong-xuan", set_number=10,
        title="Bột quế nguyên chất hũ 100 g",
        description=_p(
            "Quế khô xay mịn, không pha trộn tinh bột hay phẩm màu.",
            "Rắc lên bánh, cà phê, sữa chua hoặc ướp thịt nướng.",
        ),
        price=55000, stock=160, weight_grams=150,
        certificates=(_active("P2026A", 4, "72.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0056", producer="cty-lam-san-xanh-thuong-xuan", set_number=20,
        title="Tinh dầu sả chanh lọ 10 ml",
        description=_p(
            "Tinh dầu sả chanh chưng cất từ sả trồng xen dưới tán rừng quế.",
            "Hương thơm tươi mát, giúp xua muỗi; pha loãng khi lau sàn nhà.",
        ),
        price=60000, stock=140, weight_grams=80,
        certificates=(_active("P2026B", 3, "64.00"),),
    ),
    # Hợp tác xã Mây tre đan Hoằng Hóa
    ProductSpec(
        upc="OCOP-TH-0057", producer="htx-may-tre-dan-hoang-hoa", set_number=21,
        title="Giỏ mây đựng hoa quả đường kính 30 cm",
        description=_p(
            "Giỏ đan từ sợi mây chuốt tay, khung tre uốn tròn, phủ sơn bóng gốc nước.",
            "Dùng bày hoa quả, bánh mì hoặc làm giỏ quà Tết.",
        ),
        price=160000, stock=70, weight_grams=500,
        certificates=(_active("P2025A", 4, "70.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0058", producer="htx-may-tre-dan-hoang-hoa", set_number=21,
        title="Bộ 2 khay tre đan chữ nhật",
        description=_p(
            "Hai khay tre đan lồng nhau, tre đã hun khói chống mối mọt, quai cầm chắc chắn.",
            "Dùng bưng trà, bày đồ ăn hoặc sắp xếp đồ trên bàn làm việc.",
        ),
        price=190000, stock=55, weight_grams=900,
        certificates=(_active("P2025B", 3, "63.75"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0059", producer="htx-may-tre-dan-hoang-hoa", set_number=21,
        title="Đèn mây treo trần đường kính 40 cm",
        description=_p(
            "Chao đèn đan mây kiểu nón, tỏa ánh sáng ấm qua những khe đan.",
            "Kèm đui đèn và dây treo dài một mét, chưa gồm bóng.",
        ),
        price=350000, stock=25, weight_grams=800,
        certificates=(_active("P2026A", 3, "67.50"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0060", producer="htx-may-tre-dan-hoang-hoa", set_number=21,
        title="Hộp tre đựng trà có nắp",
        description=_p(
            "Hộp làm từ ống tre già, nắp gỗ xoan khít, giữ trà khô và thơm lâu.",
            "Mẫu thử nghiệm của hợp tác xã, số lượng có hạn.",
        ),
        price=120000, stock=15, weight_grams=350,
    ),
    # Trang trại Bưởi Xuân Lập
    ProductSpec(
        upc="OCOP-TH-0061", producer="trang-trai-buoi-xuan-lap", set_number=1,
        title="Bưởi Luận Văn quả 1,2–1,5 kg",
        description=_p(
            "Bưởi Luận Văn vỏ mỏng, múi vàng nhạt, tép mọng nước và vị ngọt thanh.",
            "Quả được hái khi chín cây, lau sạch và dán tem truy xuất nguồn gốc.",
        ),
        price=65000, stock=180, weight_grams=1500,
        certificates=(_active("P2024B", 4, "76.75"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0062", producer="trang-trai-buoi-xuan-lap", set_number=19,
        title="Xịt dưỡng tóc tinh dầu vỏ bưởi chai 100 ml",
        description=_p(
            "Tinh dầu vỏ bưởi chưng cất từ vỏ bưởi Luận Văn, pha với nước cất và vitamin B5.",
            "Xịt lên chân tóc sau khi gội, giúp tóc suôn mượt và thơm mùi bưởi.",
        ),
        price=85000, stock=90, weight_grams=150,
        certificates=(_active("P2026B", 3, "61.00"),),
    ),
    # Trang trại Cam Vân Du
    ProductSpec(
        upc="OCOP-TH-0063", producer="trang-trai-cam-van-du", set_number=1,
        title="Cam đường canh Vân Du túi 3 kg",
        description=_p(
            "Cam vỏ mỏng, nhiều nước, vị ngọt đậm, trồng theo tiêu chuẩn VietGAP.",
            "Cam được hái theo đơn, giao trong hai ngày để giữ độ tươi.",
        ),
        price=120000, stock=100, weight_grams=3100,
        certificates=(_expired("P2023", 4, "72.25"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0064", producer="trang-trai-cam-van-du", set_number=7,
        title="Cam sấy dẻo hộp 250 g",
        description=_p(
            "Múi cam sấy lạnh ở nhiệt độ thấp, giữ màu và vị chua ngọt tự nhiên.",
            "Không thêm chất bảo quản; dùng làm món ăn vặt hoặc pha trà.",
        ),
        price=75000, stock=80, weight_grams=300,
        certificates=(_active("P2026A", 3, "60.25"),),
    ),
    # Hợp tác xã Dược liệu Ngọc Lặc
    ProductSpec(
        upc="OCOP-TH-0065", producer="htx-duoc-lieu-ngoc-lac", set_number=20,
        title="Cà gai leo sấy khô túi 500 g",
        description=_p(
            "Thân, lá cà gai leo thu hái khi cây ra hoa, thái khúc và sấy ở nhiệt độ thấp.",
            "Dùng hãm nước uống hằng ngày; tham khảo ý kiến thầy thuốc khi dùng cho người có bệnh.",
        ),
        price=120000, stock=60, weight_grams=520,
        certificates=(_active("P2024C", 4, "73.00"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0066", producer="htx-duoc-lieu-ngoc-lac", set_number=20,
        title="Xạ đen khô túi 500 g",
        description=_p(
            "Lá và cành xạ đen trồng trên đất đồi Ngọc Lặc, thu hái, làm sạch và sấy khô.",
            "Hãm với nước sôi như trà; không dùng cho phụ nữ có thai.",
        ),
        price=110000, stock=55, weight_grams=520,
        certificates=(_active("P2025B", 3, "65.75"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0067", producer="htx-duoc-lieu-ngoc-lac", set_number=12,
        title="Trà cà gai leo túi lọc hộp 30 túi",
        description=_p(
            "Cà gai leo sấy khô nghiền nhỏ, đóng túi lọc tiện dùng.",
            "Mỗi ngày dùng hai đến ba túi, hãm với nước sôi trong năm phút.",
        ),
        price=65000, stock=120, weight_grams=150,
        certificates=(_active("P2026B", 3, "63.25"),),
    ),
    # Hộ kinh doanh Chả mực Cô Tư
    ProductSpec(
        upc="OCOP-TH-0068", producer="hkd-cha-muc-co-tu", set_number=8,
        title="Chả mực Sầm Sơn giã tay 500 g",
        description=_p(
            "Mực ống tươi giã tay bằng cối đá với thì là và tiêu, không pha bột hay mỡ.",
            "Chả được cấp đông ngay; chiên vàng hai mặt, ăn nóng với tương ớt.",
        ),
        price=260000, stock=45, weight_grams=550,
        certificates=(_active("P2025A", 4, "78.75"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0069", producer="hkd-cha-muc-co-tu", set_number=8,
        title="Mực khô Sầm Sơn túi 500 g",
        description=_p(
            "Mực câu đêm được làm sạch, phơi ba nắng trên giàn lưới ngay bên bãi biển.",
            "Mực khô dày thịt, nướng than hoa xé sợi chấm tương ớt.",
        ),
        price=650000, stock=20, weight_grams=550,
        certificates=(_active("P2024C", 4, "74.25"),),
    ),
    ProductSpec(
        upc="OCOP-TH-0070", producer="hkd-cha-muc-co-tu", set_number=8,
        title="Cá thu một nắng túi 500 g",
        description=_p(
            "Cá thu cắt khúc, ướp muối nhạt và phơi một nắng để giữ độ ẩm và vị ngọt.",
            "Rán hoặc nướng là dùng được; bảo quản ngăn đá.",
        ),
        price=220000, stock=35, weight_grams=550,
        certificates=(_active("P2026B", 3, "62.25"),),
    ),
)
