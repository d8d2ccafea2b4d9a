"""The plans compared on the five seed plans (four provinces): the Directive's six groups,
the topics the Ministry asks about, and the similar tasks of other provinces."""

from __future__ import annotations

import pytest

from tdc.national import queries
from tdc.national.comparison import classify, folded_words, query_matches
from tdc.national.tests.factories import by_province, load_seed_plans

pytestmark = pytest.mark.django_db

HUE, KH, HY, VL = "Thành phố Huế", "Khánh Hòa", "Hưng Yên", "Vĩnh Long"


def test_classify_by_heading_then_by_the_task_itself():
    assert classify("Tăng cường đầu tư ngân sách Nhà nước cho công tác TĐC", "…") == "budget"
    assert classify("Chủ động, tích cực hội nhập quốc tế", "") == "integration"
    assert classify("", "Tổ chức tập huấn, bồi dưỡng nghiệp vụ đo lường") == "people"
    assert classify("", "Thanh tra việc chấp hành pháp luật") == "policy"  # tie: first group
    assert classify("", "Nội dung khác") == "policy"


def test_wording_variants_fold_alike():
    assert folded_words("Quy chuẩn kỹ thuật ĐỊA PHƯƠNG") == folded_words(
        "quy chuan ky thuat dia phuong"
    )
    assert query_matches("quy chuẩn địa phương", "Xây dựng Quy chuẩn địa phương")
    assert not query_matches("quy chuẩn địa phương", "Xây dựng tiêu chuẩn cơ sở")
    assert query_matches("quy chuẩn địa phương", "quy chuẩn kỹ thuật địa phương")
    assert not query_matches(
        "quy chuẩn địa phương", "quy chuẩn quốc gia; hỗ trợ doanh nghiệp địa phương"
    )
    assert not query_matches("", "Bất cứ gì")


def test_the_seed_plans_compared(ministry_viewer):
    load_seed_plans()
    plans = queries.latest_plans(ministry_viewer)
    # Khánh Hòa has two plans: its latest (2026) stands for it.
    assert [(p.province, p.year) for p in plans] == [
        (HY, 2025),
        (KH, 2026),
        (HUE, 2025),
        (VL, 2025),
    ]
    texts = queries.task_texts(plans)
    coverage = queries.coverage(plans, texts)
    # The six groups × four provinces: each plan's own headings, recognised by their wording.
    assert {key: counts for key, _label, counts in coverage.rows} == {
        "awareness": [4, 1, 4, 2],
        "policy": [4, 10, 4, 3],
        "people": [3, 3, 3, 4],
        "budget": [3, 5, 4, 4],
        "inspection": [5, 3, 4, 4],
        "integration": [3, 3, 2, 2],
    }
    topics = {key: [[t.number for t in found] for found in per] for key, _l, per in coverage.topics}
    # "Who plans a local technical regulation?" Khánh Hòa (2.7 and its unnumbered task on
    # plan 6520) and Huế (5.d); Hưng Yên and Vĩnh Long do not.
    assert topics["local-regulation"] == [[], ["2.7", ""], ["d"], []]
    # "Who has no task on traceability?" Nobody: all four plan one.
    assert all(topics["traceability"])
    assert topics["tbt"] == [[], ["2.9", "6.2"], [], []]
    assert topics["business-dialogue"] == [["d"], [], ["d"], []]

    hue = [t for t in texts if t.province == HUE]

    def similar(number: str, group: str) -> list[tuple[str, str]]:
        task = next(t for t in hue if t.number == number and t.group == group)
        return [(o.province, o.number) for o, _s in queries.similar_to(texts, task.id)[1]]

    # 1.a "Tổ chức nghiên cứu, quán triệt, tuyên truyền, phổ biến nội dung Chỉ thị…": the same
    # duty in Hưng Yên (1.a), Vĩnh Long (I.1) and Khánh Hòa (1.1).
    first = similar("a", "awareness")
    assert first[:2] == [(HY, "a"), (VL, "1")]
    assert (KH, "1.1") in first
    # 2.d digital transformation, barcodes, traceability.
    assert {(HY, "d"), (VL, "2"), (KH, "2.6")} <= set(similar("d", "policy")[:4])
    # 4.d "Tăng cường nguồn lực đầu tư…": Vĩnh Long's IV.3 says the same.
    assert similar("d", "budget")[0] == (VL, "3")
    # 5.d "Đề xuất xây dựng … quy chuẩn kỹ thuật địa phương": Khánh Hòa's 2.7 plans the same
    # under another heading and in other words ("xây dựng Quy chuẩn địa phương").
    assert (KH, "2.7") in similar("d", "inspection")
    # Never a task of the same province.
    assert all(province != HUE for province, _n in similar("b", "integration"))
    # A free question.
    found = {(t.province, t.number) for t in queries.search(texts, "quy chuan ky thuat dia phuong")}
    assert found == {(HUE, "d"), (KH, "")}
    found = {(t.province, t.number) for t in queries.search(texts, "quy chuẩn địa phương")}
    assert found == {(HUE, "d"), (KH, "2.7"), (KH, "")}
    assert by_province(plans)[KH].year == 2026
