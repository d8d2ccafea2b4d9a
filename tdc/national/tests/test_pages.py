"""The national view's pages: every URL × persona, the table and charts, the drill-down, the
plans compared (two provinces), a task's counterparts, and the national synthesis opened."""

from __future__ import annotations

import io

import pytest
from django.urls import get_resolver, reverse
from docx import Document
from openpyxl import load_workbook

from tdc.exchange.tests.factories import login
from tdc.national.tests.factories import load_seed_plans
from tdc.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db

ALLOWED = {"ministry_viewer", "admin_user"}
PERSONAS = [
    "officer", "reporter", "approver", "other_reporter", "commune_officer", "business_user",
    "leader", "custodian", "ministry_viewer", "admin_user", "other_province_officer",
]  # fmt: skip


def test_every_url_is_the_ministrys_and_the_administrators(client, request, dost):
    plan = make_plan(dost, [{"number": "1.1", "content": "Tuyên truyền Chỉ thị 38"}])
    task_id = plan.tasks.get().pk
    urls = {
        "national:overview": reverse("national:overview"),
        "national:province": reverse("national:province", args=[plan.province_id]),
        "national:plans": reverse("national:plans"),
        "national:task": reverse("national:task", args=[task_id]),
        "national:synthesis_docx": reverse("national:synthesis_docx"),
        "national:synthesis_xlsx": reverse("national:synthesis_xlsx"),
    }
    names = {
        f"national:{n}"
        for n in get_resolver("tdc.national.urls").reverse_dict
        if isinstance(n, str)
    }
    assert names == set(urls)
    for name, url in urls.items():
        client.logout()
        assert client.get(url).status_code == 302, name
        for persona in PERSONAS:
            login(client, request.getfixturevalue(persona))
            expected = 200 if persona in ALLOWED else 403
            assert client.get(url).status_code == expected, (name, persona)
    login(client, request.getfixturevalue("ministry_viewer"))
    assert client.get(reverse("national:province", args=[99999])).status_code == 404
    assert client.get(reverse("national:task", args=[99999999])).status_code == 404
    assert client.get(reverse("national:overview") + "?nam=abc").status_code == 200


def test_the_ministry_compares_provinces_and_downloads_the_synthesis(client, ministry_viewer):
    load_seed_plans()
    login(client, ministry_viewer)
    overview = client.get(reverse("national:overview")).content.decode()
    for name in ("Hưng Yên", "Khánh Hòa", "Thành phố Huế", "Vĩnh Long"):
        assert name in overview
    assert "data:image/svg+xml;base64," in overview
    assert "Xem số liệu dạng bảng" in overview

    plans = client.get(reverse("national:plans")).content.decode()
    assert "Xây dựng quy chuẩn kỹ thuật địa phương" in plans
    assert '<td class="table-warning">Không có</td>' in plans
    client.cookies["django_language"] = "en"  # a topic no task covers: never Python's "None"
    english = client.get(reverse("national:plans")).content.decode()
    assert '<td class="table-warning">No task</td>' in english
    assert ">None<" not in english
    del client.cookies["django_language"]
    from tdc.national.queries import latest_plans

    ids = {p.province: p.province_id for p in latest_plans(ministry_viewer)}
    two = client.get(
        reverse("national:plans"),
        {"tinh": [ids["Thành phố Huế"], ids["Hưng Yên"]], "q": "đối thoại doanh nghiệp"},
    )
    html = two.content.decode()
    assert "Thành phố Huế (2025)" in html
    assert "Khánh Hòa (2026)" not in html
    assert html.count("đối thoại với doanh nghiệp") >= 2

    province = client.get(reverse("national:province", args=[ids["Vĩnh Long"]])).content.decode()
    assert "Nhiệm vụ theo nhóm của Chỉ thị" in province
    assert "Hội nhập quốc tế (2)" in province

    docx = client.get(reverse("national:synthesis_docx"), {"nam": 2025})
    assert (
        docx["Content-Disposition"] == 'attachment; filename="bao-cao-tong-hop-quoc-gia-2025.docx"'
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Tổng hợp tình hình thực hiện Chỉ thị số 38-CT/TW" in text
    assert "IV. NHIỆM VỤ THEO SÁU NHÓM NHIỆM VỤ CỦA CHỈ THỊ" in text
    assert "Xây dựng quy chuẩn kỹ thuật địa phương: Hưng Yên, Vĩnh Long." in text
    xlsx = client.get(reverse("national:synthesis_xlsx"), {"nam": 2025})
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Các tỉnh", "Nhóm nhiệm vụ", "Nội dung trọng tâm", "Nhiệm vụ"]
    groups = book["Nhóm nhiệm vụ"]
    assert [c.value for c in groups[5]] == [
        "Nhóm nhiệm vụ",
        "Hưng Yên",
        "Khánh Hòa",
        "Thành phố Huế",
        "Vĩnh Long",
    ]
    assert [c.value for c in groups[6]] == ["Tuyên truyền, nâng cao nhận thức", 4, 1, 4, 2]
    assert book["Nhiệm vụ"].max_row == 5 + 22 + 25 + 21 + 19
