"""The CMS demo accounts: an editor, a moderator and a publisher of the news and programme pages."""

from marketplace.cms.editorial import EDITORS_GROUP, MODERATORS_GROUP, PUBLISHERS_GROUP
from marketplace.demo.catalogue import DemoUser
from marketplace.demo.rating import DEMO_PASSWORD

EDITORIAL_DEMO_ACCOUNTS: tuple[tuple[str, DemoUser], ...] = (
    ("CMS editor", DemoUser(email="bientap@ocop.vn", password=DEMO_PASSWORD, first_name="Đỗ Thị",
                            last_name="Thanh Tâm", groups=(EDITORS_GROUP,))),
    ("CMS moderator", DemoUser(email="kiemduyet@ocop.vn", password=DEMO_PASSWORD, first_name="Lương Văn",
                               last_name="Khải", groups=(MODERATORS_GROUP,))),
    ("CMS publisher", DemoUser(email="xuatban@ocop.vn", password=DEMO_PASSWORD, first_name="Nguyễn Thị",
                               last_name="Hồng Nhung", groups=(PUBLISHERS_GROUP,))),
)
EDITORIAL_DEMO_USERS = [account for _, account in EDITORIAL_DEMO_ACCOUNTS]
