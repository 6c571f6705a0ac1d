"""The demo's operator, menus, policy pages and contact page, in Vietnamese.

Body items: ("h2", text), ("p", text), ("ul", [items]). Figures match the shop: VNPost tariffs in
marketplace/shop/shipping/methods.py, cash on delivery in marketplace/payments/cod.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

LAST_UPDATED = datetime.date(2026, 11, 1)

OPERATOR = {
    "operator_name": "Văn phòng Điều phối Chương trình MTQG xây dựng nông thôn mới tỉnh Thanh Hóa",
    "address": "Số 45 đường Hạc Thành, phường Hạc Thành, tỉnh Thanh Hóa",
    "hotline": "0237 3852 999",
    "email": "hotro@ocop-thanhhoa.vn",
    "registration": (
        "Cơ quan thường trực Chương trình Mỗi xã một sản phẩm (OCOP) tỉnh Thanh Hóa, vận hành Chợ OCOP Thanh Hóa "
        "để giới thiệu và bán sản phẩm OCOP của tỉnh.\n"
        "Người chịu trách nhiệm nội dung: Chánh Văn phòng Điều phối nông thôn mới tỉnh."
    ),
    "working_hours": "Thứ Hai – Thứ Sáu, 7:30 – 11:30 và 13:30 – 17:00 (trừ ngày lễ, Tết)",
}


@dataclass(frozen=True)
class InfoPageSpec:
    slug: str
    title: str
    intro: str
    body: tuple


SHIPPING = InfoPageSpec(
    slug="giao-hang",
    title="Giao hàng",
    intro=(
        "Mọi đơn hàng trên Chợ OCOP Thanh Hóa được Bưu điện (VNPost) giao đến tận nơi trên cả nước. Mỗi chủ thể "
        "đóng gói và gửi phần hàng của mình thành một kiện riêng, có mã vận đơn riêng."
    ),
    body=(
        ("h2", "Hình thức và thời gian giao"),
        ("ul", [
            "VNPost chuyển phát thường: 3 – 5 ngày làm việc kể từ khi chủ thể giao hàng cho Bưu điện.",
            "VNPost chuyển phát nhanh EMS: 1 – 2 ngày làm việc tới trung tâm các tỉnh, thành phố; "
            "xã vùng sâu, vùng xa có thể thêm 1 – 2 ngày.",
            "Chủ thể chuẩn bị và gửi hàng trong 1 – 2 ngày làm việc sau khi nhận đơn; sản phẩm tươi "
            "(nem chua, chả, bánh) được làm mới theo đơn nên có thể cần thêm 1 ngày.",
        ]),
        ("h2", "Phí giao hàng"),
        ("p", "Phí giao hàng tính theo khối lượng của từng kiện, đã gồm thuế giá trị gia tăng, và hiện rõ ở bước "
              "thanh toán trước khi bạn đặt hàng:"),
        ("ul", [
            "Chuyển phát thường: 22.000 ₫ cho 500 g đầu tiên, thêm 5.000 ₫ cho mỗi 500 g tiếp theo.",
            "Chuyển phát nhanh EMS: 38.000 ₫ cho 500 g đầu tiên, thêm 9.000 ₫ cho mỗi 500 g tiếp theo.",
        ]),
        ("p", "Giỏ hàng có sản phẩm của nhiều chủ thể sẽ được gửi thành nhiều kiện; phí giao hàng là tổng phí của "
              "các kiện."),
        ("h2", "Theo dõi và nhận hàng"),
        ("p", "Khi chủ thể gửi hàng, mã vận đơn Bưu điện hiện trong mục “Đơn hàng của tôi”. Nhân viên Bưu điện sẽ "
              "gọi điện trước khi giao. Bạn được kiểm tra bên ngoài kiện hàng và đối chiếu số lượng trước khi nhận "
              "và thanh toán; nếu kiện bị móp, ướt hoặc rách, hãy từ chối nhận và báo cho chúng tôi."),
        ("h2", "Giao không thành công"),
        ("p", "Bưu điện liên hệ giao tối đa 3 lần. Nếu vẫn không giao được, hàng được hoàn về chủ thể và đơn được "
              "hủy; chúng tôi sẽ gọi cho bạn trước khi hủy."),
    ),
)

RETURNS = InfoPageSpec(
    slug="doi-tra",
    title="Đổi trả và hoàn tiền",
    intro=(
        "Bạn được đổi hoặc trả sản phẩm bị lỗi, hư hỏng khi vận chuyển hoặc giao sai, trong vòng 7 ngày kể từ "
        "ngày nhận hàng. Chủ thể bán hàng chịu toàn bộ chi phí trong các trường hợp này."
    ),
    body=(
        ("h2", "Những trường hợp được đổi trả"),
        ("ul", [
            "Sản phẩm bị lỗi, biến chất, hết hạn sử dụng hoặc không đúng mô tả trên trang sản phẩm.",
            "Sản phẩm bị vỡ, móp, rò rỉ trong quá trình vận chuyển.",
            "Giao sai sản phẩm, thiếu số lượng so với đơn hàng.",
        ]),
        ("h2", "Những trường hợp không nhận đổi trả"),
        ("p", "Vì là thực phẩm và sản phẩm tiêu dùng, các sản phẩm đã mở bao bì, đã sử dụng một phần hoặc bảo "
              "quản không đúng hướng dẫn ghi trên nhãn không được đổi trả, trừ khi lỗi có từ trước khi giao. "
              "Sản phẩm tươi (nem chua, chả, bánh) cần được báo lỗi trong vòng 24 giờ kể từ khi nhận."),
        ("h2", "Cách yêu cầu đổi trả"),
        ("ul", [
            "Gọi đường dây nóng hoặc gửi tin nhắn ở trang Liên hệ, chọn chủ đề “Đổi trả, hoàn tiền”, ghi mã đơn hàng.",
            "Gửi kèm ảnh sản phẩm, bao bì và tem vận đơn để chủ thể xác nhận.",
            "Trong 2 ngày làm việc, chúng tôi trả lời và hướng dẫn gửi hàng về qua Bưu điện (không mất phí).",
        ]),
        ("h2", "Hoàn tiền"),
        ("p", "Bạn chọn nhận sản phẩm thay thế hoặc hoàn tiền. Tiền hàng và phí giao hàng của sản phẩm lỗi được "
              "hoàn bằng chuyển khoản vào tài khoản ngân hàng mang tên bạn trong vòng 7 ngày làm việc kể từ khi "
              "chủ thể nhận lại hàng."),
        ("p", "Quyền của bạn theo Luật Bảo vệ quyền lợi người tiêu dùng năm 2023 không bị chính sách này hạn chế."),
    ),
)

PAYMENT = InfoPageSpec(
    slug="thanh-toan",
    title="Thanh toán",
    intro=(
        "Bạn trả tiền khi nhận hàng (COD): không cần thẻ, không cần tài khoản ngân hàng, và chỉ trả khi đã nhận "
        "được kiện hàng."
    ),
    body=(
        ("h2", "Thanh toán khi nhận hàng (COD)"),
        ("p", "Đây là hình thức thanh toán của mọi đơn hàng trên chợ. Nhân viên Bưu điện thu đúng số tiền ghi trên "
              "đơn (tiền hàng và phí giao hàng của kiện đó) và đưa biên nhận. Đơn gồm nhiều kiện thì bạn trả "
              "riêng cho từng kiện khi nhận."),
        ("h2", "Chuyển khoản ngân hàng cho đơn hàng lớn"),
        ("p", "Cơ quan, doanh nghiệp đặt quà tặng hoặc hàng số lượng lớn có thể thỏa thuận thanh toán bằng chuyển "
              "khoản trước khi giao. Hãy liên hệ đường dây nóng; thông tin tài khoản chỉ được gửi bằng văn bản từ "
              "địa chỉ thư điện tử chính thức ghi ở chân trang, kèm hóa đơn."),
        ("h2", "Cảnh giác lừa đảo"),
        ("p", "Chúng tôi không bao giờ gọi điện hay nhắn tin yêu cầu bạn chuyển tiền đặt cọc, cung cấp mã OTP "
              "hoặc mật khẩu. Nếu nhận được yêu cầu như vậy, đừng làm theo và hãy báo cho chúng tôi."),
        ("h2", "Hóa đơn"),
        ("p", "Giá trên chợ đã gồm thuế giá trị gia tăng (nếu có). Nếu cần hóa đơn, hãy ghi thông tin xuất hóa đơn "
              "trong phần ghi chú khi đặt hàng; chủ thể bán hàng xuất hóa đơn cho phần hàng của mình."),
    ),
)

PRIVACY = InfoPageSpec(
    slug="chinh-sach-bao-mat",
    title="Chính sách bảo mật",
    intro=(
        "Chính sách này cho biết chúng tôi thu thập, sử dụng và bảo vệ dữ liệu cá nhân của bạn như thế nào, theo "
        "Nghị định 13/2023/NĐ-CP của Chính phủ về bảo vệ dữ liệu cá nhân."
    ),
    body=(
        ("h2", "Bên kiểm soát và xử lý dữ liệu"),
        ("p", "Văn phòng Điều phối Chương trình MTQG xây dựng nông thôn mới tỉnh Thanh Hóa, đơn vị vận hành chợ, "
              "là bên kiểm soát và xử lý dữ liệu cá nhân. Thông tin liên hệ ghi ở chân trang."),
        ("h2", "Dữ liệu chúng tôi thu thập"),
        ("ul", [
            "Khi bạn tạo tài khoản: họ tên, thư điện tử, mật khẩu (chỉ lưu dạng mã hóa).",
            "Khi bạn đặt hàng: họ tên người nhận, số điện thoại, địa chỉ giao hàng, ghi chú và lịch sử đơn hàng.",
            "Khi bạn gửi tin nhắn liên hệ: họ tên, số điện thoại hoặc thư điện tử, nội dung và địa chỉ IP.",
            "Dữ liệu kỹ thuật cần để trang chạy: cookie phiên đăng nhập, giỏ hàng, ngôn ngữ. Chúng tôi không dùng "
            "cookie quảng cáo hay công cụ theo dõi của bên thứ ba.",
        ]),
        ("p", "Chúng tôi không thu thập dữ liệu cá nhân nhạy cảm và không lưu thông tin thẻ ngân hàng."),
        ("h2", "Mục đích xử lý"),
        ("ul", [
            "Nhận, giao đơn hàng và thu tiền khi giao; chăm sóc khách hàng, đổi trả.",
            "Trả lời tin nhắn, khiếu nại của bạn.",
            "Bảo vệ tài khoản (giới hạn đăng nhập sai) và phòng chống gian lận.",
            "Thống kê chung, không định danh, để báo cáo kết quả Chương trình OCOP.",
        ]),
        ("p", "Chúng tôi chỉ xử lý dữ liệu khi có sự đồng ý của bạn (bằng việc tạo tài khoản, đặt hàng hoặc gửi "
              "tin nhắn) hoặc khi pháp luật yêu cầu, và không dùng dữ liệu vào mục đích khác nếu chưa hỏi lại bạn."),
        ("h2", "Ai được xem dữ liệu của bạn"),
        ("ul", [
            "Chủ thể bán hàng: chỉ thấy thông tin giao hàng của các đơn có sản phẩm của mình.",
            "Bưu điện (VNPost): họ tên, số điện thoại, địa chỉ người nhận và số tiền thu hộ để giao hàng.",
            "Cơ quan nhà nước có thẩm quyền khi có yêu cầu theo quy định của pháp luật.",
        ]),
        ("p", "Chúng tôi không bán, cho thuê hay trao đổi dữ liệu cá nhân với bất kỳ ai."),
        ("h2", "Lưu trữ và bảo vệ"),
        ("p", "Dữ liệu được lưu trên máy chủ đặt tại Việt Nam, truyền qua kết nối mã hóa (HTTPS), chỉ cán bộ được "
              "phân quyền mới truy cập được. Dữ liệu đơn hàng được lưu theo thời hạn của pháp luật về kế toán; tin "
              "nhắn liên hệ được xóa sau 24 tháng. Nếu xảy ra vi phạm dữ liệu cá nhân, chúng tôi thông báo cho "
              "Bộ Công an trong vòng 72 giờ theo Nghị định 13/2023/NĐ-CP."),
        ("h2", "Quyền của bạn"),
        ("p", "Theo Điều 9 Nghị định 13/2023/NĐ-CP, bạn có quyền được biết, đồng ý hoặc rút lại sự đồng ý, truy cập, "
              "chỉnh sửa, yêu cầu xóa, hạn chế xử lý, yêu cầu cung cấp, phản đối xử lý dữ liệu của mình, khiếu "
              "nại, tố cáo và yêu cầu bồi thường thiệt hại. Bạn sửa thông tin tài khoản trong mục “Tài khoản”; các "
              "yêu cầu khác, hãy gửi tin nhắn ở trang Liên hệ với chủ đề “Dữ liệu cá nhân”. Chúng tôi trả lời trong "
              "vòng 72 giờ."),
    ),
)

TERMS = InfoPageSpec(
    slug="dieu-khoan-su-dung",
    title="Điều khoản sử dụng",
    intro=(
        "Khi dùng Chợ OCOP Thanh Hóa để xem, đặt mua sản phẩm hoặc bán hàng, bạn đồng ý với các điều khoản dưới "
        "đây. Xin đọc kỹ trước khi đặt hàng."
    ),
    body=(
        ("h2", "Về chợ"),
        ("p", "Chợ OCOP Thanh Hóa là sàn giới thiệu và bán sản phẩm của các hợp tác xã, doanh nghiệp và hộ sản xuất "
              "tham gia Chương trình OCOP của tỉnh, do Văn phòng Điều phối nông thôn mới tỉnh Thanh Hóa vận hành. "
              "Mỗi sản phẩm do chủ thể ghi trên trang sản phẩm bán và chịu trách nhiệm về chất lượng, nhãn mác, "
              "an toàn thực phẩm."),
        ("h2", "Hạng sao OCOP"),
        ("p", "Hạng sao hiển thị theo giấy chứng nhận do Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp và chỉ hiển "
              "thị khi giấy chứng nhận còn hiệu lực. Bạn có thể kiểm tra mã chứng nhận ở trang Tra cứu chứng nhận "
              "OCOP."),
        ("h2", "Đặt hàng, giá và hợp đồng mua bán"),
        ("ul", [
            "Giá bán tính bằng đồng Việt Nam, đã gồm thuế giá trị gia tăng (nếu có); phí giao hàng hiện rõ trước "
            "khi đặt hàng.",
            "Hợp đồng mua bán được giao kết giữa bạn và chủ thể khi bạn nhận được thư xác nhận đơn hàng.",
            "Chủ thể có thể hủy đơn nếu sản phẩm hết hàng; khi đó bạn được báo ngay và không mất phí.",
        ]),
        ("h2", "Tài khoản"),
        ("p", "Bạn chịu trách nhiệm giữ bí mật mật khẩu. Tài khoản đăng nhập sai mật khẩu nhiều lần sẽ bị tạm khóa "
              "đăng nhập để bảo vệ bạn. Không dùng chợ để đăng nội dung sai sự thật, quảng cáo trái phép hay làm "
              "gián đoạn hệ thống; tài khoản vi phạm có thể bị khóa."),
        ("h2", "Nội dung và hình ảnh"),
        ("p", "Tin bài, hình ảnh của Văn phòng Điều phối được dùng lại khi ghi rõ nguồn. Mô tả và ảnh sản phẩm "
              "thuộc về các chủ thể."),
        ("h2", "Giải quyết khiếu nại, tranh chấp"),
        ("p", "Khiếu nại được tiếp nhận qua đường dây nóng và trang Liên hệ, trả lời trong 2 ngày làm việc. Tranh "
              "chấp được giải quyết trên cơ sở thương lượng; nếu không thành, theo pháp luật Việt Nam, trong đó có "
              "Luật Bảo vệ quyền lợi người tiêu dùng năm 2023 và các quy định về thương mại điện tử."),
    ),
)

ABOUT = InfoPageSpec(
    slug="gioi-thieu",
    title="Giới thiệu",
    intro=(
        "Chợ OCOP Thanh Hóa đưa sản phẩm OCOP của các xã, phường trong tỉnh đến thẳng người mua trên cả nước, "
        "không qua trung gian."
    ),
    body=(
        ("h2", "Ai vận hành chợ"),
        ("p", "Văn phòng Điều phối Chương trình MTQG xây dựng nông thôn mới tỉnh Thanh Hóa là cơ quan tham mưu của "
              "tỉnh về xây dựng nông thôn mới và là cơ quan thường trực Chương trình Mỗi xã một sản phẩm (OCOP). "
              "Văn phòng vận hành chợ như một kênh hỗ trợ tiêu thụ cho các chủ thể OCOP, không thu phí hoa hồng."),
        ("h2", "Sản phẩm trên chợ"),
        ("p", "Chỉ các chủ thể có sản phẩm tham gia Chương trình OCOP của tỉnh mới được mở gian hàng. Mỗi sản phẩm "
              "ghi rõ nơi sản xuất, chủ thể và hạng sao OCOP (nếu còn hiệu lực). Sáu nhóm sản phẩm gồm thực phẩm; đồ "
              "uống; dược liệu và sản phẩm từ dược liệu; thủ công mỹ nghệ; sinh vật cảnh; và dịch vụ du lịch cộng "
              "đồng, du lịch sinh thái."),
        ("h2", "Cách chợ hoạt động"),
        ("ul", [
            "Bạn đặt hàng một lần, kể cả khi mua của nhiều chủ thể.",
            "Mỗi chủ thể tự đóng gói phần hàng của mình và gửi qua Bưu điện.",
            "Bạn trả tiền khi nhận hàng; chủ thể nhận tiền qua Bưu điện.",
        ]),
        ("h2", "Mục tiêu"),
        ("p", "Nâng giá trị sản phẩm đặc trưng của quê hương, tăng thu nhập cho người dân nông thôn và giúp người "
              "mua yên tâm về nguồn gốc, chất lượng, góp phần xây dựng nông thôn mới bền vững."),
    ),
)

INFO_PAGES: tuple[InfoPageSpec, ...] = (SHIPPING, RETURNS, PAYMENT, PRIVACY, TERMS, ABOUT)

CONTACT = {
    "slug": "lien-he",
    "title": "Liên hệ",
    "intro": (
        "Bạn cần hỏi về đơn hàng, đổi trả, sản phẩm OCOP hay muốn đăng ký bán hàng trên chợ? Gọi đường dây nóng "
        "trong giờ làm việc hoặc để lại tin nhắn, cán bộ của Văn phòng sẽ trả lời bạn."
    ),
}

# Footer columns: (column title, page slugs under the home page, by their titles).
FOOTER_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Chính sách", ("giao-hang", "doi-tra", "thanh-toan", "chinh-sach-bao-mat", "dieu-khoan-su-dung")),
    ("Về chúng tôi", ("gioi-thieu", "chuong-trinh-ocop", "lien-he")),
)

# The header's main menu: page slugs under the home page, by their titles.
MAIN_MENU: tuple[str, ...] = ("tin-tuc", "chuong-trinh-ocop", "chuyen-nguoi-lam-ocop", "su-kien", "lien-he")
