"""The columns an import file may have, and the words its cells may use."""

from __future__ import annotations

from dataclasses import dataclass

from tdc.core.text import fold
from tdc.metrology.models import Instrument, Verification, VerificationForm

REASON_HEADER = "Lý do"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    max_length: int = 0


COLUMNS = [
    Column("type", "Loại phương tiện đo", required=True),
    Column("serial", "Số sản xuất", required=True, max_length=100),
    Column("manufacturer", "Nhà sản xuất", max_length=200),
    Column("model", "Kiểu", max_length=100),
    Column("measuring_range", "Phạm vi đo", max_length=100),
    Column("accuracy_class", "Cấp chính xác", max_length=40),
    Column("commune", "Xã, phường", required=True),
    Column("address", "Địa chỉ", max_length=300),
    Column("status", "Trạng thái"),
    Column("owner", "Mã số thuế chủ sở hữu"),
    Column("verified_on", "Ngày kiểm định"),
    Column("form", "Hình thức kiểm định"),
    Column("verifier", "Đơn vị kiểm định"),
    Column("result", "Kết quả"),
    Column("stamp_number", "Số tem", max_length=40),
    Column("certificate_number", "Số giấy chứng nhận", max_length=60),
]
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
HEADER_KEYS = {fold(c.header): c.key for c in COLUMNS} | {c.key: c.key for c in COLUMNS}
HEADER_KEYS |= {
    "kieu (model)": "model",
    "model": "model",
    "so tem kiem dinh": "stamp_number",
    "so giay chung nhan kiem dinh": "certificate_number",
    "xa": "commune",
    "ma xa": "commune",
    "to chuc kiem dinh": "verifier",
}
IGNORED_HEADERS = {fold(REASON_HEADER), "dong", "stt"}

STATUS_WORDS = {
    "dang su dung": Instrument.Status.IN_USE.value,
    "in_use": Instrument.Status.IN_USE.value,
    "tam ngung su dung": Instrument.Status.SUSPENDED.value,
    "tam ngung": Instrument.Status.SUSPENDED.value,
    "suspended": Instrument.Status.SUSPENDED.value,
    "da thanh ly": Instrument.Status.RETIRED.value,
    "thanh ly": Instrument.Status.RETIRED.value,
    "retired": Instrument.Status.RETIRED.value,
}
RESULT_WORDS = {
    "dat": Verification.Result.PASSED.value,
    "pass": Verification.Result.PASSED.value,
    "khong dat": Verification.Result.FAILED.value,
    "fail": Verification.Result.FAILED.value,
}
FORM_WORDS = (
    {fold(str(label)): value for value, label in VerificationForm.choices}
    | {value: value for value in VerificationForm.values}
    | {"ban dau": "ban_dau", "dinh ky": "dinh_ky", "sau sua chua": "sau_sua_chua"}
)


def template_headers() -> list[str]:
    """The columns of the empty template file, in order."""
    return [c.header for c in COLUMNS]
