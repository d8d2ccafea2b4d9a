"""The attendance-sheet import: merged cells, blank rows, upper case and NFD names, the same
person twice, dates as text or Excel serials; a message per wrong row, an error file, and
nothing half-written."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from tdc.capacity.models import AttendanceImport, Audience, Participant
from tdc.capacity.services import import_attendance
from tdc.capacity.tests.factories import CourseFactory, ParticipantFactory
from tdc.capacity.tests.sheets import sheet_bytes
from tdc.core.models import AuditEvent


@pytest.fixture
def course(dost):
    return CourseFactory(
        organiser=dost,
        starts_on=dt.date(2025, 10, 14),
        ends_on=dt.date(2025, 10, 15),
        audience=Audience.BUSINESSES,
    )


def _names(course):
    return list(course.participants.order_by("full_name").values_list("full_name", flat=True))


def test_import_reads_a_messy_but_correct_sheet(course, officer, business):
    nfd = unicodedata.normalize("NFD", "Lê Thị Hồng Nhung")
    data = sheet_bytes(
        [
            [1, "NGUYỄN VĂN AN", business.name, "Doanh nghiệp", "14/10/2025"],
            [2, nfd, None, "", 45945],  # organisation merged from the row above; a serial
            [None, None, None, None, None],  # a blank row
            ["II. CÁN BỘ CÔNG AN", None, None, None, None],  # a group heading across the row
            [3, "Phạm Minh Quân", "Công an tỉnh", "", "2025-10-15"],
            [4, "nguyễn văn an", business.name.upper(), "doanh nghiep", "14/10/2025"],
        ],
        merges=["C4:C5", "A7:E7"],
    )

    job = import_attendance(course, upload=data, file_name="ds.xlsx", by=officer)

    assert (job.status, job.added, job.merged) == (AttendanceImport.Status.DONE, 3, 1)
    assert _names(course) == ["Lê Thị Hồng Nhung", "Nguyễn Văn An", "Phạm Minh Quân"]
    nhung = course.participants.get(full_name="Lê Thị Hồng Nhung")
    assert unicodedata.is_normalized("NFC", nhung.full_name)
    assert (nhung.organisation_id, nhung.attended_on) == (business.pk, dt.date(2025, 10, 15))
    quan = course.participants.get(full_name="Phạm Minh Quân")
    assert quan.audience == Audience.POLICE  # from the heading above him
    assert job.problems == [
        {
            "row": 9,
            "name": "Nguyễn Văn An",
            "organisation": business.name.upper(),
            "message": "Trùng với dòng 4 (cùng họ tên và đơn vị): chỉ tính một lần.",
            "blocking": False,
        }
    ]


def test_import_refuses_the_whole_sheet_when_a_row_is_wrong(course, officer):
    data = sheet_bytes(
        [
            [1, "Nguyễn Văn An", "Công ty A", "Doanh nghiệp", "14/10/2025"],
            [2, "Trần Văn Bình", "Công ty B", "Nhà báo", "31/02/2025"],
            [3, "", "Công ty C", "Doanh nghiệp", "14/10/2025"],
            [4, "Võ Thị Cúc", "Công ty D", "", "01/01/2024"],
            [5, "12345", "Công ty E", "", ""],
        ]
    )

    job = import_attendance(course, upload=data, file_name="ds.xlsx", by=officer)

    assert job.status == AttendanceImport.Status.REJECTED
    assert Participant.objects.count() == 0  # nothing half-written
    assert [(p["row"], p["message"]) for p in job.problems] == [
        (
            5,
            "Đối tượng “Nhà báo” không có trong danh mục (Cán bộ, công chức, viên chức; Cán bộ "
            "cấp xã; Doanh nghiệp, hộ kinh doanh; Công an; Quân đội; Giáo viên; Học sinh, sinh "
            "viên; Đối tượng khác). Ngày tham dự “31/02/2025” không phải là ngày (ghi theo dạng "
            "ngày/tháng/năm, ví dụ 14/10/2025).",
        ),
        (6, "Thiếu họ và tên."),
        (7, "Ngày tham dự 01/01/2024 nằm ngoài thời gian của lớp (14/10/2025 – 15/10/2025)."),
        (8, "Họ và tên “12345” không phải là tên người."),
    ]
    assert AuditEvent.objects.filter(action="course.attendance_rejected").count() == 1


def test_import_keeps_people_already_on_the_list_once(course, officer):
    ParticipantFactory(course=course, full_name="Nguyễn Văn An", organisation_name="Công ty A")
    data = sheet_bytes([[1, "Nguyễn  Văn  An", "CÔNG TY A", "", ""], [2, "Hồ Văn Bé", "", "", ""]])

    job = import_attendance(course, upload=data, file_name="ds.xlsx", by=officer)

    assert (job.added, job.merged) == (1, 1)
    assert _names(course) == ["Hồ Văn Bé", "Nguyễn Văn An"]
    assert job.problems[0]["message"] == "Đã có trong danh sách lớp: giữ bản ghi đã có."


def test_import_without_a_name_column_says_so_and_stores_nothing(course, officer):
    data = sheet_bytes([[1, "x"]], header=("STT", "Ghi chú"))

    with pytest.raises(ValidationError) as error:
        import_attendance(course, upload=data, file_name="ds.xlsx", by=officer)

    assert error.value.messages == [
        "Không tìm thấy dòng tiêu đề có cột “Họ và tên” trong 20 dòng đầu của bảng tính."
    ]
    assert AttendanceImport.objects.count() == 0


def test_import_refuses_a_file_that_is_not_a_spreadsheet(course, officer):
    with pytest.raises(ValidationError):
        import_attendance(course, upload=b"PK\x03\x04 not really", file_name="a.xlsx", by=officer)
    assert AttendanceImport.objects.count() == 0


def test_import_of_an_empty_list_says_so(course, officer):
    with pytest.raises(ValidationError) as error:
        import_attendance(course, upload=sheet_bytes([]), file_name="a.xlsx", by=officer)
    assert error.value.messages == ["Bảng tính không có dòng nào ghi tên học viên."]


def test_the_error_file_lists_every_problem(client, course, officer):
    data = sheet_bytes([[1, "", "Công ty C", "", ""], [2, '=HYPERLINK("x")', "", "", "abc"]])
    job = import_attendance(course, upload=data, file_name="ds.xlsx", by=officer)
    client.force_login(officer)

    response = client.get(f"/nang-luc/lan-nhap/{job.pk}/tep-loi/")

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Dòng", "Họ và tên", "Cơ quan, đơn vị", "Lỗi", "Chặn việc nhập")
    assert rows[1] == (4, None, "Công ty C", "Thiếu họ và tên.", "Có")
    assert rows[2][0] == 5
    assert sheet.cell(row=3, column=2).data_type in {"s", "inlineStr"}  # text, not a formula
    # A formula has no value in a sheet openpyxl wrote: the name is missing.
    assert rows[2][3] == (
        "Thiếu họ và tên. Ngày tham dự “abc” không phải là ngày (ghi theo dạng ngày/tháng/năm, ví dụ 14/10/2025)."
    )


def test_upload_page_shows_the_messages_and_adds_nobody(client, course, officer):
    client.force_login(officer)
    data = sheet_bytes([[1, "Nguyễn Văn An", "", "", "32/10/2025"]])
    upload = io.BytesIO(data)
    upload.name = "danh-sach.xlsx"

    response = client.post(
        f"/nang-luc/dao-tao/{course.pk}/nhap-danh-sach/", {"file": upload}, follow=True
    )

    text = response.content.decode()
    assert "Chưa nhập học viên nào: 1 dòng có lỗi." in text
    assert "Dòng 4 (Nguyễn Văn An): Ngày tham dự “32/10/2025” không phải là ngày" in text
    assert course.participants.count() == 0


def test_upload_page_refuses_other_files(client, course, officer):
    client.force_login(officer)
    upload = io.BytesIO(b"a,b")
    upload.name = "danh-sach.csv"

    response = client.post(f"/nang-luc/dao-tao/{course.pk}/nhap-danh-sach/", {"file": upload})

    assert response.status_code == 200
    assert "Hãy chọn tệp Excel có đuôi .xlsx." in response.content.decode()


def test_a_word_document_renamed_xlsx_is_refused_clearly(course, officer):
    import docx

    document = docx.Document()
    document.add_paragraph("Danh sách học viên")
    buffer = io.BytesIO()
    document.save(buffer)

    with pytest.raises(ValidationError) as error:
        import_attendance(course, upload=buffer.getvalue(), file_name="ds.xlsx", by=officer)
    assert error.value.messages == ["Không đọc được tệp: hãy tải lên bảng tính Excel (.xlsx)."]


def test_a_sheet_too_large_is_refused_before_it_is_read(course, officer):
    with pytest.raises(ValidationError) as error:
        import_attendance(course, upload=b"x" * (3 * 1024 * 1024), file_name="a.xlsx", by=officer)
    assert "2 MB" in error.value.messages[0]
    assert AttendanceImport.objects.count() == 0
