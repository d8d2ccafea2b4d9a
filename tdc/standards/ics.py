"""ICS (International Classification for Standards): the fields, and how a code is written."""

from __future__ import annotations

import re

FIELDS: dict[str, str] = {
    "01": "Vấn đề chung. Thuật ngữ. Tiêu chuẩn hóa. Tư liệu",
    "03": "Dịch vụ. Tổ chức doanh nghiệp, quản lý và chất lượng. Hành chính. Vận tải",
    "07": "Toán học. Khoa học tự nhiên",
    "11": "Công nghệ chăm sóc sức khỏe",
    "13": "Môi trường. Bảo vệ sức khỏe. An toàn",
    "17": "Đo lường và phép đo. Hiện tượng vật lý",
    "19": "Thử nghiệm",
    "21": "Hệ thống và kết cấu cơ khí",
    "23": "Hệ thống chất lỏng và linh kiện",
    "25": "Chế tạo",
    "27": "Năng lượng và truyền nhiệt",
    "29": "Kỹ thuật điện",
    "31": "Điện tử",
    "33": "Viễn thông. Âm thanh và hình ảnh",
    "35": "Công nghệ thông tin",
    "37": "Công nghệ ảnh",
    "39": "Cơ khí chính xác. Kim hoàn",
    "43": "Phương tiện giao thông đường bộ",
    "45": "Kỹ thuật đường sắt",
    "47": "Đóng tàu và kết cấu hàng hải",
    "49": "Máy bay và tàu vũ trụ",
    "53": "Thiết bị vận chuyển vật liệu",
    "55": "Bao gói và phân phối hàng hóa",
    "59": "Công nghệ dệt và da",
    "61": "Công nghệ may mặc",
    "65": "Nông nghiệp",
    "67": "Công nghệ thực phẩm",
    "71": "Công nghệ hóa chất",
    "73": "Khai thác mỏ và khoáng sản",
    "75": "Dầu mỏ và công nghệ liên quan",
    "77": "Luyện kim",
    "79": "Công nghệ gỗ",
    "81": "Công nghiệp thủy tinh và gốm",
    "83": "Công nghiệp cao su và chất dẻo",
    "85": "Công nghệ giấy",
    "87": "Công nghiệp sơn và màu",
    "91": "Vật liệu xây dựng và nhà",
    "93": "Xây dựng dân dụng",
    "95": "Kỹ thuật quân sự",
    "97": "Thiết bị gia dụng và thương mại. Giải trí. Thể thao",
}

CODE = re.compile(r"^\d{2}(\.\d{3}(\.\d{2})?)?$")
_SEPARATORS = re.compile(r"[;,\s|]+")


def split_codes(text: str) -> list[str]:
    """ "67.140.10; 67.140.20" → ["67.140.10", "67.140.20"] (order kept, duplicates out)."""
    return list(dict.fromkeys(part for part in _SEPARATORS.split(text.strip()) if part))


def is_known(code: str) -> bool:
    """Written as ICS writes it (67, 67.140 or 67.140.10) and in a field that exists."""
    return bool(CODE.match(code)) and code[:2] in FIELDS


def covers(prefix: str, code: str) -> bool:
    """Does the ICS `prefix` (a field, group or sub-group) contain `code`? 67.140 ⊃ 67.140.10,
    but 67.1 is not a prefix of 67.140."""
    return code == prefix or code.startswith(prefix + ".")


def hs_digits(text: str) -> str:
    """ "0901.11" or "0901 11" → "090111"."""
    return "".join(ch for ch in text if ch.isdigit())


def split_hs(text: str) -> list[str]:
    return list(
        dict.fromkeys(d for part in _SEPARATORS.split(text.strip()) if (d := hs_digits(part)))
    )
