"""The demo's news: categories and articles about Thanh Hóa's OCOP programme and products (fictional, in Vietnamese).

A body is a tuple of blocks: ("p", text), ("h2", text), ("quote", text, attribution), ("product", UPC),
("image", caption) (drawn only when images are loaded) and ("video", url, title, description).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

CATEGORIES: tuple[tuple[str, str], ...] = (
    ("tin-ocop", "Tin OCOP"),
    ("hoi-cho-trien-lam", "Hội chợ – triển lãm"),
    ("chuyen-nguoi-lam-ocop", "Chuyện người làm OCOP"),
    ("thong-bao", "Thông báo"),
)


@dataclass(frozen=True)
class ArticleSpec:
    slug: str
    title: str
    date: datetime.date
    author: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    summary: str
    body: tuple[tuple[str, ...], ...]
    set_number: int
    """The product set whose colour and motif the drawn hero image takes."""
    related_products: tuple[str, ...] = ()


OFFICE = "Văn phòng Điều phối Nông thôn mới tỉnh Thanh Hóa"

ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        slug="thanh-hoa-cong-nhan-san-pham-ocop-dot-1-nam-2026",
        title="Thanh Hóa công nhận thêm sản phẩm OCOP đợt 1 năm 2026",
        date=datetime.date(2026, 11, 24),
        author=OFFICE,
        categories=("tin-ocop",),
        tags=("công nhận OCOP", "cói Nga Sơn"),
        summary=(
            "Ủy ban nhân dân tỉnh ban hành Quyết định 4718/QĐ-UBND công nhận kết quả đánh giá, phân hạng "
            "sản phẩm OCOP đợt 1 năm 2026; hai sản phẩm cói của Nga Sơn đạt 4 sao và 3 sao."
        ),
        body=(
            ("p", "Ngày 20/11/2026, Ủy ban nhân dân tỉnh Thanh Hóa ban hành Quyết định 4718/QĐ-UBND công nhận "
                  "kết quả đánh giá, phân hạng sản phẩm thuộc Chương trình Mỗi xã một sản phẩm (OCOP) đợt 1 năm "
                  "2026. Các sản phẩm được Hội đồng cấp tỉnh chấm điểm theo bộ tiêu chí mới ban hành kèm Quyết định "
                  "26/2026/QĐ-TTg của Thủ tướng Chính phủ."),
            ("p", "Trong đợt này, giỏ cói đi chợ có nắp gập của Hợp tác xã Cói mỹ nghệ Nga Sơn đạt 4 sao, thảm cói "
                  "tròn của cùng hợp tác xã đạt 3 sao. Một sản phẩm giò lụa đạt trên 90 điểm được Hội đồng đề nghị "
                  "Trung ương xem xét công nhận 5 sao."),
            ("product", "OCOP-TH-0020"),
            ("h2", "Giấy chứng nhận có giá trị 36 tháng"),
            ("p", "Giấy chứng nhận sản phẩm OCOP có giá trị 36 tháng kể từ ngày ký quyết định. Người tiêu dùng có "
                  "thể quét mã QR trên bao bì hoặc nhập mã số chứng nhận tại trang tra cứu để kiểm tra hạng sao và "
                  "thời hạn của từng sản phẩm."),
            ("quote", "Hội đồng chấm điểm độc lập từng thành viên trên phiếu chấm, kết quả là trung bình cộng, nên "
                      "mỗi ngôi sao đều phản ánh đúng chất lượng và câu chuyện của sản phẩm.",
             "Thường trực Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh"),
            ("image", "Giỏ cói Nga Sơn tại buổi công bố kết quả đánh giá"),
        ),
        set_number=21,
        related_products=("OCOP-TH-0020", "OCOP-TH-0019"),
    ),
    ArticleSpec(
        slug="giu-vi-nem-chua-xu-thanh",
        title="Giữ vị nem chua xứ Thanh từ lá ổi và thính gạo",
        date=datetime.date(2026, 11, 18),
        author="Lê Minh Châu",
        categories=("chuyen-nguoi-lam-ocop",),
        tags=("nem chua", "Hạc Thành"),
        summary=(
            "Ở Hạc Thành, những chiếc nem chua gói lá ổi, buộc lạt đỏ vẫn được làm theo cách của ông bà, "
            "nhưng trong một xưởng đạt chuẩn vệ sinh an toàn thực phẩm."
        ),
        body=(
            ("p", "Năm giờ sáng, xưởng của Hợp tác xã Nem chua Hạc Thành đã sáng đèn. Thịt lợn nạc mông được chọn "
                  "từ những con lợn vừa mổ, lọc sạch gân rồi xay nhuyễn; bì lợn luộc chín, thái sợi mảnh như tăm."),
            ("p", "Bí quyết nằm ở thính gạo rang vàng, tỏi, ớt và lớp lá ổi bánh tẻ lót bên trong. Lá ổi giữ cho nem "
                  "lên men đều, chua dịu và có mùi thơm rất riêng. Sau ba ngày ủ, nem chín tới, đỏ hồng và giòn."),
            ("quote", "Làm nem không vội được. Thiếu một ngày ủ là nem nhạt, thừa một ngày là nem chua gắt.",
             "Bà Mai Thị Hằng, Giám đốc Hợp tác xã Nem chua Hạc Thành"),
            ("p", "Từ khi sản phẩm được công nhận OCOP, hợp tác xã đã đầu tư tủ mát, máy hút chân không và tem truy "
                  "xuất nguồn gốc. Nem chua túi 50 cái nay có mặt ở nhiều siêu thị và trên sàn bưu điện."),
            ("product", "OCOP-TH-0001"),
            ("image", "Nem chua gói lá ổi, buộc lạt đỏ"),
        ),
        set_number=8,
        related_products=("OCOP-TH-0001", "OCOP-TH-0002", "OCOP-TH-0003"),
    ),
    ArticleSpec(
        slug="nuoc-mam-sam-son-muoi-hai-thang-cho-mot-giot-dam",
        title="Nước mắm Sầm Sơn: mười hai tháng chờ một giọt đạm",
        date=datetime.date(2026, 11, 10),
        author="Nguyễn Thu Hà",
        categories=("chuyen-nguoi-lam-ocop",),
        tags=("nước mắm", "Sầm Sơn"),
        summary=(
            "Cá cơm đánh bắt ven bờ, muối hạt Sầm Sơn và những chum gỗ ủ mười hai tháng làm nên chai nước mắm "
            "nhĩ 60 độ đạm của Công ty Nước mắm Biển Xanh."
        ),
        body=(
            ("p", "Mùa cá cơm ở Sầm Sơn rơi vào tháng Tư đến tháng Tám. Cá vừa cập bến được trộn ngay với muối hạt "
                  "theo tỷ lệ ba cá một muối rồi cho vào thùng gỗ, nén chặt bằng đá."),
            ("p", "Sau mười hai tháng phơi nắng, giọt nước mắm nhĩ đầu tiên rỉ ra có màu cánh gián, sóng sánh và "
                  "đậm đạm. Mỗi thùng chỉ cho vài chục lít nhĩ, phần còn lại được kéo rút làm nước mắm 40 độ đạm."),
            ("quote", "Chúng tôi không thêm chất bảo quản hay chất điều vị. Nước mắm ngon là nhờ cá tươi, muối sạch và "
                      "thời gian.",
             "Ông Trần Văn Biển, Công ty TNHH Nước mắm Biển Xanh Sầm Sơn"),
            ("product", "OCOP-TH-0008"),
            ("p", "Công ty đang hoàn thiện hồ sơ đề nghị nâng hạng cho dòng nước mắm nhĩ, đồng thời thử nghiệm chai "
                  "thủy tinh dung tích nhỏ cho khách du lịch mua làm quà."),
        ),
        set_number=9,
        related_products=("OCOP-TH-0008", "OCOP-TH-0009"),
    ),
    ArticleSpec(
        slug="mua-mat-ong-rung-o-ba-thuoc",
        title="Mùa mật ong rừng ở Bá Thước",
        date=datetime.date(2026, 11, 3),
        author="Hà Văn Tùng",
        categories=("chuyen-nguoi-lam-ocop",),
        tags=("mật ong", "Bá Thước"),
        summary=(
            "Trang trại của chị Hà Thị Mơ nuôi hơn 300 đàn ong nội dưới tán rừng Bá Thước, thu mật hoa rừng "
            "hai vụ mỗi năm."
        ),
        body=(
            ("p", "Những đàn ong nội được đặt dưới tán rừng tự nhiên, cách xa ruộng lúa và vườn cây phun thuốc. Ong "
                  "lấy mật từ hoa thầu dầu, hoa bạc hà dại và hoa keo, nên mật có màu hổ phách và vị ngọt thanh."),
            ("p", "Mật chỉ được quay khi cầu đã vít nắp, độ ẩm dưới 20%, rồi lọc qua ba lớp vải và để lắng trong "
                  "thùng inox trước khi đóng chai."),
            ("quote", "Mật ong thật thì phải chờ ong làm xong. Quay mật non cho nhanh là tự làm mất khách.",
             "Chị Hà Thị Mơ, chủ Trang trại Mật ong rừng Bá Thước"),
            ("product", "OCOP-TH-0040"),
            ("image", "Cầu ong dưới tán rừng Bá Thước"),
        ),
        set_number=4,
        related_products=("OCOP-TH-0040", "OCOP-TH-0041", "OCOP-TH-0042"),
    ),
    ArticleSpec(
        slug="che-xuan-du-chuan-bi-ho-so-nang-hang",
        title="Chè Xuân Du chuẩn bị hồ sơ nâng hạng",
        date=datetime.date(2026, 10, 28),
        author=OFFICE,
        categories=("tin-ocop",),
        tags=("chè", "nâng hạng"),
        summary=(
            "Hợp tác xã Chè Xuân Du mở rộng vùng nguyên liệu đạt chứng nhận VietGAP và chuẩn bị hồ sơ đề nghị "
            "đánh giá lại sản phẩm chè búp."
        ),
        body=(
            ("p", "Vùng chè Xuân Du có hơn 120 hộ thành viên. Từ đầu năm, hợp tác xã phối hợp với cán bộ khuyến nông "
                  "hướng dẫn các hộ ghi nhật ký canh tác, dùng phân hữu cơ và thu hái đúng một tôm hai lá."),
            ("p", "Xưởng chế biến được lắp thêm máy sao chè bằng điện thay cho chảo đốt củi, giúp màu nước xanh "
                  "vàng ổn định và giảm khói bụi cho người làm."),
            ("product", "OCOP-TH-0050"),
            ("p", "Theo kế hoạch, hồ sơ đánh giá lại sẽ được gửi Ủy ban nhân dân xã trong đợt 2 năm 2026."),
        ),
        set_number=11,
        related_products=("OCOP-TH-0050", "OCOP-TH-0051", "OCOP-TH-0052"),
    ),
    ArticleSpec(
        slug="tu-cay-coi-nga-son-den-tui-xach-di-chau-au",
        title="Từ cây cói Nga Sơn đến túi xách đi châu Âu",
        date=datetime.date(2026, 10, 20),
        author="Phạm Quỳnh Anh",
        categories=("chuyen-nguoi-lam-ocop",),
        tags=("cói Nga Sơn", "xuất khẩu"),
        summary=(
            "Hợp tác xã Cói mỹ nghệ Nga Sơn tạo việc làm cho gần 200 lao động nữ, đưa túi cói, hộp cói sang "
            "thị trường châu Âu."
        ),
        body=(
            ("p", "Cói Nga Sơn được trồng trên đất bãi bồi ven biển, sợi dài, dẻo và bền màu. Sau khi cắt, cói được "
                  "chẻ đôi, phơi ba nắng cho trắng rồi nhuộm bằng màu thực phẩm."),
            ("p", "Mỗi chiếc túi xách cần hai đến ba ngày công. Các chị em trong hợp tác xã nhận cói về đan tại nhà, "
                  "vừa làm vừa trông con, thu nhập bình quân năm triệu đồng mỗi tháng."),
            ("product", "OCOP-TH-0017"),
            ("quote", "Khách châu Âu thích cói vì tự nhiên và phân hủy được. Chúng tôi giữ nghề đan tay, chỉ đổi "
                      "kiểu dáng cho hợp thời.",
             "Đại diện Hợp tác xã Cói mỹ nghệ Nga Sơn"),
            ("product", "OCOP-TH-0015"),
        ),
        set_number=21,
        related_products=("OCOP-TH-0017", "OCOP-TH-0015", "OCOP-TH-0018"),
    ),
    ArticleSpec(
        slug="hoi-cho-ocop-thanh-hoa-2026",
        title="Hội chợ OCOP Thanh Hóa 2026 quy tụ hơn 200 gian hàng",
        date=datetime.date(2026, 10, 12),
        author=OFFICE,
        categories=("hoi-cho-trien-lam",),
        tags=("hội chợ", "nem chua", "mật ong", "nước mắm"),
        summary=(
            "Trong năm ngày tại Quảng trường Lam Sơn, hội chợ đón hàng chục nghìn lượt khách, doanh thu bán "
            "hàng của các chủ thể OCOP tăng mạnh so với năm trước."
        ),
        body=(
            ("p", "Hội chợ OCOP Thanh Hóa năm 2026 có hơn 200 gian hàng của các hợp tác xã, doanh nghiệp và hộ sản "
                  "xuất trong tỉnh cùng các tỉnh bạn. Khu trưng bày chung giới thiệu sáu nhóm sản phẩm OCOP, từ "
                  "thực phẩm, đồ uống, dược liệu đến thủ công mỹ nghệ và du lịch cộng đồng."),
            ("p", "Nhiều gian hàng bán hết hàng ngay trong hai ngày đầu, nhất là nem chua, mật ong rừng và nước mắm. "
                  "Khách tham quan được hướng dẫn quét mã QR để tra cứu giấy chứng nhận OCOP của từng sản phẩm."),
            ("product", "OCOP-TH-0001"),
            ("product", "OCOP-TH-0040"),
            ("video", "https://www.youtube.com/watch?v=ocopthanhhoa26",
             "Toàn cảnh Hội chợ OCOP Thanh Hóa 2026", "Phóng sự ba phút về ngày khai mạc hội chợ."),
            ("image", "Khu trưng bày sản phẩm OCOP tại Quảng trường Lam Sơn"),
        ),
        set_number=8,
        related_products=("OCOP-TH-0001", "OCOP-TH-0040", "OCOP-TH-0008"),
    ),
    ArticleSpec(
        slug="ocop-xu-thanh-tai-hoi-cho-mua-thu-ha-noi",
        title="Sản phẩm OCOP xứ Thanh tại Hội chợ Mùa thu ở Hà Nội",
        date=datetime.date(2026, 10, 5),
        author="Trịnh Văn Lực",
        categories=("hoi-cho-trien-lam",),
        tags=("hội chợ", "chè", "cói Nga Sơn"),
        summary=(
            "Mười hai chủ thể OCOP của Thanh Hóa mang chè, cói, bánh gai và rượu truyền thống giới thiệu với "
            "người tiêu dùng Thủ đô."
        ),
        body=(
            ("p", "Gian hàng chung của tỉnh Thanh Hóa được bố trí theo nhóm sản phẩm, có khu pha trà mời khách và "
                  "khu trình diễn đan cói. Nhiều nhà phân phối đã ký biên bản ghi nhớ hợp tác ngay tại hội chợ."),
            ("product", "OCOP-TH-0051"),
            ("p", "Ban tổ chức cho biết người tiêu dùng Hà Nội ngày càng quan tâm tới thông tin hạng sao, hạn giấy "
                  "chứng nhận và nguồn gốc nguyên liệu của sản phẩm."),
        ),
        set_number=11,
        related_products=("OCOP-TH-0051", "OCOP-TH-0016", "OCOP-TH-0047"),
    ),
    ArticleSpec(
        slug="tuan-le-van-hoa-du-lich-ocop-pu-luong",
        title="Tuần lễ văn hóa – du lịch OCOP Pù Luông",
        date=datetime.date(2026, 9, 26),
        author="Lò Thị Hoa",
        categories=("hoi-cho-trien-lam",),
        tags=("du lịch cộng đồng", "Pù Luông"),
        summary=(
            "Mùa lúa chín trên ruộng bậc thang, bản làng Pù Luông đón du khách với chợ phiên sản phẩm OCOP, "
            "ẩm thực và khăn thổ cẩm người Thái."
        ),
        body=(
            ("p", "Tuần lễ diễn ra tại các bản Đôn, bản Kho Mường với chợ phiên, thi dệt thổ cẩm và các tour đi bộ "
                  "xuyên ruộng bậc thang do người dân bản địa dẫn đường."),
            ("product", "OCOP-TH-0044"),
            ("p", "Các homestay nhà sàn của Hợp tác xã Du lịch cộng đồng Mây Pù Luông đã kín phòng trong suốt tuần "
                  "lễ; nhiều khách đặt trước cho mùa nước đổ năm sau."),
            ("image", "Ruộng bậc thang Pù Luông mùa lúa chín"),
        ),
        set_number=26,
        related_products=("OCOP-TH-0043", "OCOP-TH-0044", "OCOP-TH-0046"),
    ),
    ArticleSpec(
        slug="thong-bao-nhan-ho-so-ocop-dot-2-nam-2026",
        title="Thông báo nhận hồ sơ đánh giá, phân hạng sản phẩm OCOP đợt 2 năm 2026",
        date=datetime.date(2026, 9, 15),
        author=OFFICE,
        categories=("thong-bao",),
        tags=("hồ sơ OCOP",),
        summary=(
            "Các chủ thể có sản phẩm đăng ký đánh giá lần đầu, nâng hạng hoặc đánh giá lại nộp hồ sơ qua Ủy ban "
            "nhân dân xã hoặc trên cổng đánh giá OCOP trực tuyến."
        ),
        body=(
            ("p", "Văn phòng Điều phối Nông thôn mới tỉnh thông báo tiếp nhận hồ sơ đánh giá, phân hạng sản phẩm OCOP "
                  "đợt 2 năm 2026. Hồ sơ gồm phiếu đăng ký, bản tự đánh giá theo phiếu chấm của bộ sản phẩm, phiếu "
                  "kết quả kiểm nghiệm còn hiệu lực (không quá 12 tháng) và các tài liệu chứng minh."),
            ("p", "Ủy ban nhân dân xã kiểm tra nguồn gốc nguyên liệu, lao động địa phương và tính đặc trưng của sản "
                  "phẩm trước khi chuyển hồ sơ lên Hội đồng cấp tỉnh. Hồ sơ thiếu sẽ được trả lại kèm lý do để chủ "
                  "thể bổ sung."),
            ("p", "Sản phẩm có giấy chứng nhận còn dưới 180 ngày hiệu lực nên nộp hồ sơ đánh giá lại trong đợt này "
                  "để không bị gián đoạn hạng sao."),
        ),
        set_number=3,
    ),
    ArticleSpec(
        slug="huong-dan-tra-cuu-giay-chung-nhan-ocop",
        title="Hướng dẫn tra cứu giấy chứng nhận OCOP bằng mã QR",
        date=datetime.date(2026, 9, 8),
        author=OFFICE,
        categories=("thong-bao", "tin-ocop"),
        tags=("tra cứu chứng nhận",),
        summary=(
            "Mỗi sản phẩm OCOP có một mã số chứng nhận in trên bao bì; quét mã QR hoặc nhập mã số để biết hạng "
            "sao, quyết định công nhận và thời hạn."
        ),
        body=(
            ("p", "Mã số sản phẩm OCOP gồm mã tỉnh, mã xã, số thứ tự do xã quản lý và năm đánh giá, ví dụ "
                  "38-14797-003-2024. Mã QR trên tem dẫn tới trang tra cứu công khai của tỉnh."),
            ("p", "Trang tra cứu cho biết sản phẩm, chủ thể, số sao, số và ngày quyết định, cấp công nhận và ngày "
                  "hết hạn. Giấy chứng nhận đã hết hạn hoặc bị thu hồi được ghi rõ, và cửa hàng không còn hiển thị "
                  "sao cho sản phẩm đó."),
            ("p", "Nếu thông tin trên bao bì khác với trang tra cứu, người tiêu dùng có thể phản ánh tới Văn phòng "
                  "Điều phối Nông thôn mới tỉnh."),
        ),
        set_number=9,
    ),
    ArticleSpec(
        slug="moi-dang-ky-gian-hang-phien-cho-ocop-tet-dinh-mui-2027",
        title="Mời đăng ký gian hàng Phiên chợ OCOP Tết Đinh Mùi 2027",
        date=datetime.date(2026, 11, 26),
        author=OFFICE,
        categories=("thong-bao", "hoi-cho-trien-lam"),
        tags=("hội chợ", "Tết"),
        summary=(
            "Phiên chợ OCOP Tết diễn ra từ ngày 20 đến 26 tháng Chạp; chủ thể OCOP trong tỉnh được hỗ trợ "
            "miễn phí gian hàng tiêu chuẩn."
        ),
        body=(
            ("p", "Nhằm giúp người tiêu dùng mua sắm quà Tết từ sản phẩm OCOP, tỉnh tổ chức Phiên chợ OCOP Tết Đinh "
                  "Mùi 2027. Ưu tiên các sản phẩm đặc trưng của mùa Tết như bánh gai, chè lam, giò chả, rượu nếp "
                  "và hộp quà cói."),
            ("p", "Chủ thể đăng ký trước ngày 15/12/2026 tại Văn phòng Điều phối Nông thôn mới tỉnh. Mỗi chủ thể "
                  "đăng ký tối đa hai gian hàng và phải trưng bày giấy chứng nhận OCOP còn hiệu lực."),
            ("product", "OCOP-TH-0023"),
        ),
        set_number=6,
        related_products=("OCOP-TH-0023", "OCOP-TH-0026", "OCOP-TH-0004"),
    ),
    ArticleSpec(
        slug="banh-gai-la-gai-mat-mia-va-nep-cai-hoa-vang",
        title="Bánh gai: lá gai, mật mía và nếp cái hoa vàng",
        date=datetime.date(2026, 8, 30),
        author="Lê Minh Châu",
        categories=("chuyen-nguoi-lam-ocop",),
        tags=("bánh gai",),
        summary=(
            "Hơn ba mươi năm đứng bếp, bà Lê Thị Nhung vẫn tự tay chọn lá gai, đãi đỗ và gói từng chiếc bánh "
            "bằng lá chuối khô."
        ),
        body=(
            ("p", "Lá gai phơi khô được luộc kỹ, giã nhuyễn cùng bột nếp cái hoa vàng và mật mía cho đến khi mịn, "
                  "đen bóng. Nhân đỗ xanh sên với dừa nạo và mỡ phần, thơm mà không ngấy."),
            ("quote", "Bánh gai ngon phải dẻo mà không dính lá, ăn thấy vừng rang thơm và vị ngọt của mật mía.",
             "Bà Lê Thị Nhung, Hộ kinh doanh Bánh gai Bà Nhung"),
            ("product", "OCOP-TH-0023"),
            ("p", "Mùa Tết, cơ sở của bà làm gần hai nghìn chiếc bánh mỗi ngày, gửi đi khắp các tỉnh qua đường bưu "
                  "điện trong hộp giấy có tem truy xuất nguồn gốc."),
        ),
        set_number=6,
        related_products=("OCOP-TH-0023", "OCOP-TH-0024", "OCOP-TH-0025"),
    ),
    ArticleSpec(
        slug="tap-huan-ban-hang-tren-san-thuong-mai-dien-tu",
        title="Tập huấn truy xuất nguồn gốc và bán hàng trực tuyến cho chủ thể OCOP",
        date=datetime.date(2026, 8, 22),
        author=OFFICE,
        categories=("tin-ocop",),
        tags=("thương mại điện tử", "truy xuất nguồn gốc"),
        summary=(
            "Hơn 150 học viên từ các hợp tác xã và hộ kinh doanh được hướng dẫn chụp ảnh sản phẩm, viết mô tả "
            "và quản lý đơn hàng trên sàn."
        ),
        body=(
            ("p", "Lớp tập huấn hướng dẫn chủ thể OCOP tự đăng sản phẩm lên chợ OCOP của tỉnh và sàn thương mại "
                  "điện tử của bưu điện: chụp ảnh đúng sáng, ghi khối lượng và hạn dùng, cập nhật tồn kho hằng ngày."),
            ("p", "Các học viên cũng thực hành in tem truy xuất nguồn gốc và trả lời câu hỏi của khách về hạng sao, "
                  "nơi sản xuất và cách bảo quản."),
            ("product", "OCOP-TH-0053"),
        ),
        set_number=20,
        related_products=("OCOP-TH-0053", "OCOP-TH-0065"),
    ),
)
