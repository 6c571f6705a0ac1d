"""Names of the editorial groups and workflow created by migration 0007 (editors draft, moderators approve,
publishers publish)."""

EDITORS_GROUP = "Biên tập viên"
MODERATORS_GROUP = "Kiểm duyệt viên"
PUBLISHERS_GROUP = "Người xuất bản"
EDITORIAL_WORKFLOW = "Duyệt nội dung"
