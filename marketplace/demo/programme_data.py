"""The demo's programme pages, producer stories and events (Vietnamese; the rules as DOMAIN.md gives them).

A body is a tuple of blocks: ("p", text), ("h2", text), ("quote", text, attribution), ("product", UPC),
("figure", source, label, note) counted live from the catalogue, ("figure_typed", number, label, note),
("timeline", title, ((when, title, text), ...)) and ("verify", title, text) (the certificate check box).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgrammeSpec:
    slug: str
    title: str
    intro: str
    body: tuple[tuple, ...]
    set_number: int
    parent: str = ""
    """The slug of the programme page it goes under; empty: under the home page."""


@dataclass(frozen=True)
class StorySpec:
    slug: str
    title: str
    producer: str
    summary: str
    body: tuple[tuple, ...]
    set_number: int


@dataclass(frozen=True)
class EventSpec:
    slug: str
    title: str
    start_date: datetime.date
    end_date: datetime.date
    place: str
    address: str
    map_url: str
    summary: str
    producers: tuple[str, ...]
    body: tuple[tuple, ...]
    set_number: int


HOW_STARS_SLUG = "san-pham-duoc-gan-sao-nhu-the-nao"

PROGRAMMES: tuple[ProgrammeSpec, ...] = (
    ProgrammeSpec(
        slug="chuong-trinh-nong-thon-moi",
        title="Chương trình Nông thôn mới",
        intro=(
            "Chương trình mục tiêu quốc gia xây dựng nông thôn mới chăm lo hạ tầng, sinh kế và đời sống của người "
            "dân nông thôn. Văn phòng Điều phối Nông thôn mới tỉnh Thanh Hóa là cơ quan tham mưu của tỉnh, trong đó "
            "có Chương trình Mỗi xã một sản phẩm (OCOP)."
        ),
        body=(
            ("h2", "Nông thôn mới và sản phẩm của làng quê"),
            ("p", "Xây dựng nông thôn mới không chỉ là đường, trường, trạm mà còn là thu nhập của người dân. "
                  "Chương trình OCOP là một phần của nông thôn mới: mỗi xã, phường tìm ra sản phẩm đặc trưng từ "
                  "nguyên liệu, lao động và tri thức của địa phương, rồi nâng chất lượng, bao bì và thị trường cho "
                  "sản phẩm ấy."),
            ("p", "Từ ngày 1/7/2025, khi không còn cấp huyện, Ủy ban nhân dân xã, phường tiếp nhận hồ sơ OCOP của "
                  "chủ thể và gửi lên tỉnh; Hội đồng cấp tỉnh đánh giá, phân hạng sản phẩm 3 sao và 4 sao."),
            ("figure", "communes", "xã, phường có sản phẩm OCOP đang bán trên sàn",
             "Đếm trực tiếp từ gian hàng: chỉ tính sản phẩm còn hạng sao."),
            ("figure", "producers", "chủ thể OCOP đang bán trên sàn", ""),
            ("h2", "Văn phòng Điều phối Nông thôn mới tỉnh"),
            ("p", "Văn phòng trực thuộc Sở Nông nghiệp và Môi trường, tiếp nhận và kiểm tra hồ sơ sản phẩm OCOP do "
                  "các xã, phường đề nghị, giúp Ủy ban nhân dân tỉnh thành lập Hội đồng đánh giá, phân hạng và thông "
                  "báo kết quả cho địa phương, chủ thể."),
        ),
        set_number=3,
    ),
    ProgrammeSpec(
        slug="chuong-trinh-ocop",
        title="Chương trình OCOP",
        intro=(
            "Chương trình Mỗi xã một sản phẩm (OCOP) giúp hợp tác xã, doanh nghiệp nhỏ và hộ sản xuất đưa sản phẩm "
            "đặc trưng của quê hương ra thị trường, với chất lượng được Hội đồng của tỉnh và Trung ương đánh giá, "
            "xếp hạng từ 3 đến 5 sao."
        ),
        body=(
            ("h2", "OCOP trên sàn hôm nay"),
            ("figure", "products", "sản phẩm OCOP 3 sao trở lên đang bán",
             "Đếm trực tiếp từ gian hàng: sản phẩm hết hạn chứng nhận không được tính."),
            ("figure", "products_5", "sản phẩm OCOP 5 sao", ""),
            ("figure", "producers", "chủ thể OCOP", "Hợp tác xã, tổ hợp tác, doanh nghiệp, trang trại và hộ sản xuất."),
            ("h2", "Sáu nhóm sản phẩm"),
            ("p", "Sản phẩm OCOP chia thành sáu ngành: thực phẩm; đồ uống; dược liệu và sản phẩm từ dược liệu; hàng "
                  "thủ công mỹ nghệ; sinh vật cảnh; dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch. "
                  "Sáu ngành chia thành 17 nhóm và 26 bộ sản phẩm; mỗi bộ có phiếu chấm điểm riêng."),
            ("h2", "OCOP Thanh Hóa qua các năm"),
            ("timeline", "Số sản phẩm OCOP từ 3 sao trở lên của tỉnh", (
                ("Tháng 8/2021", "120 sản phẩm", "1 sản phẩm 5 sao, 30 sản phẩm 4 sao, 89 sản phẩm 3 sao."),
                ("Tháng 11/2022", "196 sản phẩm", "1 sản phẩm 5 sao, 44 sản phẩm 4 sao, 151 sản phẩm 3 sao."),
                ("Tháng 11/2023", "436 sản phẩm", "1 sản phẩm 5 sao, 56 sản phẩm 4 sao, 379 sản phẩm 3 sao."),
                ("Tháng 7/2024", "517 sản phẩm", "Của 384 chủ thể; phần lớn là thực phẩm (402 sản phẩm)."),
                ("Cuối năm 2025", "Hơn 660 sản phẩm", "Của 492 chủ thể ở 166 xã, phường; 2 sản phẩm 5 sao."),
            )),
            ("figure_typed", "1.000", "sản phẩm OCOP là mục tiêu của tỉnh đến năm 2027",
             "Trong đó có 10 sản phẩm 5 sao; giai đoạn 2026–2030 đề cao chất lượng hơn số lượng."),
            ("p", "Tìm hiểu cách một sản phẩm được chấm điểm và xếp hạng sao ở trang dưới đây."),
        ),
        set_number=8,
    ),
    ProgrammeSpec(
        slug=HOW_STARS_SLUG,
        parent="chuong-trinh-ocop",
        title="Sản phẩm được gắn sao như thế nào",
        intro=(
            "Hạng sao OCOP không do người bán tự ghi. Sản phẩm được Hội đồng đánh giá, phân hạng chấm điểm theo Bộ "
            "tiêu chí ban hành kèm Quyết định 26/2026/QĐ-TTg ngày 22/5/2026 của Thủ tướng Chính phủ, và hạng sao "
            "chỉ có giá trị khi giấy chứng nhận còn hiệu lực."
        ),
        body=(
            ("h2", "Thang điểm 100"),
            ("p", "Mỗi bộ sản phẩm có một phiếu chấm điểm riêng, gồm ba phần: Phần A – Sản phẩm và sức mạnh cộng "
                  "đồng (40 điểm); Phần B – Khả năng tiếp thị (25 điểm); Phần C – Chất lượng sản phẩm (35 điểm). "
                  "Mỗi thành viên Hội đồng chấm một phiếu; hạng sao tính theo tổng điểm trung bình."),
            ("h2", "Điểm nào, sao nấy"),
            ("p", "Từ 90 đến 100 điểm: 5 sao (do Trung ương công nhận). Từ 70 đến dưới 90 điểm: 4 sao. Từ 50 đến "
                  "dưới 70 điểm: 3 sao. Dưới 50 điểm là 1 hoặc 2 sao: không được công nhận và không được cấp giấy "
                  "chứng nhận. Ngoài tổng điểm, sản phẩm còn phải đạt mức tối thiểu của những tiêu chí được đánh dấu "
                  "cho từng hạng sao."),
            ("timeline", "Các bước đánh giá, phân hạng", (
                ("Bước 1", "Chủ thể nộp hồ sơ tại xã, phường",
                 "Hợp tác xã, tổ hợp tác, doanh nghiệp, trang trại hoặc hộ sản xuất nộp phiếu đăng ký (Mẫu 01) và "
                 "báo cáo tự đánh giá, tự chấm điểm kèm minh chứng (Mẫu 02) tại Ủy ban nhân dân xã, phường."),
                ("Trong 15 ngày làm việc", "Xã, phường kiểm tra và đề nghị",
                 "Ủy ban nhân dân xã kiểm tra hồ sơ, đánh giá nguồn nguyên liệu, lao động địa phương, nguồn gốc ý "
                 "tưởng và bản sắc địa phương (Mẫu 03), rồi gửi hồ sơ cùng 5 mẫu sản phẩm lên tỉnh."),
                ("Ít nhất 2 đợt mỗi năm", "Hội đồng cấp tỉnh chấm điểm",
                 "Tổ tư vấn xem xét hồ sơ, có thể khảo sát thực tế và đề nghị kiểm nghiệm thêm. Hội đồng gồm đại "
                 "diện các sở ngành; mỗi thành viên chấm một phiếu theo bộ tiêu chí của sản phẩm."),
                ("Sau phiên họp Hội đồng", "Công nhận 3 sao, 4 sao",
                 "Chủ tịch Ủy ban nhân dân tỉnh quyết định công nhận và cấp giấy chứng nhận. Sản phẩm đạt từ 90 "
                 "điểm được tỉnh đề nghị Trung ương đánh giá 5 sao."),
                ("Cấp Trung ương", "Công nhận 5 sao",
                 "Hội đồng Trung ương đánh giá; Bộ trưởng Bộ Nông nghiệp và Môi trường quyết định công nhận 5 sao. "
                 "Nếu điểm ở Trung ương dưới 90, tỉnh có thể công nhận 3 hoặc 4 sao theo kết quả đó."),
                ("36 tháng", "Giấy chứng nhận có thời hạn",
                 "Giấy chứng nhận có giá trị 36 tháng kể từ ngày cấp. Muốn giữ hạng sao, chủ thể nộp hồ sơ đánh "
                 "giá lại trong khoảng từ 180 đến 120 ngày trước khi hết hạn."),
            )),
            ("h2", "Sao có thể mất"),
            ("p", "Giấy chứng nhận bị thu hồi khi thông tin kê khai không trung thực, sản phẩm không còn đáp ứng "
                  "tiêu chí khi kiểm tra, vi phạm quy định về chất lượng, an toàn thực phẩm, nhãn hàng hóa, dùng "
                  "biểu trưng OCOP gây nhầm lẫn, hoặc chủ thể ngừng sản xuất. Trên sàn này, sản phẩm chỉ hiện hạng "
                  "sao khi giấy chứng nhận còn hiệu lực."),
            ("figure", "products_3", "sản phẩm 3 sao đang bán", ""),
            ("figure", "products_4", "sản phẩm 4 sao đang bán", ""),
            ("figure", "products_5", "sản phẩm 5 sao đang bán", ""),
            ("verify", "Kiểm tra hạng sao của một sản phẩm",
             "Nhập mã giấy chứng nhận in trên bao bì (hoặc quét mã QR trên bao bì) để xem sản phẩm đạt mấy sao, "
             "của chủ thể nào và giấy chứng nhận còn hiệu lực đến ngày nào."),
        ),
        set_number=21,
    ),
)


STORIES: tuple[StorySpec, ...] = (
    StorySpec(
        slug="nem-chua-hac-thanh-giu-vi-pho-cu",
        title="Nem chua Hạc Thành: mười hai hộ giữ vị phố cũ",
        producer="htx-nem-chua-hac-thanh",
        summary=(
            "Từ mười hai hộ làm nem quanh chợ cũ, hợp tác xã đưa nem chua xứ Thanh đi khắp cả nước mà vẫn gói "
            "bằng lá chuối, lá ổi như xưa."
        ),
        body=(
            ("p", "Mỗi sáng, thịt lợn nạc từ các trại trong tỉnh được đưa về xưởng khi còn ấm, giã, trộn thính và "
                  "bì rồi gói ngay trong buổi. Hợp tác xã ghi ngày gói trên từng túi nem để khách biết hôm nào nem "
                  "chua tới độ ngon nhất."),
            ("quote", "Nem ngon là nem chua tự nhiên, không cần thêm gì ngoài thịt, thính và lá.",
             "Bà Nguyễn Thị Hòa, Giám đốc hợp tác xã"),
            ("p", "Khi làm hồ sơ OCOP, hợp tác xã phải ghi lại từng công đoạn, kiểm nghiệm sản phẩm và kể câu "
                  "chuyện của mình. Cũng nhờ vậy mà các thành viên thống nhất được một quy trình chung."),
            ("product", "OCOP-TH-0001"),
        ),
        set_number=8,
    ),
    StorySpec(
        slug="coi-nga-son-tu-bai-boi-den-gio-di-cho",
        title="Cói Nga Sơn: từ bãi bồi đến chiếc giỏ đi chợ",
        producer="htx-coi-my-nghe-nga-son",
        summary=(
            "Hơn tám mươi thợ dệt, phần lớn là phụ nữ, làm cói tại nhà lúc nông nhàn và cùng nhau đưa chiếu, giỏ, "
            "thảm cói Nga Sơn lên sàn thương mại điện tử."
        ),
        body=(
            ("p", "Cói trồng trên bãi bồi ven biển được cắt, chẻ, phơi nắng rồi nhuộm màu tự nhiên. Mỗi chiếc giỏ "
                  "qua tay ba, bốn người thợ trước khi về kho của hợp tác xã."),
            ("p", "Hợp tác xã nhận đơn hàng, chia việc cho các thành viên và bao tiêu sản phẩm, nhờ đó người thợ "
                  "có thêm thu nhập mà không phải rời làng."),
            ("quote", "Chị em làm cói lúc rảnh việc đồng, tháng nào cũng có thêm tiền cho con đi học.",
             "Chị Mai Thị Thu, thành viên hợp tác xã"),
        ),
        set_number=21,
    ),
    StorySpec(
        slug="mat-ong-rung-ba-thuoc-theo-mua-hoa",
        title="Mật ong rừng Bá Thước theo mùa hoa",
        producer="trang-trai-mat-ong-rung-ba-thuoc",
        summary=(
            "Trang trại đặt đàn ong theo mùa hoa rừng, quay mật đúng độ già và ghi mùa vụ trên từng chai."
        ),
        body=(
            ("p", "Đàn ong được đặt ở bìa rừng, cách xa ruộng phun thuốc. Mật chỉ được quay khi đã vít nắp, để độ "
                  "ẩm thấp và giữ được hương hoa của từng mùa."),
            ("p", "Mỗi mẻ mật đều được lấy mẫu kiểm nghiệm; kết quả là một phần của hồ sơ OCOP mà trang trại nộp "
                  "cho Hội đồng cấp tỉnh."),
            ("product", "OCOP-TH-0040"),
        ),
        set_number=4,
    ),
)

_LAM_SON_MAP = "https://www.openstreetmap.org/search?query=Qu%E1%BA%A3ng%20tr%C6%B0%E1%BB%9Dng%20Lam%20S%C6%A1n%20Thanh%20H%C3%B3a"

EVENTS: tuple[EventSpec, ...] = (
    EventSpec(
        slug="hoi-cho-ocop-thanh-hoa-2026",
        title="Hội chợ OCOP Thanh Hóa 2026",
        start_date=datetime.date(2026, 10, 8),
        end_date=datetime.date(2026, 10, 12),
        place="Quảng trường Lam Sơn",
        address="Phường Hạc Thành, tỉnh Thanh Hóa",
        map_url=_LAM_SON_MAP,
        summary="Năm ngày trưng bày, bán sản phẩm OCOP của các chủ thể trong tỉnh và các tỉnh bạn, hơn 200 gian hàng.",
        producers=("htx-nem-chua-hac-thanh", "cty-nuoc-mam-bien-xanh-sam-son", "trang-trai-mat-ong-rung-ba-thuoc",
                   "htx-coi-my-nghe-nga-son"),
        body=(
            ("p", "Khu trưng bày chung giới thiệu sáu ngành sản phẩm OCOP. Khách tham quan được hướng dẫn quét mã "
                  "QR trên bao bì để tra cứu giấy chứng nhận của từng sản phẩm."),
        ),
        set_number=8,
    ),
    EventSpec(
        slug="phien-cho-ocop-tet-dinh-mui-2027",
        title="Phiên chợ OCOP Tết Đinh Mùi 2027",
        start_date=datetime.date(2027, 1, 27),
        end_date=datetime.date(2027, 2, 2),
        place="Quảng trường Lam Sơn",
        address="Phường Hạc Thành, tỉnh Thanh Hóa",
        map_url=_LAM_SON_MAP,
        summary="Phiên chợ quà Tết từ sản phẩm OCOP, từ ngày 20 đến 26 tháng Chạp; chủ thể đăng ký trước 15/12/2026.",
        producers=("hkd-banh-gai-ba-nhung", "htx-banh-keo-truyen-thong-vinh-loc", "hkd-gio-cha-ba-hien",
                   "htx-ruou-truyen-thong-quang-phu", "htx-coi-my-nghe-nga-son"),
        body=(
            ("p", "Ưu tiên các sản phẩm của mùa Tết: bánh gai, chè lam, giò chả, rượu nếp và hộp quà cói. Mỗi chủ "
                  "thể đăng ký tối đa hai gian hàng và trưng bày giấy chứng nhận OCOP còn hiệu lực."),
            ("product", "OCOP-TH-0023"),
        ),
        set_number=6,
    ),
)
