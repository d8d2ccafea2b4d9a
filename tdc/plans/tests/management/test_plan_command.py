"""`tdc plan parse | import | evaluate` (manage.py plan …)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tdc.accounts.models import Organisation
from tdc.plans.ingest import parse_document
from tdc.plans.models import Plan
from tdc.plans.tests.factories import small_plan_bytes

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_FILES = sorted(path.name for path in SEEDS.glob("*.txt"))


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("name", SEED_FILES)
def test_parse_json_prints_the_gold_shape_of_the_parse(name):
    printed = json.loads(_run("parse", str(SEEDS / name), "--json"))

    assert printed == parse_document((SEEDS / name).read_bytes(), name).to_gold_dict()
    assert printed["file"] == name


def test_parse_prints_the_plan_readably(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(small_plan_bytes())

    lines = _run("parse", str(path)).splitlines()

    assert lines[:6] == [
        "Cơ quan ban hành: UBND tỉnh Khánh Hòa",
        "Địa phương: Khánh Hòa",
        "Tên: KẾ HOẠCH Thực hiện Chỉ thị số 38-CT/TW về đẩy mạnh công tác tiêu chuẩn, đo lường, chất lượng",
        "Số, ký hiệu: 12/KH-UBND",
        "Ngày ban hành: 2025-03-15",
        "Văn bản căn cứ: Chỉ thị số 38-CT/TW; Quyết định số 1703/QĐ-TTg",
    ]
    assert "Nhóm nhiệm vụ (2), nhiệm vụ (3):" in lines
    assert "     Chủ trì: Sở Y tế | Phối hợp: Sở KHCN; Công an tỉnh" in lines
    assert (
        "  >= 5 diễn đàn (by 2030): Tổ chức ít nhất 05 diễn đàn đối thoại với doanh nghiệp về tiêu chuẩn, đo lường, chất lượng."
        in lines
    )
    assert "  Sở Khoa học và Công nghệ → UBND tỉnh: trước 20/11 (annual)" in lines


def test_parse_of_a_bad_file_fails_with_the_parsers_message(tmp_path):
    path = tmp_path / "rong.docx"
    path.write_bytes(b"")

    with pytest.raises(CommandError, match="^Tệp rỗng: tệp tải lên không có nội dung.$"):
        _run("parse", str(path))


def test_import_stores_the_plan_and_says_what_it_did(tmp_path, officer, dost, agency):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(small_plan_bytes())

    lines = _run("import", str(path), "--province", "56", "--user", officer.username).splitlines()

    plan = Plan.objects.get()
    assert (plan.province_id, plan.owner, plan.created_by) == (56, dost, officer)
    assert lines == [
        f"Đã nhập kế hoạch #{plan.pk} vào Khánh Hòa: {plan.title}",
        "  2 nhóm, 3 nhiệm vụ, 2 chỉ tiêu, 2 hạn báo cáo, 2 mục tổ chức thực hiện.",
        "  Khớp: Sở KH&CN → Sở Khoa học và Công nghệ (độ tin cậy 100%)",
        "  Khớp: Sở Tài chính → Sở Tài chính (độ tin cậy 100%)",
        "  Nhóm đơn vị: UBND các xã, phường, đặc khu → all_communes",
        "  Nhóm đơn vị: Các sở, ban, ngành → all_departments",
        "  Tạo cơ quan mới: Sở Y tế (Sở, ban, ngành)",
        "  Tạo cơ quan mới: Hiệp hội Nuôi trồng Yến sào (Khác)",
        "  Tạo cơ quan mới: Công an tỉnh (Sở, ban, ngành)",
    ]
    assert Organisation.objects.filter(province_id=56, name="Công an tỉnh").exists()

    with pytest.raises(CommandError, match=f"^Tệp này đã được nhập: kế hoạch #{plan.pk} "):
        _run("import", str(path), "--province", "56")
    assert Plan.objects.count() == 1


def test_import_into_an_unknown_province_fails(tmp_path, db):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(small_plan_bytes())

    with pytest.raises(CommandError, match="^Không có tỉnh mã 99."):
        _run("import", str(path), "--province", "99")


def test_evaluate_prints_a_line_per_document_and_the_total():
    lines = _run("evaluate", str(SEEDS)).splitlines()

    names = [line.split()[0] for line in lines[2:-2]]
    assert names == SEED_FILES
    total = lines[-1].split()
    assert total[:3] == ["TOTAL", "30/30", "111/111"]


def test_evaluate_works_on_any_folder_of_documents_and_gold_files(tmp_path):
    (tmp_path / "ke-hoach.txt").write_bytes(small_plan_bytes())
    gold = parse_document(small_plan_bytes(), "ke-hoach.txt").to_gold_dict()
    gold["tasks"].append({**gold["tasks"][0], "content_start": "Một nhiệm vụ mà bộ đọc bỏ sót"})
    (tmp_path / "ke-hoach.gold.json").write_text(json.dumps(gold, ensure_ascii=False))

    lines = _run("evaluate", str(tmp_path)).splitlines()

    assert [line.split()[:3] for line in (lines[2], lines[-1])] == [
        ["ke-hoach.txt", "2/2", "3/4!"],
        ["TOTAL", "2/2", "3/4!"],
    ]
