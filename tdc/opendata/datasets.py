"""The open datasets of the modules that predate the catalogue (metrology, complaints).
Modules written since register their own datasets in their AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from tdc.complaints.queries import complaint_statistics, provinces_with_complaints
from tdc.core.datasets import Dataset, DatasetField, register_dataset
from tdc.metrology.queries import open_instrument_counts


def instrument_rows() -> list[dict[str, Any]]:
    return open_instrument_counts()


def complaint_rows() -> Iterator[dict[str, Any]]:
    """Per province, year and category: received, handled, handled on time (counts only)."""
    import datetime as dt

    this_year = timezone.localdate().year
    for province in provinces_with_complaints():
        for year in range(this_year - 2, this_year + 1):
            stats = complaint_statistics(
                province_id=province.pk, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
            )
            for row in stats.by_category:
                yield {
                    "ma_tinh": province.pk,
                    "tinh": province.name,
                    "nam": year,
                    "linh_vuc": row.label,
                    "tiep_nhan": row.received,
                    "da_xu_ly": row.handled,
                    "xu_ly_dung_han": row.on_time,
                }


def register() -> None:
    register_dataset(
        Dataset(
            key="phuong-tien-do-theo-xa",
            title="Phương tiện đo nhóm 2 theo xã, phường và loại",
            description=(
                "Số phương tiện đo nhóm 2 đã đăng ký trên Nền tảng TĐC theo tỉnh, xã, phường "
                "và loại phương tiện đo; chỉ có số lượng, không có thông tin chủ sở hữu."
            ),
            fields=[
                DatasetField("ma_tinh", "Mã tỉnh", "integer"),
                DatasetField("tinh", "Tỉnh, thành phố"),
                DatasetField("ma_xa", "Mã xã, phường", "integer"),
                DatasetField("xa", "Xã, phường"),
                DatasetField("ma_loai", "Mã loại phương tiện đo"),
                DatasetField("loai_phuong_tien_do", "Loại phương tiện đo"),
                DatasetField("so_luong", "Số lượng", "integer"),
                DatasetField("dang_su_dung", "Đang sử dụng", "integer"),
            ],
            rows="tdc.opendata.datasets.instrument_rows",
            source="Đăng ký phương tiện đo",
            order=10,
        )
    )
    register_dataset(
        Dataset(
            key="thong-ke-phan-anh",
            title="Thống kê phản ánh của người dân",
            description=(
                "Số phản ánh về tiêu chuẩn, đo lường, chất lượng tiếp nhận, đã xử lý và xử lý "
                "đúng hạn, theo tỉnh, năm và lĩnh vực; không có nội dung phản ánh hay thông tin "
                "người phản ánh."
            ),
            fields=[
                DatasetField("ma_tinh", "Mã tỉnh", "integer"),
                DatasetField("tinh", "Tỉnh, thành phố"),
                DatasetField("nam", "Năm", "integer"),
                DatasetField("linh_vuc", "Lĩnh vực"),
                DatasetField("tiep_nhan", "Số tiếp nhận", "integer"),
                DatasetField("da_xu_ly", "Số đã xử lý", "integer"),
                DatasetField("xu_ly_dung_han", "Số xử lý đúng hạn", "integer"),
            ],
            rows="tdc.opendata.datasets.complaint_rows",
            source="Phản ánh của người dân",
            order=20,
        )
    )
