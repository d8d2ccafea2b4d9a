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


def warning_rows() -> Iterator[dict[str, Any]]:
    """Published consumer warnings only (never a draft or a withdrawn one)."""
    from tdc.surveillance.queries import published_warnings

    for w in published_warnings().select_related("province").order_by("published_at", "pk"):
        yield {
            "so_hieu": w.reference,
            "ma_tinh": w.province_id,
            "tinh": w.province.name,
            "tieu_de": w.title,
            "san_pham": w.product.name,
            "nhan_hieu": w.product.brand,
            "ma_gtin": w.gtin,
            "muc_rui_ro": w.get_risk_level_display(),
            "noi_dung": w.hazard,
            "bien_phap": w.measures,
            "ngay_cong_bo": w.published_at.date().isoformat() if w.published_at else "",
        }


def declaration_rows() -> Iterator[dict[str, Any]]:
    """The public register: accepted declarations, with what the register page shows."""
    from tdc.conformity.queries import public_declarations

    for d in public_declarations().order_by("decided_on", "pk"):
        yield {
            "so_tiep_nhan": d.receipt_number or "",
            "doanh_nghiep": d.organisation.name,
            "san_pham": d.product_name,
            "ma_gtin": d.gtin,
            "loai_cong_bo": d.get_kind_display(),
            "tieu_chuan": d.standard.number if d.standard else "",
            "to_chuc_chung_nhan": d.certifying_body,
            "ngay_tiep_nhan": d.decided_on.isoformat() if d.decided_on else "",
        }


def standard_rows() -> Iterator[dict[str, Any]]:
    """The standards catalogue (public reference data), by number."""
    from tdc.standards.queries import search_standards

    offset = 0
    while True:
        page = search_standards(limit=500, offset=offset)
        for st in page.standards:
            yield {
                "so_hieu": st.number,
                "loai": st.get_kind_display(),
                "ten": st.title_vi,
                "ten_tieng_anh": st.title_en,
                "ma_ics": " ".join(st.ics or []),
                "trang_thai": st.get_status_display(),
            }
        if len(page.standards) < 500:
            return
        offset += 500


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
    register_dataset(
        Dataset(
            key="canh-bao-san-pham",
            title="Cảnh báo sản phẩm, hàng hóa không an toàn",
            description=(
                "Các cảnh báo đã công bố của Sở Khoa học và Công nghệ: sản phẩm, mức rủi ro, "
                "nội dung cảnh báo và biện pháp; không có bản nháp hay cảnh báo đã thu hồi."
            ),
            fields=[
                DatasetField("so_hieu", "Số hiệu"),
                DatasetField("ma_tinh", "Mã tỉnh", "integer"),
                DatasetField("tinh", "Tỉnh, thành phố"),
                DatasetField("tieu_de", "Tiêu đề"),
                DatasetField("san_pham", "Sản phẩm"),
                DatasetField("nhan_hieu", "Nhãn hiệu"),
                DatasetField("ma_gtin", "Mã GTIN"),
                DatasetField("muc_rui_ro", "Mức rủi ro"),
                DatasetField("noi_dung", "Nội dung cảnh báo"),
                DatasetField("bien_phap", "Biện pháp"),
                DatasetField("ngay_cong_bo", "Ngày công bố", "date"),
            ],
            rows="tdc.opendata.datasets.warning_rows",
            source="Giám sát thị trường",
            order=30,
        )
    )
    register_dataset(
        Dataset(
            key="so-tiep-nhan-cong-bo-hop-quy",
            title="Sổ tiếp nhận hồ sơ công bố hợp chuẩn, hợp quy",
            description=(
                "Các bản công bố đã được tiếp nhận (công khai theo quy định): số tiếp nhận, doanh "
                "nghiệp, sản phẩm, tiêu chuẩn hoặc quy chuẩn áp dụng; không có hồ sơ đang xử lý "
                "hay bị từ chối."
            ),
            fields=[
                DatasetField("so_tiep_nhan", "Số tiếp nhận"),
                DatasetField("doanh_nghiep", "Doanh nghiệp"),
                DatasetField("san_pham", "Sản phẩm, hàng hóa"),
                DatasetField("ma_gtin", "Mã GTIN"),
                DatasetField("loai_cong_bo", "Loại công bố"),
                DatasetField("tieu_chuan", "Tiêu chuẩn, quy chuẩn"),
                DatasetField("to_chuc_chung_nhan", "Tổ chức chứng nhận"),
                DatasetField("ngay_tiep_nhan", "Ngày tiếp nhận", "date"),
            ],
            rows="tdc.opendata.datasets.declaration_rows",
            source="Công bố hợp chuẩn, hợp quy",
            order=40,
        )
    )
    register_dataset(
        Dataset(
            key="danh-muc-tieu-chuan",
            title="Danh mục tiêu chuẩn",
            description="Các tiêu chuẩn trong danh mục: số hiệu, loại, tên, mã ICS, trạng thái.",
            fields=[
                DatasetField("so_hieu", "Số hiệu"),
                DatasetField("loai", "Loại"),
                DatasetField("ten", "Tên tiêu chuẩn"),
                DatasetField("ten_tieng_anh", "Tên tiếng Anh"),
                DatasetField("ma_ics", "Mã ICS"),
                DatasetField("trang_thai", "Trạng thái"),
            ],
            rows="tdc.opendata.datasets.standard_rows",
            source="Danh mục tiêu chuẩn",
            order=50,
        )
    )
