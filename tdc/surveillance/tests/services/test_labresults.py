import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tdc.surveillance import services
from tdc.surveillance.models import Sample, TestResult
from tdc.surveillance.tests.factories import ProgrammeFactory, SampleFactory, criterion

HEADERS = ["Mã mẫu", "Chỉ tiêu", "Kết quả", "Đơn vị", "Độ không đảm bảo đo"]


def workbook(rows, headers=HEADERS, name="ketqua.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def programme(province):
    programme = ProgrammeFactory(province=province)
    SampleFactory(programme=programme, code="M-001")
    SampleFactory(programme=programme, code="M-002")
    return programme


def test_a_clean_workbook_stores_every_row_and_the_verdicts(programme, officer):
    upload = workbook(
        [
            ["M-001", "Hàm lượng chì (Pb) trong lớp phủ", "1.250", "mg/kg", "± 50"],
            ["M-001", "hàm lượng cadimi (cd)", "<5", "mg/kg", None],
            ["M-002", "Ham luong chi (Pb) trong lop phu", "KPH", "mg/kg", None],
            [None, None, None, None, None],
        ]
    )

    outcome = services.import_lab_results(programme, upload=upload, by=officer)

    assert (outcome.stored, outcome.rejected) == (3, [])
    verdicts = dict(programme.samples.values_list("code", "verdict"))
    assert verdicts == {"M-001": Sample.Verdict.NON_CONFORMING, "M-002": Sample.Verdict.CONFORMING}


def test_a_bad_row_rejects_the_file_and_names_each_row(programme, officer):
    upload = workbook(
        [
            ["M-001", "Hàm lượng chì (Pb) trong lớp phủ", "12", "mg/kg", None],
            ["M-001", "Hàm lượng cadimi (Cd)", "0,2", "%", None],
            ["M-009", "Hàm lượng chì (Pb) trong lớp phủ", "1", "mg/kg", None],
            ["M-002", "Độ bền màu", "1", "mg/kg", None],
            ["M-002", "Hàm lượng chì (Pb) trong lớp phủ", "khoảng 3", "mg/kg", None],
            ["M-001", "Hàm lượng chì (Pb) trong lớp phủ", "13", "mg/kg", None],
        ]
    )

    outcome = services.import_lab_results(programme, upload=upload, by=officer)

    assert [(r.row, r.reason) for r in outcome.rejected] == [
        (3, "Đơn vị % không khớp với đơn vị của chỉ tiêu (mg/kg)."),
        (4, "Không có mẫu mã “M-009” trong chương trình."),
        (5, "Chỉ tiêu “Độ bền màu” không có trong quy chuẩn của nhóm sản phẩm."),
        (6, "“khoảng 3” không phải là một số (ví dụ 0,12)."),
        (7, "Trùng kết quả: mẫu M-001 đã có chỉ tiêu này."),
    ]
    assert outcome.stored == 0
    assert not TestResult.objects.exists()  # nothing half-written
    lines = outcome.error_file().decode("utf-8-sig").splitlines()
    assert lines[0] == "Dòng,Mã mẫu,Chỉ tiêu,Lý do"
    assert (
        lines[1]
        == "3,M-001,Hàm lượng cadimi (Cd),Đơn vị % không khớp với đơn vị của chỉ tiêu (mg/kg)."
    )


def test_a_result_already_recorded_is_a_duplicate(programme, officer):
    sample = programme.samples.get(code="M-001")
    services.record_result(
        sample,
        criterion=criterion("Hàm lượng chì (Pb) trong lớp phủ"),
        measured="1",
        unit="mg/kg",
        by=officer,
    )

    outcome = services.import_lab_results(
        programme,
        upload=workbook([["M-001", "Hàm lượng chì (Pb) trong lớp phủ", "2", "mg/kg", None]]),
        by=officer,
    )

    assert [r.reason for r in outcome.rejected] == ["Trùng kết quả: mẫu M-001 đã có chỉ tiêu này."]


def test_wrong_headers_are_refused_with_the_expected_ones(programme, officer):
    with pytest.raises(ValidationError) as error:
        services.import_lab_results(
            programme,
            upload=workbook([["M-001", "x", "1"]], headers=["Mẫu", "Tên", "Số"]),
            by=officer,
        )

    assert error.value.messages == [
        "Dòng tiêu đề không đúng mẫu: cần các cột Mã mẫu, Chỉ tiêu, Kết quả, Đơn vị."
    ]


def test_a_file_that_is_not_a_workbook_is_refused(programme, officer):
    with pytest.raises(ValidationError) as error:
        services.import_lab_results(
            programme, upload=SimpleUploadedFile("a.xlsx", b"not a zip"), by=officer
        )
    assert error.value.messages == [
        "Tệp hỏng hoặc không đúng định dạng (tệp DOCX, XLSX phải là tệp nén ZIP)."
    ]
    with pytest.raises(ValidationError):
        services.import_lab_results(programme, upload=SimpleUploadedFile("a.csv", b"x"), by=officer)


def test_an_empty_workbook_is_refused(programme, officer):
    with pytest.raises(ValidationError) as error:
        services.import_lab_results(programme, upload=workbook([]), by=officer)
    assert error.value.messages == ["Tệp không có dòng kết quả nào."]


def test_numbers_typed_as_numbers_in_excel_are_read(programme, officer):
    outcome = services.import_lab_results(
        programme,
        upload=workbook([["M-001", "Hàm lượng chì (Pb) trong lớp phủ", 90.5, "mg/kg", None]]),
        by=officer,
    )

    assert outcome.stored == 1
    assert TestResult.objects.get().measured_text == "90,5"
