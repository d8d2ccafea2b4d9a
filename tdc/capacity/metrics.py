"""The figures the capacity registers add to the metric registry, with the wording by which
a plan's targets name them (regular expressions over the folded target text, see
`tdc.core.metrics.Metric.wording`). Checked against the seeds' real targets in
`tests/test_metrics.py`."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from tdc.capacity import queries
from tdc.capacity.models import Audience
from tdc.core.metrics import Metric, MetricScope, register_metric

# "…% (đội ngũ) cán bộ, công chức, viên chức … được đào tạo / tập huấn": the officials'
# share; a long match on purpose, so it wins over the businesses' wording when a target names
# both ("cán bộ … trong các cơ quan nhà nước, các tổ chức, doanh nghiệp … được tập huấn").
_OFFICIALS = (
    r"\d+ ?% (doi ngu )?(can bo, )?cong chuc[^.;]{0,200}duoc (dao tao|tap huan|boi duong)",
    r"\d+ ?% (doi ngu )?(can bo, )?cong chuc",
)
_BUSINESSES = (
    # a share of bodies and businesses trained ("30% các cơ quan, tổ chức, doanh nghiệp …
    # được tập huấn"): the wording names the training, so a share of businesses doing
    # something else ("100% doanh nghiệp … áp dụng hệ thống truy xuất") is not claimed
    r"\d+ ?% (cac )?(co quan|to chuc|doanh nghiep)[^.;%]{0,160}duoc (tap huan|dao tao|boi duong)",
    r"doanh nghiep[^.;]{0,60}duoc (tap huan|dao tao|boi duong)",
)
_AUDIENCE_WORDS = {
    Audience.OFFICIALS: r"(can bo|cong chuc)",
    Audience.COMMUNE: r"can bo (cap )?xa",
    Audience.BUSINESSES: r"doanh nghiep",
    Audience.POLICE: r"cong an",
    Audience.MILITARY: r"(quan doi|luc luong vu trang)",
    Audience.TEACHERS: r"giao vien",
    Audience.STUDENTS: r"(hoc sinh|sinh vien)",
    Audience.OTHER: r"doi tuong khac",
}


def _participants(audience: str, scope: MetricScope) -> Decimal:
    return queries.participants_total(scope, audience)


def _event_participants(audience: str, scope: MetricScope) -> Decimal:
    return queries.event_participants(scope, audience)


METRICS: tuple[Metric, ...] = (
    Metric(
        key="capacity.courses_held",
        label="Số lớp đào tạo, bồi dưỡng, tập huấn đã tổ chức",
        unit="lớp",
        compute=queries.courses_held,
        description="Lớp đào tạo, bồi dưỡng, tập huấn bắt đầu trong kỳ (không kể chương trình giảng dạy).",
        wording=(r"\d+ lop (dao tao|boi duong|tap huan)", r"lop (dao tao|boi duong|tap huan)"),
    ),
    Metric(
        key="capacity.curricula",
        label="Số chương trình giảng dạy có nội dung tiêu chuẩn, đo lường, chất lượng",
        unit="chương trình",
        compute=queries.curricula_count,
        description="Chương trình của trường đại học, cao đẳng, trường nghề đang giảng dạy trong kỳ.",
        wording=(r"(chuong trinh|noi dung) (giang day|dao tao)[^.;]{0,60}(truong|dai hoc)",),
    ),
    Metric(
        key="capacity.participants",
        label="Số lượt người được đào tạo, tập huấn",
        unit="lượt người",
        compute=partial(queries.participants_total, audience=None),
        description="Học viên của các lớp bắt đầu trong kỳ; mỗi người tính một lần trong một lớp.",
        wording=(r"\d+ (luot nguoi|luot|hoc vien)[^.;]{0,20}(tap huan|dao tao|boi duong)",),
    ),
    *(
        Metric(
            key=f"capacity.participants_{value}",
            label=f"Số lượt học viên là {Audience(value).label.lower()}",
            unit="lượt người",
            compute=partial(_participants, value),
            description="Học viên thuộc đối tượng này của các lớp bắt đầu trong kỳ.",
            wording=(rf"\d+ (luot|hoc vien)[^.;]{{0,30}}{_AUDIENCE_WORDS[Audience(value)]}",),
        )
        for value in Audience.values
    ),
    Metric(
        key="capacity.businesses_trained_share",
        label="Tỷ lệ doanh nghiệp được tập huấn, bồi dưỡng",
        unit="%",
        compute=queries.businesses_trained_share,
        description=(
            "Trong các doanh nghiệp đang hoạt động có trong danh bạ của tỉnh, tỷ lệ có người "
            "tham dự ít nhất một lớp trong kỳ."
        ),
        wording=_BUSINESSES,
    ),
    Metric(
        key="capacity.officials_trained_share",
        label="Tỷ lệ cán bộ, công chức làm công tác TĐC được đào tạo, bồi dưỡng",
        unit="%",
        compute=queries.officials_trained_share,
        description=(
            "Trong danh sách cán bộ, công chức làm công tác tiêu chuẩn, đo lường, chất lượng, "
            "tỷ lệ đã tham dự ít nhất một lớp trong kỳ."
        ),
        wording=_OFFICIALS,
    ),
    Metric(
        key="capacity.forums_held",
        label="Số diễn đàn đối thoại với doanh nghiệp đã tổ chức",
        unit="diễn đàn",
        compute=queries.forums_held,
        wording=(r"\d+ dien dan", r"dien dan doi thoai"),
    ),
    Metric(
        key="capacity.events_held",
        label="Số sự kiện, hội nghị, hoạt động truyền thông đã tổ chức",
        unit="sự kiện",
        compute=queries.events_held,
        wording=(
            r"\d+ (su kien|hoi nghi|hoi thao)",
            r"ngay (tieu chuan the gioi|do luong viet nam)",
        ),
    ),
    Metric(
        key="capacity.event_participants",
        label="Số lượt người tham dự các sự kiện",
        unit="lượt người",
        compute=partial(queries.event_participants, audience=None),
        description="Người tham dự các sự kiện tổ chức trong kỳ, cộng mọi đối tượng.",
        wording=(r"\d+ luot nguoi tham (du|gia)",),
    ),
    *(
        Metric(
            key=f"capacity.event_participants_{value}",
            label=f"Số lượt người tham dự sự kiện là {Audience(value).label.lower()}",
            unit="lượt người",
            compute=partial(_event_participants, value),
            description="Người thuộc đối tượng này tham dự các sự kiện tổ chức trong kỳ.",
            wording=(
                rf"\d+ (luot|nguoi)[^.;]{{0,30}}{_AUDIENCE_WORDS[Audience(value)]}[^.;]{{0,40}}"
                r"tham (du|gia)[^.;]{0,20}(su kien|hoi nghi|hoi thao|dien dan)",
            ),
        )
        for value in Audience.values
    ),
    Metric(
        key="capacity.equipment_bought",
        label="Số trang thiết bị kiểm tra, thử nghiệm đã đầu tư",
        unit="trang thiết bị",
        compute=queries.equipment_bought,
        description="Số đơn vị thiết bị mua trong kỳ (một lô năm bộ thử nhanh tính năm).",
        wording=(r"\d+ (trang )?thiet bi", r"(dau tu|mua sam)[^.;]{0,30}(trang )?thiet bi"),
    ),
    Metric(
        key="capacity.programmes_under_way",
        label="Số chương trình, đề án, nhiệm vụ đang triển khai",
        unit="chương trình",
        compute=queries.programmes_under_way,
        wording=(r"\d+ (chuong trinh|de an)", r"chuong trinh, de an"),
    ),
    Metric(
        key="capacity.iso_applied_agencies",
        label="Số cơ quan hành chính áp dụng TCVN ISO 9001",
        unit="cơ quan",
        compute=queries.iso_applied_agencies,
        wording=(r"\d+ co quan[^.;]{0,60}iso 9001",),
    ),
    Metric(
        key="capacity.iso_applied_share",
        label="Tỷ lệ cơ quan hành chính áp dụng TCVN ISO 9001",
        unit="%",
        compute=queries.iso_applied_share,
        wording=(r"\d+ ?%[^.;]{0,80}(iso 9001|he thong quan ly chat luong)",),
    ),
    Metric(
        key="capacity.awards_decided",
        label="Số khen thưởng, giải thưởng chất lượng",
        unit="khen thưởng",
        compute=queries.awards_decided,
        wording=(r"\d+[^.;]{0,20}(giai thuong chat luong|khen thuong)",),
    ),
)


def register_capacity_metrics() -> None:
    for metric in METRICS:
        register_metric(metric)
