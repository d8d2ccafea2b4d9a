import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdc.accounts.tests.factories import OrganisationFactory
from tdc.metrology.models import Instrument, Verification
from tdc.metrology.tests.factories import FUEL, TAXIMETER, instrument, kind, verify

pytestmark = pytest.mark.django_db
LIST = reverse("metrology:instrument_list")
TONES = {"valid": "success", "expired": "danger", "not_found": "danger"}


@pytest.fixture
def rival(province):
    return OrganisationFactory(name="Công ty Taxi Sao Biển", kind="business", province=province)


@pytest.fixture
def register(business, rival, nha_trang, cam_ranh, centre, hue_commune, other_province):
    """Two businesses in Khánh Hòa, one instrument in Huế; overdue, soon due and fine ones."""
    own_overdue = instrument(business, nha_trang, serial="BX-OVERDUE")
    verify(own_overdue, dt.date(2025, 3, 1), stamp="BX-1")  # due 01/03/2026
    own_soon = instrument(business, cam_ranh, serial="BX-SOON")
    verify(own_soon, dt.date(2025, 4, 1), stamp="BX-2")  # due 01/04/2026
    rival_taxi = instrument(rival, nha_trang, code=TAXIMETER, serial="SB-TAXI")
    verify(rival_taxi, dt.date(2024, 9, 1), stamp="SB-1")  # due 01/03/2026
    hue_owner = OrganisationFactory(name="Công ty Huế", kind="business", province=other_province)
    instrument(hue_owner, hue_commune, serial="HUE-1")
    return {"own_overdue": own_overdue, "own_soon": own_soon, "rival": rival_taxi}


def _serials(response):
    return [i.serial for i in response.context["page"].items]


def test_a_business_sees_only_its_own_instruments(client, business_user, register):
    client.force_login(business_user)

    assert _serials(client.get(LIST)) == ["BX-OVERDUE", "BX-SOON"]
    assert client.get(register["rival"].get_absolute_url()).status_code == 404
    assert client.get(register["own_soon"].get_absolute_url()).status_code == 200
    exported = client.get(reverse("metrology:export_csv")).getvalue().decode("utf-8-sig")
    assert [row[1] for row in csv.reader(io.StringIO(exported))] == [
        "Số sản xuất",
        "BX-OVERDUE",
        "BX-SOON",
    ]


def test_an_officer_sees_the_province_and_filters_overdue_by_commune_owner_and_type(
    client, officer, register, nha_trang, rival
):
    client.force_login(officer)

    assert _serials(client.get(LIST)) == ["BX-OVERDUE", "SB-TAXI", "BX-SOON"]
    assert _serials(client.get(LIST, {"due": "overdue"})) == ["BX-OVERDUE", "SB-TAXI"]
    assert _serials(client.get(LIST, {"due": "soon"})) == ["BX-SOON"]
    assert _serials(
        client.get(LIST, {"due": "overdue", "commune": nha_trang.pk, "owner": rival.pk})
    ) == ["SB-TAXI"]
    type_id = register["rival"].type_id
    assert _serials(client.get(LIST, {"due": "overdue", "type": type_id})) == ["SB-TAXI"]
    assert client.get(LIST, {"due": "overdue"}).context["page"].count == 2


def test_a_commune_officer_sees_the_instruments_installed_in_the_commune(
    client, commune_officer, commune_org, nha_trang, register
):
    commune_org.commune = nha_trang
    commune_org.save()
    client.force_login(commune_officer)

    assert _serials(client.get(LIST)) == ["BX-OVERDUE", "SB-TAXI"]
    assert (
        client.get(reverse("metrology:instrument_edit", args=[register["rival"].pk])).status_code
        == 403
    )
    assert client.get(register["own_soon"].get_absolute_url()).status_code == 404


def test_officers_of_another_province_see_nothing_here(client, other_province_officer, register):
    client.force_login(other_province_officer)
    assert _serials(client.get(LIST)) == ["HUE-1"]
    assert client.get(register["own_overdue"].get_absolute_url()).status_code == 404


def test_export_xlsx_has_the_filtered_rows(client, officer, register):
    client.force_login(officer)
    response = client.get(reverse("metrology:export_xlsx"), {"due": "overdue"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == ["Loại phương tiện đo", "Số sản xuất"]
    assert [(r[1], r[4], r[10]) for r in rows[1:]] == [
        ("BX-OVERDUE", "Công ty TNHH Xăng dầu Biển Xanh", "01/03/2026"),
        ("SB-TAXI", "Công ty Taxi Sao Biển", "01/03/2026"),
    ]


@pytest.mark.parametrize("item_count", [1, 3])
def test_instrument_list_query_count_is_constant(
    client, officer, business, nha_trang, item_count, django_assert_num_queries
):
    for n in range(item_count):
        instrument(business, nha_trang, serial=f"Q{n}")
    client.force_login(officer)

    with django_assert_num_queries(10):
        response = client.get(LIST)

    assert len(response.context["page"].items) == item_count


def test_htmx_filter_returns_only_the_rows(client, officer, register):
    client.force_login(officer)
    response = client.get(LIST, {"due": "soon"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<form" not in body
    assert "BX-SOON" in body
    assert "1 phương tiện đo" in body


def test_a_business_registers_an_instrument_and_records_its_verification(
    client, business_user, business, nha_trang, centre
):
    client.force_login(business_user)
    response = client.post(
        reverse("metrology:instrument_create"),
        {
            "owner": business.pk,
            "type": kind(FUEL).pk,
            "serial": "NEW-1",
            "commune": nha_trang.pk,
            "status": "in_use",
        },
    )
    pump = Instrument.objects.get(serial="NEW-1")
    assert response.url == pump.get_absolute_url()

    response = client.post(
        reverse("metrology:instrument_verify", args=[pump.pk]),
        {
            "verified_on": "31/01/2026",
            "form": "ban_dau",
            "verifier": centre.pk,
            "result": "pass",
            "stamp_number": "kh-555",
        },
    )

    assert response.status_code == 302
    pump.refresh_from_db()
    assert (pump.next_due, pump.last_stamp_number) == (dt.date(2027, 1, 31), "KH-555")
    page = client.get(pump.get_absolute_url()).content.decode()
    assert "31/01/2027" in page


def test_a_broken_rule_keeps_the_input_and_answers_200(
    client, business_user, business, nha_trang, centre
):
    pump = instrument(business, nha_trang)
    client.force_login(business_user)
    response = client.post(
        reverse("metrology:instrument_verify", args=[pump.pk]),
        {
            "verified_on": "01/03/2026",
            "form": "dinh_ky",
            "verifier": centre.pk,
            "result": "pass",
            "stamp_number": "",
        },
    )
    assert response.status_code == 200
    assert "Phương tiện đo đạt yêu cầu phải có số tem kiểm định." in response.content.decode()
    assert 'value="01/03/2026"' in response.content.decode()
    assert Verification.objects.count() == 0


def test_a_business_cannot_register_for_another_owner(client, business_user, rival, nha_trang):
    client.force_login(business_user)
    response = client.post(
        reverse("metrology:instrument_create"),
        {
            "owner": rival.pk,
            "type": kind(FUEL).pk,
            "serial": "X",
            "commune": nha_trang.pk,
            "status": "in_use",
        },
    )
    assert response.status_code == 200
    assert Instrument.objects.count() == 0


def test_dashboard_shows_counts_from_the_rollups(
    client, officer, register, django_assert_max_num_queries
):
    client.force_login(officer)
    # + the not-fit-for-use count and the due-per-month roll-up of the chart
    with django_assert_max_num_queries(14):
        response = client.get(reverse("metrology:dashboard"))
    board = response.context["board"]
    assert (board.total, board.overdue, board.soon) == (3, 2, 1)
    assert [(c.name, c.total, c.overdue, c.soon) for c in board.communes] == [
        ("Phường Nha Trang", 2, 2, 0),
        ("Phường Cam Ranh", 1, 0, 1),
    ]


def test_dashboard_is_for_province_staff_only(client, business_user):
    client.force_login(business_user)
    assert client.get(reverse("metrology:dashboard")).status_code == 403


@pytest.mark.parametrize(
    ("stamp", "verdict", "text", "queries"),
    [
        ("BX-2", "valid", "CÒN HIỆU LỰC", 2),
        ("bx-1", "expired", "HẾT HIỆU LỰC", 2),
        ("NOPE-1", "not_found", "KHÔNG TÌM THẤY TEM NÀY", 1),
    ],
)
def test_public_stamp_lookup_needs_no_login(
    client, register, stamp, verdict, text, queries, django_assert_num_queries
):
    """Two single-row index reads at most (type and commune names are cached per process);
    no session is written."""
    url = reverse("metrology:stamp_detail", args=[stamp])
    client.get(url)  # the first look-up in a process loads the name cache
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert (
        f'<div class="alert alert-{TONES[verdict]} stamp-verdict" role="status">{text}</div>'
        in response.content.decode()
    )
    assert response.status_code == (404 if verdict == "not_found" else 200)
    assert "sessionid" not in response.cookies


def test_stamp_lookup_shows_valid_until_and_verifier(client, register):
    body = client.get(reverse("metrology:stamp_detail", args=["BX-2"])).content.decode()
    assert '<dd class="col-7" id="valid-until">01/04/2026</dd>' in body
    assert "Trung tâm Kỹ thuật TĐC Khánh Hòa" in body


def test_a_replaced_and_a_failed_stamp_say_so(client, register, centre):
    verify(register["own_soon"], dt.date(2026, 3, 10), stamp="BX-3")
    verify(register["own_overdue"], dt.date(2026, 3, 10), passed=False)
    replaced = client.get(reverse("metrology:stamp_detail", args=["BX-2"])).content.decode()
    failed = client.get(reverse("metrology:stamp_detail", args=["BX-1"])).content.decode()
    assert "ĐÃ ĐƯỢC THAY BẰNG TEM MỚI" in replaced
    assert '<dt class="col-5">Tem hiện hành</dt><dd class="col-7">BX-3</dd>' in replaced
    assert "KHÔNG ĐẠT YÊU CẦU KIỂM ĐỊNH" in failed


def test_the_lookup_form_redirects_to_the_stamp_page(client):
    response = client.get(reverse("metrology:stamp_lookup"), {"so": " kh-12 "})
    assert response.url == "/do-luong/tem/KH-12/"


def test_qr_codes_point_at_the_absolute_lookup_url(client, settings):
    settings.SITE_URL = "https://tdc.khanhhoa.gov.vn"
    svg = client.get(reverse("metrology:qr_svg", args=["KH-12"]))
    png = client.get(reverse("metrology:qr_png", args=["KH-12"]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<?xml")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    import segno

    expected = io.BytesIO()
    segno.make("https://tdc.khanhhoa.gov.vn/do-luong/tem/KH-12/", error="m").save(
        expected, kind="png", scale=8, border=2
    )
    assert png.content == expected.getvalue()


def test_import_pages_show_progress_and_rejected_rows(
    client, business_user, business, nha_trang, centre, django_capture_on_commit_callbacks
):
    client.force_login(business_user)
    content = (
        "Loại phương tiện đo,Số sản xuất,Xã, phường\n".replace("Xã, phường", '"Xã, phường"')
        + "Cột đo xăng dầu,A-1,Phường Nha Trang\nCột đo xăng dầu,,Phường Nha Trang\n"
    ).encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("metrology:import_start"), {"file": SimpleUploadedFile("a.csv", content)}
        )
    job_url = response.url
    partial = client.get(job_url, HTTP_HX_REQUEST="true").content.decode()
    assert "Đã ghi 1 dòng, từ chối 1 dòng." in partial
    assert "every 1s" not in partial  # finished: polling stops
    rejected = client.get(job_url + "dong-bi-tu-choi/")
    assert rejected.content.decode("utf-8-sig").splitlines() == [
        'Loại phương tiện đo,Số sản xuất,"Xã, phường",Lý do',
        "Cột đo xăng dầu,,Phường Nha Trang,Thiếu số sản xuất",
    ]


def test_a_running_import_page_polls_every_second(client, business_user, business):
    from tdc.metrology.models import ImportJob

    job = ImportJob.objects.create(
        created_by=business_user,
        organisation=business,
        owner=business,
        original_name="x.csv",
        file_format="csv",
        file=SimpleUploadedFile("x.csv", b"a"),
        status="running",
        total_rows=10,
        processed_rows=4,
    )
    client.force_login(business_user)
    body = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in body
    assert '<progress class="w-100" max="100" value="40"' in body


def test_someone_elses_import_is_not_found(client, officer, business_user, business):
    from tdc.metrology.models import ImportJob

    job = ImportJob.objects.create(
        created_by=business_user,
        organisation=business,
        owner=business,
        original_name="x.csv",
        file_format="csv",
        file=SimpleUploadedFile("x.csv", b"a"),
    )
    client.force_login(officer)
    assert client.get(job.get_absolute_url()).status_code == 404


def test_nav_entry_for_staff_and_businesses(client, business_user, reporter):
    client.force_login(business_user)
    assert "Phương tiện đo" in client.get("/").content.decode()
    client.force_login(reporter)
    assert 'href="/do-luong/"' not in client.get("/").content.decode()


def test_the_type_list_shows_cycles_and_versions(client, business_user):
    client.force_login(business_user)
    body = client.get(reverse("metrology:type_list")).content.decode()
    assert "Cột đo xăng dầu" in body
    assert "15/10/2024: 12 tháng" in body
    assert "Chỉ kiểm định ban đầu" in body  # tape measures


def test_an_officer_edits_an_instrument(client, officer, business, nha_trang, cam_ranh):
    pump = instrument(business, nha_trang, serial="ED-1")
    client.force_login(officer)
    url = reverse("metrology:instrument_edit", args=[pump.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "owner": business.pk,
            "type": pump.type_id,
            "serial": "ED-1",
            "commune": cam_ranh.pk,
            "status": "suspended",
            "address": "Chợ Cam Ranh",
        },
    )
    assert response.url == pump.get_absolute_url()
    pump.refresh_from_db()
    assert (pump.commune_id, pump.status, pump.address) == (
        cam_ranh.pk,
        "suspended",
        "Chợ Cam Ranh",
    )


def test_import_page_template_and_lookup_form_render(client, business_user):
    client.force_login(business_user)
    page = client.get(reverse("metrology:import_start")).content.decode()
    assert (
        "Mọi dòng được ghi là phương tiện đo của <strong>Công ty TNHH Xăng dầu Biển Xanh</strong>."
        in page
    )
    template = client.get(reverse("metrology:import_template"))
    assert (
        template.content.decode("utf-8-sig")
        .splitlines()[0]
        .startswith("Loại phương tiện đo,Số sản xuất,")
    )
    client.logout()
    assert "Tra cứu tem kiểm định" in client.get(reverse("metrology:stamp_lookup")).content.decode()


def test_home_panel_counts_overdue_and_soon(client, business_user, register):
    client.force_login(business_user)
    body = client.get("/").content.decode()
    assert '<span class="status-late fw-bold">1</span> quá hạn kiểm định' in body
    assert '<span class="status-due fw-bold">1</span> đến hạn trong 30 ngày' in body


def test_the_stamp_page_escapes_what_owners_typed(client, business, nha_trang, centre):
    verify(
        instrument(business, nha_trang, serial='<script>alert("x")</script>'),
        dt.date(2026, 1, 5),
        stamp="ESC-1",
    )
    body = client.get(reverse("metrology:stamp_detail", args=["ESC-1"])).content.decode()
    assert "<script>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


@pytest.mark.parametrize(
    ("path", "disposition"),
    [
        ("/do-luong/tem/A%0AB/qr.png", 'inline; filename="tem-A-B.png"'),
        ("/do-luong/tem/A%22B/qr.svg", 'inline; filename="tem-A-B.svg"'),
        ("/do-luong/tem/%0D%0ASet-Cookie:x=1/qr.png", 'inline; filename="tem-SET-COOKIE-X-1.png"'),
        ("/do-luong/tem/%22%22/qr.png", 'inline; filename="tem-tem.png"'),
        ("/do-luong/tem/kh-12/qr.png", 'inline; filename="tem-KH-12.png"'),
    ],
)
def test_a_qr_file_name_is_safe_whatever_the_url_holds(client, path, disposition):
    response = client.get(path)

    assert (response.status_code, response["Content-Disposition"]) == (200, disposition)


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("KH/12", "Số tem không có dấu «/». Hãy kiểm tra lại số in trên tem."),
        ("\x0c\u200b", "Hãy nhập số in trên tem."),
    ],
)
def test_a_stamp_number_no_url_can_hold_is_a_form_error(client, typed, error):
    response = client.get(reverse("metrology:stamp_lookup"), {"so": typed})

    assert (response.status_code, response.context["form"].errors["so"]) == (200, [error])


def test_control_characters_typed_into_the_lookup_are_dropped(client):
    response = client.get(reverse("metrology:stamp_lookup"), {"so": "kh-\x0b12"})

    assert response.url == "/do-luong/tem/KH-12/"


def test_the_public_stamp_pages_declare_the_language_they_are_in(client):
    """A citizen who chose English gets `<html lang="en">`: screen readers and browsers'
    translators rely on it."""
    assert '<html lang="vi">' in client.get(reverse("metrology:stamp_lookup")).content.decode()
    client.cookies["django_language"] = "en"
    page = client.get(reverse("metrology:stamp_lookup")).content.decode()
    assert '<html lang="en">' in page
