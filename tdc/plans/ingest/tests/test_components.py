"""The small extractors (references, targets, deadlines, roles) and the JSON round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tdc.plans.ingest import ParsedPlan, ParsedTask
from tdc.plans.ingest.deadlines import find_deadlines, subject_of
from tdc.plans.ingest.outline import OutlineOptions, build_outline, match_marker
from tdc.plans.ingest.references import find_references
from tdc.plans.ingest.roles import extract_roles
from tdc.plans.ingest.targets import NumericTarget, find_numeric_target, period_from_heading

from .seeds import SEED_PARAMS, get_seed


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_plan_round_trips_through_json(gold_path: Path):
    seed = get_seed(gold_path)
    full = seed.plan.to_dict()
    restored = ParsedPlan.from_dict(json.loads(json.dumps(full, ensure_ascii=False)))
    assert restored == seed.plan
    assert restored.to_gold_dict() == seed.plan.to_gold_dict()


@pytest.mark.parametrize("gold_path", SEED_PARAMS)
def test_gold_dict_round_trips(gold_path: Path):
    seed = get_seed(gold_path)
    rebuilt = ParsedPlan.from_dict(seed.gold)
    expected = {k: v for k, v in seed.gold.items() if k != "notes"}
    assert {k: v for k, v in rebuilt.to_gold_dict().items() if k != "notes"} == expected


def test_content_start_is_not_trimmed_again():
    task = ParsedTask(
        group="1",
        number=None,
        content="Xây dựng, áp dụng, các giải pháp về chuyển đổi số, mã số mã vạch",
    )
    assert task.content_start == "Xây dựng, áp dụng, các giải pháp về chuyển đổi số, mã số mã "
    assert len(task.content_start) == 60


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đề án 996/QĐ-TTg, ngày 10/8/2018", ["Quyết định số 996/QĐ-TTg"]),
        (
            "Chỉ thị số 38-\nCT/TW và Quyết định số 1703/QĐ- TTg",
            ["Chỉ thị số 38-CT/TW", "Quyết định số 1703/QĐ-TTg"],
        ),
        ("Nghị quyết số 22/2020/NQ-HĐND ngày 23/12/2020", ["Nghị quyết số 22/2020/NQ-HĐND"]),
        ("Công văn số 8040/UBND-KGVX ngày 01/12/2025", ["Công văn số 8040/UBND-KGVX"]),
        ("Tờ trình số 232/TTr-SKH-CN", ["Tờ trình số 232/TTr-SKH-CN"]),
        (
            "các Quyết định: Số 1322/QĐ-TTg; số 36/QĐ-TTg",
            ["Quyết định số 1322/QĐ-TTg", "Quyết định số 36/QĐ-TTg"],
        ),
        (
            "Nghị định số 37/2016/NĐ-CP; Thông tư số 02/2017/TT-BKHCN",
            ["Nghị định số 37/2016/NĐ-CP", "Thông tư số 02/2017/TT-BKHCN"],
        ),
        ("TCVN ISO 9001:2015, ISO/IEC 17025, Luật Đo lường, giai đoạn 2021-2030", []),
        ("Kế hoạch số /KH-UBND ngày tháng năm 2026", []),
        ("Quyết định số 1703/QĐ-TTg ... QUYẾT ĐỊNH SỐ 1703/QĐ-TTG", ["Quyết định số 1703/QĐ-TTg"]),
    ],
)
def test_find_references(text: str, expected: list[str]):
    assert find_references(text) == expected


def test_find_references_excludes_the_document_itself():
    text = "Quyết định số 401 /QĐ-UBND ngày 28/02/2025 thực hiện Chỉ thị số 38-CT/TW"
    assert find_references(text, exclude={"401/QĐ-UBND"}) == ["Chỉ thị số 38-CT/TW"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100% các sở tổ chức quán triệt", NumericTarget(100, "%", "=")),
        ("Phấn đấu 30% các cơ quan", NumericTarget(30, "%", ">=")),
        ("Tổ chức ít nhất 05 diễn đàn đối thoại", NumericTarget(5, "diễn đàn", ">=")),
        ("Đầu tư ít nhất 06 trang thiết bị, công cụ", NumericTarget(6, "trang thiết bị", ">=")),
        ("Tổ chức ít nhất 30 lớp đào tạo, bồi dưỡng", NumericTarget(30, "lớp", ">=")),
        ("Có 1.000 doanh nghiệp áp dụng", NumericTarget(1000, "doanh nghiệp", "=")),
        ("Tỷ lệ vi phạm không quá 2,5%", NumericTarget(2.5, "%", "<=")),
        ("Đạt trên 90% số hồ sơ", NumericTarget(90, "%", ">")),
        ("Xây dựng 20 mô hình trở lên", NumericTarget(20, "mô hình", ">=")),
        (
            "Phấn đấu đến năm 2030 có ít nhất 50 doanh nghiệp áp dụng hệ thống quản lý",
            NumericTarget(50, "doanh nghiệp", ">="),
        ),
        ("Ít nhất 30% doanh nghiệp được hỗ trợ", NumericTarget(30, "%", ">=")),
        ("Xây dựng 05 mô hình điểm về năng suất trở lên.", NumericTarget(5, "mô hình", ">=")),
        ("Hằng năm tổ chức hội nghị, diễn đàn đối thoại", None),
        ("Thực hiện theo Điều 38 Luật Chất lượng sản phẩm, hàng hóa năm 2007", None),
        ("Quyết định số 1322/QĐ-TTg ngày 31 tháng 8 năm 2020; TCVN ISO 9001:2015", None),
    ],
)
def test_find_numeric_target(text: str, expected: NumericTarget | None):
    assert find_numeric_target(text) == expected


@pytest.mark.parametrize(
    ("title", "is_section", "period"),
    [
        ("Mục tiêu đến năm 2030", False, "by 2030"),
        ("Giai đoạn đến năm 2030", False, "by 2030"),
        ("Định hướng những năm tiếp theo", False, "những năm tiếp theo"),
        ("Những năm tiếp theo", False, "những năm tiếp theo"),
        ("Mục tiêu cụ thể", False, None),
        ("MỘT SỐ MỤC TIÊU", True, None),
        ("Chỉ tiêu hằng năm", False, "annual"),
    ],
)
def test_period_from_heading(title: str, is_section: bool, period: str | None):
    assert period_from_heading(title, is_section=is_section) == period


def test_find_deadlines():
    hits = find_deadlines(
        "Chủ động xây dựng kế hoạch; tổng hợp, báo cáo UBND tỉnh về tình hình thực hiện trước "
        "ngày 20 tháng 11 hàng năm. Hoàn thành trước ngày 30/6/2025."
    )
    assert [(h.to, h.day_month, h.recurrence) for h in hits] == [("UBND tỉnh", "20/11", "annual")]
    hits = find_deadlines(
        "gửi báo cáo về UBND tỉnh (qua Sở Khoa học và Công nghệ) trước ngày 5/1 hằng quý."
    )
    assert [(h.to, h.day_month, h.recurrence) for h in hits] == [
        ("UBND tỉnh (qua Sở Khoa học và Công nghệ)", "05/01", "quarterly")
    ]
    hits = find_deadlines("Báo cáo Bộ Khoa học và Công nghệ chậm nhất ngày 15/12/2025.")
    assert [(h.to, h.day_month, h.recurrence) for h in hits] == [
        ("Bộ Khoa học và Công nghệ", "15/12", "once")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Same day six (three) months apart: one periodic deadline, its first date kept.
        (
            "Báo cáo UBND tỉnh trước ngày 20/6 và 20/12 hằng năm.",
            [("UBND tỉnh", "20/06", "semiannual")],
        ),
        (
            "Gửi báo cáo về Sở KHCN trước ngày 15/3, 15/6, 15/9 và 15/12.",
            [("Sở KHCN", "15/03", "quarterly")],
        ),
        # Other lists: one deadline per date.
        (
            "Báo cáo UBND tỉnh trước ngày 30/11 và 15/12 hằng năm.",
            [("UBND tỉnh", "30/11", "annual"), ("UBND tỉnh", "15/12", "annual")],
        ),
        (
            "Báo cáo UBND tỉnh trước ngày 30/6/2025 và 31/12/2025.",
            [("UBND tỉnh", "30/06", "once"), ("UBND tỉnh", "31/12", "once")],
        ),
        # A day whose month the recurrence gives: the month of the first due date in a year.
        (
            "Báo cáo kết quả về Phòng Quản lý tiêu chuẩn chất lượng trước ngày 10 hằng tháng.",
            [("Phòng Quản lý tiêu chuẩn chất lượng", "10/01", "monthly")],
        ),
        (
            "báo cáo Giám đốc Sở trước ngày 15 của tháng cuối quý.",
            [("Giám đốc Sở", "15/03", "quarterly")],
        ),
        (
            "báo cáo UBND tỉnh trước ngày 10 tháng đầu của quý sau.",
            [("UBND tỉnh", "10/04", "quarterly")],
        ),
        ("Kiểm tra trước ngày 15 hằng tháng.", []),
        # A parenthesis after a date names its report's recurrence.
        (
            "Báo cáo về Sở Khoa học và Công nghệ trước ngày 15/6 (báo cáo 6 tháng) và trước ngày "
            "15/11 (báo cáo năm).",
            [
                ("Sở Khoa học và Công nghệ", "15/06", "semiannual"),
                ("Sở Khoa học và Công nghệ", "15/11", "annual"),
            ],
        ),
    ],
)
def test_find_deadline_lists_and_day_only_deadlines(
    text: str, expected: list[tuple[str, str, str]]
):
    assert [(h.to, h.day_month, h.recurrence) for h in find_deadlines(text)] == expected


def test_subject_of_a_lead_in_sentence():
    text = (
        "Căn cứ nhiệm vụ, giải pháp trong Kế hoạch này, Giám đốc các Sở, Thủ trưởng các ban, ngành, "
        "Chủ tịch UBND các huyện theo chức năng, nhiệm vụ được giao, chủ động chỉ đạo."
    )
    assert subject_of(text) == (
        "Giám đốc các Sở, Thủ trưởng các ban, ngành, Chủ tịch UBND các huyện"
    )
    assert subject_of("Xây dựng kế hoạch thực hiện.") is None


@pytest.mark.parametrize(
    ("text", "lead", "partners"),
    [
        (
            "Chủ trì, phối hợp với các cơ quan Trung ương để tổ chức đoàn",
            [],
            ["các cơ quan Trung ương"],
        ),
        ("Sở Y tế chủ trì, phối hợp với Sở Công Thương kiểm tra", ["Sở Y tế"], ["Sở Công Thương"]),
        ("Tham gia Đề án do Bộ Khoa học và Công nghệ chủ trì.", [], []),
        (
            "Nâng cao hiệu quả công tác phối hợp giữa các cơ quan chức năng với các địa phương",
            [],
            [],
        ),
        ("Xây dựng cơ chế phối hợp xử lý nhanh các thông tin", [], []),
        (
            "Xây dựng chuyên mục (Sở Tư pháp chủ trì; các sở, ngành liên quan phối hợp).",
            ["Sở Tư pháp"],
            ["các sở, ngành liên quan"],
        ),
        (
            "Phối hợp, kết nối hợp tác với các tổ chức công nhận quốc gia; tổ chức đánh giá sự phù "
            "hợp quốc gia để thực hiện",
            [],
            ["các tổ chức công nhận quốc gia", "tổ chức đánh giá sự phù hợp quốc gia"],
        ),
        (
            "Kiểm tra hàng hóa. Đơn vị chủ trì: Sở Công Thương; Đơn vị phối hợp: Công an tỉnh.",
            ["Sở Công Thương"],
            ["Công an tỉnh"],
        ),
        # Roles in a later sentence of the item; the trailing verb is not part of a unit.
        (
            "Tổ chức tuyên truyền trên các phương tiện thông tin đại chúng. Sở Văn hóa, Thể thao "
            "và Du lịch chủ trì, phối hợp với Báo Quảng Ninh thực hiện.",
            ["Sở Văn hóa, Thể thao và Du lịch"],
            ["Báo Quảng Ninh"],
        ),
        (
            "Kiểm tra phương tiện đo. Sở Khoa học và Công nghệ chủ trì, phối hợp với Công an tỉnh "
            "và UBND các xã, phường, đặc khu.",
            ["Sở Khoa học và Công nghệ"],
            ["Công an tỉnh", "UBND các xã, phường, đặc khu"],
        ),
        (
            "Kiểm tra xăng dầu. - Chủ trì: Sở Công Thương. - Phối hợp: Công an tỉnh; UBND các xã. "
            "- Thời gian: Quý II.",
            ["Sở Công Thương"],
            ["Công an tỉnh", "UBND các xã"],
        ),
        (
            "Tuyên truyền (Sở Y tế chủ trì, các địa phương phối hợp thực hiện).",
            ["Sở Y tế"],
            ["các địa phương"],
        ),
        (
            "Kiểm tra nhãn hàng hóa; giao Sở Công Thương chủ trì, phối hợp với các sở, ngành liên "
            "quan tổ chức thực hiện.",
            ["Sở Công Thương"],
            ["các sở, ngành liên quan"],
        ),
        ("Kiểm tra đo lường; UBND TP. Hạ Long chủ trì.", ["UBND TP. Hạ Long"], []),
        (
            "Giám sát chất lượng nông sản. Nhiệm vụ này do Sở Nông nghiệp và Môi trường chủ trì "
            "thực hiện.",
            ["Sở Nông nghiệp và Môi trường"],
            [],
        ),
        (
            "Đánh giá năng suất. Sở Khoa học và Công nghệ chủ trì; Sở Công Thương, Ban Quản lý các "
            "Khu công nghiệp phối hợp.",
            ["Sở Khoa học và Công nghệ"],
            ["Sở Công Thương", "Ban Quản lý các Khu công nghiệp"],
        ),
        ("Các đơn vị chủ trì nhiệm vụ báo cáo tiến độ.", [], []),
        ("Bộ Khoa học và Công nghệ đã ban hành Đề án do Bộ chủ trì.", [], []),
    ],
)
def test_extract_roles(text: str, lead: list[str], partners: list[str]):
    assert extract_roles(text) == (lead, partners)


@pytest.mark.parametrize(
    ("line", "kind", "label"),
    [
        ("I. MỤC ĐÍCH", "roman", "I"),
        ("IV. TỔ CHỨC THỰC HIỆN", "roman", "IV"),
        ("1. Mục đích", "num", "1"),
        ("1.2. Nội dung", "num2", "1.2"),
        ("a) Tổ chức", "letter", "a"),
        ("đ) Phấn đấu", "letter", "đ"),
        ("(3) Kế hoạch", "pnum", "3"),
        ("- Xây dựng", "dash", None),
        ("+ Kiểm tra", "plus", None),
        ("• Tuyên truyền", "dot", None),
        ("PHẦN II. NỘI DUNG", "part", "II"),
        ("Phần III. TỔ CHỨC THỰC HIỆN", "part", "III"),
        ("Mục 2. Mục tiêu đến năm 2030", "num", "2"),
        ("Mục II. NHIỆM VỤ", "roman", "II"),
        ("Điểm a) Rà soát quy định", "letter", "a"),
    ],
)
def test_match_marker(line: str, kind: str, label: str | None):
    marker = match_marker(line)
    assert marker is not None
    assert (marker.kind, marker.label) == (kind, label)


@pytest.mark.parametrize(
    "line",
    [
        "2024 của Thủ tướng",
        "38-CT/TW ngày 30/7/2024",
        "v.v.. để tăng cường",
        "Kế hoạch",
        "MỤC TIÊU CỤ THỂ",
        "Mục tiêu đến năm 2030",
    ],
)
def test_no_marker(line: str):
    assert match_marker(line) is None


def test_outline_joins_wrapped_lines_and_nests_markers():
    lines = [
        "II. NHIỆM VỤ",
        "1. Tuyên truyền, nâng cao nhận thức của các cấp",
        "ủy đảng",
        "a) Tổ chức quán triệt, phổ biến nội dung Chỉ thị số",
        "38-CT/TW tới cán bộ, công chức.",
        "b) Phát triển kinh tế",
        "- xã hội bền vững.",
        "2. Kiểm tra",
        "- Kiểm tra đo lường.",
    ]
    root = build_outline(list(enumerate(lines)), OutlineOptions(wrapped=True, width=55))
    (section,) = root.children
    assert [c.text for c in section.children] == [
        "Tuyên truyền, nâng cao nhận thức của các cấp ủy đảng",
        "Kiểm tra",
    ]
    group = section.children[0]
    assert [(c.label, c.text) for c in group.children] == [
        ("a", "Tổ chức quán triệt, phổ biến nội dung Chỉ thị số 38-CT/TW tới cán bộ, công chức."),
        ("b", "Phát triển kinh tế - xã hội bền vững."),
    ]
