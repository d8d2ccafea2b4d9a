import codecs
import csv
import datetime as dt
import io
import unicodedata

import openpyxl
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdc.accounts.tests.factories import OrganisationFactory
from tdc.core.models import AuditEvent
from tdc.metrology import imports, services
from tdc.metrology.models import ImportJob, Instrument, Verification
from tdc.metrology.tallies import rebuild_tallies, tally_snapshot
from tdc.metrology.tests.conftest import NOW
from tdc.metrology.tests.factories import FUEL, TAXIMETER, instrument, kind, verify

pytestmark = pytest.mark.django_db

HEADER = [
    "Loại phương tiện đo",
    "Số sản xuất",
    "Nhà sản xuất",
    "Xã, phường",
    "Địa chỉ",
    "Ngày kiểm định",
    "Đơn vị kiểm định",
    "Kết quả",
    "Số tem",
]
GOOD = [
    [
        "Cột đo xăng dầu",
        "TK-01",
        "Tatsuno",
        "Phường Nha Trang",
        "12 Trần Phú",
        "31/01/2026",
        "Trung tâm TĐC",
        "Đạt",
        "KH-0001",
    ],
    [
        "cot-do-xang-dau",
        "TK-02",
        "Tatsuno",
        "22366",
        "12 Trần Phú",
        "2025-06-30",
        "Trung tâm Kỹ thuật TĐC Khánh Hòa",
        "Đạt",
        "KH-0002",
    ],
    ["Taximet", "TX-01", "", "Phường Cam Ranh", "", "15/03/2026", "Trung tâm TĐC", "Không đạt", ""],
    ["Taximet", "TX-02", "", "Phường Cam Ranh", "", "", "", "", ""],
]


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _windows_1258(text):
    """Vietnamese as old Excel saves it: letters with their vowel marks, tones as combining marks."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES))
            tones = "".join(p for p in parts if p in TONES)
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def _csv(rows, header=HEADER, encoding="utf-8", delimiter=","):
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    if encoding == "cp1258":
        return _windows_1258(text.getvalue())
    return text.getvalue().encode(encoding)


def _import(user, content, name="may-do.csv", owner=None, django_capture_on_commit_callbacks=None):
    upload = SimpleUploadedFile(name, content)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_import(upload=upload, by=user, owner=owner)
    job.refresh_from_db()
    return job


@pytest.fixture
def run(business_user, business, nha_trang, cam_ranh, centre, django_capture_on_commit_callbacks):
    def go(content, name="may-do.csv"):
        return _import(business_user, content, name, business, django_capture_on_commit_callbacks)

    return go


def test_import_writes_accepted_rows_with_verifications_and_due_dates(run, business):
    job = run(_csv(GOOD))

    assert (job.status, job.processed_rows, job.accepted_rows, job.rejected_rows) == (
        "done",
        4,
        4,
        0,
    )
    rows = {
        i.serial: (
            i.owner_id,
            i.type.code,
            i.commune.name,
            i.last_verified_on,
            i.last_result,
            i.last_stamp_number,
            i.next_due,
            i.status,
        )
        for i in Instrument.objects.select_related("type", "commune")
    }
    assert rows == {
        "TK-01": (
            business.pk,
            FUEL,
            "Phường Nha Trang",
            dt.date(2026, 1, 31),
            "pass",
            "KH-0001",
            dt.date(2027, 1, 31),
            "in_use",
        ),
        "TK-02": (
            business.pk,
            FUEL,
            "Phường Nha Trang",
            dt.date(2025, 6, 30),
            "pass",
            "KH-0002",
            dt.date(2026, 6, 30),
            "in_use",
        ),
        "TX-01": (
            business.pk,
            TAXIMETER,
            "Phường Cam Ranh",
            dt.date(2026, 3, 15),
            "fail",
            "",
            dt.date(2026, 3, 15),
            "in_use",
        ),
        "TX-02": (business.pk, TAXIMETER, "Phường Cam Ranh", None, "", "", None, "in_use"),
    }
    verification = Verification.objects.get(stamp_number="KH-0001")
    assert (
        verification.verifier_name,
        verification.instrument.serial,
        verification.province_id,
    ) == (
        "Trung tâm Kỹ thuật TĐC Khánh Hòa",
        "TK-01",
        56,
    )
    tk01 = Instrument.objects.get(serial="TK-01")
    assert tk01.last_verification_id == verification.pk
    before = tally_snapshot()
    rebuild_tallies()
    assert tally_snapshot() == before


def test_reimporting_the_same_file_changes_nothing(run):
    run(_csv(GOOD))
    state = list(Instrument.objects.order_by("id").values())
    verifications = list(Verification.objects.order_by("id").values())
    tallies = tally_snapshot()

    job = run(_csv(GOOD))

    assert (job.status, job.accepted_rows, job.rejected_rows) == ("done", 4, 0)
    assert list(Instrument.objects.order_by("id").values()) == state
    assert list(Verification.objects.order_by("id").values()) == verifications
    assert tally_snapshot() == tallies


def test_import_rejects_bad_rows_with_a_reason_each_and_keeps_the_good_ones(run):
    rows = [
        GOOD[0],
        ["Cân thần kỳ", "X-1", "", "Phường Nha Trang", "", "", "", "", ""],
        ["Cột đo xăng dầu", "", "", "Phường Nha Trang", "", "", "", "", ""],
        ["Cột đo xăng dầu", "X-3", "", "Phường Không Có", "", "", "", "", ""],
        [
            "Cột đo xăng dầu",
            "X-4",
            "",
            "Phường Nha Trang",
            "",
            "31/02/2026",
            "Trung tâm TĐC",
            "Đạt",
            "KH-9",
        ],
        [
            "Cột đo xăng dầu",
            "X-5",
            "",
            "Phường Nha Trang",
            "",
            "01/04/2026",
            "Trung tâm TĐC",
            "Đạt",
            "KH-10",
        ],
        [
            "Cột đo xăng dầu",
            "X-6",
            "",
            "Phường Nha Trang",
            "",
            "01/03/2026",
            "Trung tâm TĐC",
            "Đạt",
            "",
        ],
        [
            "Cột đo xăng dầu",
            "X-7",
            "",
            "Phường Nha Trang",
            "",
            "01/03/2026",
            "Công ty Lạ",
            "Tốt",
            "KH-11",
        ],
        GOOD[0],
        [
            "Cột đo xăng dầu",
            "X-9",
            "",
            "Phường Nha Trang",
            "",
            "01/03/2026",
            "Trung tâm TĐC",
            "Đạt",
            "KH-0001",
        ],
        ["Cột đo xăng dầu", "X-10", "", "Phường Nha Trang", "", "", "", "Đạt", ""],
    ]
    job = run(_csv(rows))

    assert (job.status, job.processed_rows, job.accepted_rows, job.rejected_rows) == (
        "done",
        11,
        1,
        10,
    )
    reasons = dict(job.rejections.values_list("row_number", "reason"))
    assert reasons == {
        3: "Loại phương tiện đo «Cân thần kỳ» không có trong danh mục nhóm 2",
        4: "Thiếu số sản xuất",
        5: "Không tìm thấy xã, phường «Phường Không Có»",
        6: "Ngày kiểm định «31/02/2026» không đúng dạng dd/mm/yyyy",
        7: "Ngày kiểm định 01/04/2026 ở tương lai",
        8: "Phương tiện đo đạt yêu cầu phải có số tem",
        9: "Kết quả «Tốt» không hợp lệ (Đạt hoặc Không đạt); Đơn vị kiểm định «Công ty Lạ» không phải tổ chức kiểm định đã đăng ký",
        10: "Trùng với dòng 2 (cùng loại, chủ sở hữu, số sản xuất và ngày kiểm định)",
        11: "Số tem KH-0001 trùng với dòng 2",
        12: "Có thông tin kiểm định nhưng thiếu ngày kiểm định",
    }
    assert list(Instrument.objects.values_list("serial", flat=True)) == ["TK-01"]
    headers, rejected = imports.rejected_rows(job)
    assert headers == [*HEADER, "Lý do"]
    assert rejected[0] == [*rows[1], reasons[3]]
    assert len(rejected) == 10


def test_rejected_rows_fixed_and_reimported_are_accepted(run):
    bad = [
        GOOD[0],
        [
            "Cột đo xăng dầu",
            "X-4",
            "",
            "Phường Nha Trang",
            "",
            "31/02/2026",
            "Trung tâm TĐC",
            "Đạt",
            "KH-9",
        ],
    ]
    job = run(_csv(bad))
    headers, rows = imports.rejected_rows(job)
    rows[0][5] = "28/02/2026"

    fixed = run(_csv(rows, header=headers))

    assert (fixed.status, fixed.accepted_rows, fixed.rejected_rows) == ("done", 1, 0)
    assert Instrument.objects.get(serial="X-4").next_due == dt.date(2027, 2, 28)


def test_stamp_already_used_by_another_instrument_is_rejected(run, business, nha_trang):
    other = instrument(business, nha_trang, serial="OLD-1")
    verify(other, dt.date(2026, 1, 5), stamp="KH-0001")

    job = run(_csv([GOOD[0]]))

    assert (job.accepted_rows, job.rejected_rows) == (0, 1)
    assert job.rejections.get().reason == "Số tem KH-0001 đã được dùng cho một phương tiện đo khác"
    assert not Instrument.objects.filter(serial="TK-01").exists()


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("cp1258", b""),
    ],
)
def test_import_reads_vietnamese_in_every_encoding_excel_writes(run, encoding, bom):
    content = bom + _csv(GOOD[:1], encoding=encoding, delimiter="\t" if "16" in encoding else ",")

    job = run(content)

    assert (job.status, job.accepted_rows, job.rejected_rows) == ("done", 1, 0)
    verification = Verification.objects.get()
    assert verification.verifier_name == "Trung tâm Kỹ thuật TĐC Khánh Hòa"
    assert Instrument.objects.get().address == "12 Trần Phú"


def test_cp1258_decomposed_tone_marks_are_normalised(run):
    # Windows-1258 writes "ộ" as "ô" + a combining dot below: it must still match "Cột đo xăng dầu".
    content = _csv([GOOD[0]], encoding="cp1258")
    assert b"C\xf4\xf2t" in content  # "ô" then the combining dot below

    job = run(content)

    assert job.accepted_rows == 1


def test_import_with_wrong_columns_fails_and_writes_nothing(run):
    job = run(
        _csv([["Cột đo xăng dầu", "A", "x"]], header=["Loại phương tiện đo", "Số seri", "Ghi chú"])
    )

    assert job.status == "failed"
    assert job.error == (
        "Tệp thiếu cột bắt buộc: Số sản xuất, Xã, phường. Cột không nhận ra: Số seri, Ghi chú. "
        "Các cột hợp lệ: " + ", ".join(c.header for c in imports.COLUMNS) + "."
    )
    assert Instrument.objects.count() == 0


def test_import_of_a_file_with_only_headers_fails_with_a_reason(run):
    job = run(_csv([]))

    assert (job.status, job.error) == ("failed", "Tệp không có dòng dữ liệu nào.")


def test_an_empty_upload_is_refused(business_user, business):
    with pytest.raises(Exception, match="Tệp rỗng"):
        services.start_import(
            upload=SimpleUploadedFile("a.csv", b""), by=business_user, owner=business
        )
    assert ImportJob.objects.count() == 0


def test_xlsx_import_reads_dates_and_numbers(run):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(
        [
            "Cột đo xăng dầu",
            778899,
            "Tatsuno",
            "Phường Nha Trang",
            "",
            dt.datetime(2025, 12, 31),  # noqa: DTZ001  (Excel has no time zones)
            "Trung tâm TĐC",
            "Đạt",
            "KH-77",
        ]
    )
    sheet.append(
        [
            "Cột đo xăng dầu",
            778900,
            "Tatsuno",
            "Phường Nha Trang",
            "",
            "32/12/2025",
            "Trung tâm TĐC",
            "Đạt",
            "KH-78",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    job = run(buffer.getvalue(), name="may-do.xlsx")

    assert (job.status, job.accepted_rows, job.rejected_rows) == ("done", 1, 1)
    assert Instrument.objects.get().serial == "778899"
    assert Instrument.objects.get().next_due == dt.date(2026, 12, 31)
    assert job.rejections.get().cells[5] == "32/12/2025"


def _long_job(business_user, business, count=25, bad_row=12):
    rows = [
        [
            "Cột đo xăng dầu",
            f"S-{n:03}",
            "",
            "Phường Nha Trang",
            "",
            "01/03/2026",
            "Trung tâm TĐC",
            "Đạt",
            f"KH-{n:03}",
        ]
        for n in range(count)
    ]
    rows[bad_row][5] = "hôm qua"
    return ImportJob.objects.create(
        created_by=business_user,
        organisation=business,
        owner=business,
        original_name="lon.csv",
        file_format="csv",
        file=SimpleUploadedFile("lon.csv", _csv(rows)),
    )


AFTER_LEASE = NOW + dt.timedelta(seconds=imports.LEASE_SECONDS + 1)


def test_a_crashed_import_is_picked_up_after_its_lease_runs_out_with_exact_counts(
    business_user, business, nha_trang, cam_ranh, centre
):
    job = _long_job(business_user, business)

    stopped = imports.run(job.pk, max_chunks=2, chunk_size=10)  # the worker "dies" after two chunks

    assert (stopped.status, stopped.processed_rows, stopped.last_committed_row) == (
        "running",
        20,
        21,
    )
    assert (stopped.accepted_rows, stopped.rejected_rows) == (19, 1)
    assert Instrument.objects.count() == 19
    # The dead worker's lease is still live: nobody else may run the job yet.
    assert stopped.is_leased
    assert not stopped.is_stalled
    assert imports.resume_abandoned() == 0
    assert imports.run(job.pk, chunk_size=10).processed_rows == 20

    with time_machine.travel(AFTER_LEASE, tick=False):
        assert list(imports.abandoned_jobs()) == [job]
        assert ImportJob.objects.get(pk=job.pk).is_stalled
        assert imports.resume_abandoned() == 1
        again = imports.run(job.pk, chunk_size=10)

    finished = ImportJob.objects.get(pk=job.pk)
    assert (
        finished.status,
        finished.processed_rows,
        finished.accepted_rows,
        finished.rejected_rows,
        finished.lease_expires_at,
    ) == ("done", 25, 24, 1, None)
    assert again.processed_rows == 25
    assert Instrument.objects.count() == 24
    assert Verification.objects.count() == 24
    assert list(finished.rejections.values_list("row_number", flat=True)) == [14]
    assert AuditEvent.objects.filter(action="instrument_import.picked_up").count() == 1
    before = tally_snapshot()
    rebuild_tallies()
    assert tally_snapshot() == before


def test_a_worker_that_lost_its_lease_commits_nothing(
    business_user, business, nha_trang, cam_ranh, centre
):
    from tdc.metrology.imports.job import Lease, LeaseLost

    job = _long_job(business_user, business)
    slow = Lease.claim(job.pk, seconds=imports.LEASE_SECONDS)
    assert slow is not None
    assert Lease.claim(job.pk, seconds=imports.LEASE_SECONDS) is None  # held: refused

    with time_machine.travel(AFTER_LEASE, tick=False):
        finished = imports.run(job.pk, chunk_size=10)  # a second worker takes over
        with pytest.raises(LeaseLost):
            slow.commit(last_row=11, processed=10, accepted=10, rejected=0)
        with pytest.raises(LeaseLost):
            slow.renew()

    finished.refresh_from_db()
    assert (finished.status, finished.processed_rows, finished.accepted_rows) == ("done", 25, 24)


def test_resume_is_refused_while_a_live_worker_holds_the_job(
    client, business_user, business, nha_trang, cam_ranh, centre, django_capture_on_commit_callbacks
):
    job = _long_job(business_user, business)
    imports.run(job.pk, max_chunks=1, chunk_size=10)
    client.force_login(business_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/do-luong/nhap/{job.pk}/tiep-tuc/", follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Lượt nhập đang được xử lý (đã ghi đến dòng 11). Không thể chạy lại khi nó đang chạy; "
        "nếu tiến trình dừng hẳn, lượt nhập sẽ tự chạy tiếp sau vài phút."
    ]
    job.refresh_from_db()
    assert (job.status, job.processed_rows) == ("running", 10)

    with (
        time_machine.travel(AFTER_LEASE, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(f"/do-luong/nhap/{job.pk}/tiep-tuc/")
    job.refresh_from_db()
    assert (job.status, job.processed_rows, job.accepted_rows, job.rejected_rows) == (
        "done",
        25,
        24,
        1,
    )


def test_the_scheduler_resumes_abandoned_imports():
    from tdc.core.registry import periodic_jobs

    job = next(j for j in periodic_jobs() if j.name == "metrology.resume_abandoned_imports")
    assert job.every_seconds == imports.LEASE_SECONDS // 2


def test_provincial_import_names_owners_by_tax_code_and_stays_in_province(
    officer, province, nha_trang, hue_commune, centre, django_capture_on_commit_callbacks
):
    station = OrganisationFactory(
        name="Công ty Xăng dầu Phú Khánh", tax_code="4200123456", province=province
    )
    header = [*HEADER, "Mã số thuế chủ sở hữu"]
    rows = [
        [*GOOD[0], "4200123456"],
        ["Cột đo xăng dầu", "Z-2", "", "19999", "", "", "", "", "", "4200123456"],
        ["Cột đo xăng dầu", "Z-3", "", "Phường Nha Trang", "", "", "", "", "", "999"],
    ]
    job = _import(
        officer, _csv(rows, header=header), "tinh.csv", None, django_capture_on_commit_callbacks
    )

    assert (job.accepted_rows, job.rejected_rows) == (1, 2)
    assert Instrument.objects.get().owner_id == station.pk
    assert dict(job.rejections.values_list("row_number", "reason")) == {
        3: "Xã, phường «19999» không thuộc Khánh Hòa",
        4: "Không có tổ chức nào trong tỉnh có mã số thuế 999",
    }


def test_import_updates_descriptions_and_status_but_blank_cells_keep_values(run):
    run(_csv(GOOD[:1]))
    header = [*HEADER, "Trạng thái"]
    job = run(
        _csv(
            [
                [
                    "Cột đo xăng dầu",
                    "TK-01",
                    "",
                    "Phường Cam Ranh",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "Tạm ngừng sử dụng",
                ]
            ],
            header=header,
        )
    )

    assert job.accepted_rows == 1
    tk = Instrument.objects.get()
    assert (tk.manufacturer, tk.address, tk.commune.name, tk.status, tk.next_due) == (
        "Tatsuno",
        "12 Trần Phú",
        "Phường Cam Ranh",
        "suspended",
        dt.date(2027, 1, 31),
    )
    before = tally_snapshot()
    rebuild_tallies()
    assert tally_snapshot() == before


def test_import_start_is_audited(run):
    job = run(_csv(GOOD[:1]))
    assert (
        AuditEvent.objects.filter(action="instrument_import.started", target_id=str(job.pk)).count()
        == 1
    )
    assert kind(FUEL).cycle_months == 12


# --- Limits: checked on upload (form and service) and again in the worker ---------------------


def _xlsx_bomb(unpacked_mb):
    from tdc.core.tests.test_uploads import zip_bomb

    return zip_bomb(unpacked_mb)


def test_the_import_form_refuses_a_csv_over_the_stated_20_mb(client, business_user, business):
    client.force_login(business_user)
    page = client.get("/do-luong/nhap/").content.decode()
    assert "Dòng đầu là tên cột, như trong tệp mẫu. Tối đa 20 MB." in page
    content = _csv(GOOD[:1]) + b"#" * (20 * 1024 * 1024)

    response = client.post("/do-luong/nhap/", {"file": SimpleUploadedFile("lon.csv", content)})

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["Tệp quá lớn (20,1 MB). Tối đa 20 MB."]}
    assert ImportJob.objects.count() == 0


def test_the_import_form_refuses_an_xlsx_bomb_before_anything_parses_it(
    client, business_user, business
):
    client.force_login(business_user)
    bomb = _xlsx_bomb(250)

    response = client.post("/do-luong/nhap/", {"file": SimpleUploadedFile("bom.xlsx", bomb)})

    assert response.context["form"].errors == {
        "file": ["Nội dung tệp khi giải nén quá lớn (250 MB). Tối đa 200 MB."]
    }
    assert ImportJob.objects.count() == 0


def test_the_service_refuses_an_oversize_file_whatever_called_it(business_user, business):
    upload = SimpleUploadedFile("lon.csv", b"x" * (20 * 1024 * 1024 + 1))

    with pytest.raises(ValidationError) as refused:
        services.start_import(upload=upload, by=business_user, owner=business)

    assert refused.value.messages == ["Tệp quá lớn (20,1 MB). Tối đa 20 MB."]
    assert ImportJob.objects.count() == 0


def test_the_worker_checks_the_stored_file_again_before_parsing(business_user, business):
    job = ImportJob.objects.create(
        created_by=business_user,
        organisation=business,
        owner=business,
        original_name="bom.xlsx",
        file_format="xlsx",
        file=SimpleUploadedFile("bom.xlsx", _xlsx_bomb(30)),
    )

    job = imports.run(job.pk)

    assert job.status == "failed"
    assert job.error.startswith("Tệp nén bất thường: nội dung giải nén lớn gấp ")
    assert job.error.endswith(" lần tệp. Tối đa 100 lần.")


def test_the_upload_is_parsed_in_the_worker_not_in_the_request(
    client, business_user, business, django_capture_on_commit_callbacks
):
    client.force_login(business_user)
    wrong = _csv([["Cột đo xăng dầu"]], header=["Loại phương tiện đo", "Ghi chú"])

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post("/do-luong/nhap/", {"file": SimpleUploadedFile("a.csv", wrong)})

    job = ImportJob.objects.get()
    assert (response.status_code, job.status, job.headers, len(queued)) == (302, "queued", [], 1)
    queued[0]()
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error.startswith("Tệp thiếu cột bắt buộc: Số sản xuất, Xã, phường.")


# --- Text: what a row may carry -----------------------------------------------------------------


def test_control_and_invisible_characters_in_cells_are_removed(run):
    row = list(GOOD[0])
    row[1] = "TK-\x0001"
    row[2] = "Tat\x0csuno\u200b"
    row[4] = "12 Trần\x0b Phú\u202e"
    bad = ["Cân\x00 lạ", "X-1", "", "Phường Nha Trang", "=HYPERLINK(\x0c)", "", "", "", ""]

    job = run(_csv([row, bad]))

    assert (job.accepted_rows, job.rejected_rows) == (1, 1)
    stored = Instrument.objects.get()
    assert (stored.serial, stored.manufacturer, stored.address) == (
        "TK-01",
        "Tatsuno",
        "12 Trần Phú",
    )
    rejection = job.rejections.get()
    assert rejection.cells[0] == "Cân lạ"
    assert rejection.cells[4] == "=HYPERLINK()"
    assert rejection.reason == "Loại phương tiện đo «Cân lạ» không có trong danh mục nhóm 2"


def test_a_utf8_file_with_one_windows_1258_line_names_the_line(run):
    good = _csv(GOOD[:2])
    pasted = _windows_1258("Cột đo xăng dầu,TK-09,,Phường Nha Trang,,,,,\r\n")
    content = good + pasted + _csv(GOOD[2:3]).split(b"\r\n", 1)[1]

    job = run(content)

    assert (job.status, job.error) == (
        "failed",
        "Tệp được lưu bằng mã UTF-8 nhưng dòng 4 của tệp dùng mã khác (có thể là Windows-1258, "
        "do dán từ một tệp khác). Hãy sửa các dòng đó hoặc lưu lại cả tệp bằng mã UTF-8 rồi "
        "nhập lại.",
    )
    assert Instrument.objects.count() == 0


def test_too_long_cells_are_named_in_the_reason(run):
    header = [*HEADER, "Cấp chính xác"]
    row = [*GOOD[0], "0," + "5" * 40]
    row[1] = "S" * 101
    row[2] = "T" * 201

    job = run(_csv([row], header=header))

    assert job.rejections.get().reason == (
        "Số sản xuất dài quá 100 ký tự; Nhà sản xuất dài quá 200 ký tự; "
        "Cấp chính xác dài quá 40 ký tự"
    )
