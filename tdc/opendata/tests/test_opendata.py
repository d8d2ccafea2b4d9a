"""Open data: the datasets regenerated, their contents (counts, nothing personal), the
catalogue and downloads open to anyone, an undeclared column refused."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from tdc.core.datasets import _DATASETS, Dataset, DatasetField, register_dataset
from tdc.core.registry import periodic_jobs
from tdc.exchange.tests.factories import login
from tdc.opendata import services
from tdc.opendata.jobs import regenerate_open_data
from tdc.opendata.models import PublishedDataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def registers(business, province):
    from tdc.complaints.tests.factories import make_complaint
    from tdc.metrology.tests.factories import CommuneFactory, instrument

    commune = CommuneFactory(province=province, name="Phường Nha Trang")
    instrument(business, commune, serial="SECRET-SERIAL-1")
    instrument(business, commune, serial="SECRET-SERIAL-2", status="suspended")
    make_complaint(
        province=province,
        commune=commune,
        business_name="Sạp cá cô Ba",
        description="Người phản ánh Nguyễn Văn Bí mật, 0905123456",
    )
    return commune


def _csv(key: str) -> list[dict[str, str]]:
    data = bytes(PublishedDataset.objects.get(key=key).csv).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(data)))


def test_the_job_publishes_counts_and_nothing_personal(registers, business, province):
    assert regenerate_open_data.call() == 5
    instruments = _csv("phuong-tien-do-theo-xa")
    assert instruments == [
        {
            "ma_tinh": str(province.pk),
            "tinh": province.name,
            "ma_xa": str(registers.pk),
            "xa": "Phường Nha Trang",
            "ma_loai": "cot-do-xang-dau",
            "loai_phuong_tien_do": instruments[0]["loai_phuong_tien_do"],
            "so_luong": "2",
            "dang_su_dung": "1",
        }
    ]
    complaints = _csv("thong-ke-phan-anh")
    assert [(r["tinh"], r["linh_vuc"], r["tiep_nhan"]) for r in complaints] == [
        (province.name, "Cân sai, gian lận đo lường", "1")
    ]
    everything = b"".join(
        bytes(p.csv) + bytes(p.json) for p in PublishedDataset.objects.all()
    ).decode("utf-8", "replace")
    for secret in ("SECRET-SERIAL", business.name, "Sạp cá cô Ba", "Bí mật", "0905123456"):
        assert secret not in everything


def test_a_provider_returning_an_undeclared_column_publishes_nothing(registers):
    register_dataset(
        Dataset(
            key="thu-nghiem",
            title="Thử",
            description="",
            fields=[DatasetField("tinh", "Tỉnh")],
            rows="tdc.opendata.tests.test_opendata.leaky_rows",
        )
    )
    try:
        with pytest.raises(services.UndeclaredField):
            services.regenerate_one(_DATASETS["thu-nghiem"])
        assert services.regenerate_all() == 5  # the others still go out
        assert not PublishedDataset.objects.filter(key="thu-nghiem").exists()
    finally:
        _DATASETS.pop("thu-nghiem")


def leaky_rows() -> list[dict[str, str]]:
    return [{"tinh": "Khánh Hòa", "chu_so_huu": "Công ty X"}]


def test_the_catalogue_and_downloads_are_public(client, registers):
    catalogue = client.get(reverse("opendata:catalogue")).content.decode()
    assert "Phương tiện đo nhóm 2 theo xã, phường và loại" in catalogue
    assert "chưa có bản công bố" in catalogue
    assert (
        client.get(reverse("opendata:download_csv", args=["phuong-tien-do-theo-xa"])).status_code
        == 404
    )
    services.regenerate_all()
    detail = client.get(
        reverse("opendata:detail", args=["phuong-tien-do-theo-xa"])
    ).content.decode()
    assert "CC BY 4.0" in detail
    assert "<code>dang_su_dung</code>" in detail
    assert "Phường Nha Trang" in detail  # the preview
    response = client.get(reverse("opendata:download_csv", args=["phuong-tien-do-theo-xa"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeffma_tinh,tinh,".encode())
    response = client.get(reverse("opendata:download_json", args=["thong-ke-phan-anh"]))
    body = json.loads(response.content)
    assert body["licence"] == "CC BY 4.0"
    assert [f["name"] for f in body["fields"]][:3] == ["ma_tinh", "tinh", "nam"]
    assert client.get(reverse("opendata:detail", args=["khong-co"])).status_code == 404
    assert client.get("/du-lieu-mo/khong-co.json").status_code == 404


def test_only_the_administrator_regenerates_on_demand(client, admin_user, officer, registers):
    url = reverse("opendata:regenerate")
    assert client.post(url).status_code == 302  # to the login page
    login(client, officer)
    assert client.post(url).status_code == 403
    login(client, admin_user)
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "Đã cập nhật 5 bộ dữ liệu." in response.content.decode()
    assert "opendata.regenerate_open_data" in {j.name for j in periodic_jobs()}


def test_the_demo_step_publishes_the_datasets(registers):
    from tdc.opendata.demo import load

    out = io.StringIO()
    load(out)
    load(out)  # idempotent: the same snapshots again
    assert out.getvalue() == "Open data: 5 datasets published.\n" * 2
    assert PublishedDataset.objects.count() == 5


def test_warnings_and_declarations_are_published_only_once_public(business_user, province):
    """A draft or withdrawn warning, a declaration still being examined: never in open data."""
    from django.utils import timezone

    from tdc.conformity.tests.factories import filed
    from tdc.surveillance.tests.factories import ProductFactory, WarningFactory

    product = ProductFactory(province=province, name="Đồ chơi xe đẩy")
    WarningFactory(product=product, status="published", published_at=timezone.now())
    WarningFactory(product=ProductFactory(province=province, name="Bản nháp bí mật"))
    WarningFactory(product=ProductFactory(province=province, name="Đã thu hồi"), status="withdrawn")
    filed(business_user, product_name="Bình nước nóng đang xét")

    services.regenerate_all()

    warnings = _csv("canh-bao-san-pham")
    assert [(w["san_pham"], w["muc_rui_ro"]) for w in warnings] == [
        ("Đồ chơi xe đẩy", warnings[0]["muc_rui_ro"])
    ]
    assert warnings[0]["muc_rui_ro"] != ""
    assert _csv("so-tiep-nhan-cong-bo-hop-quy") == []
    published = b"".join(bytes(p.json) for p in PublishedDataset.objects.all()).decode()
    for secret in ("Bản nháp bí mật", "Đã thu hồi", "Bình nước nóng đang xét"):
        assert secret not in published


def test_the_preview_shows_dates_as_day_month_year(client, province):
    """The files keep ISO 8601; the page people read shows dd/mm/yyyy."""
    import datetime as dt

    from django.utils import timezone

    from tdc.surveillance.tests.factories import ProductFactory, WarningFactory

    when = dt.datetime(2026, 3, 9, 10, 0, tzinfo=timezone.get_current_timezone())
    product = ProductFactory(province=province, name="Đồ chơi xe đẩy")
    WarningFactory(product=product, status="published", published_at=when)
    services.regenerate_all()

    page = client.get(reverse("opendata:detail", args=["canh-bao-san-pham"])).content.decode()
    assert "<td>09/03/2026</td>" in page
    assert "2026-03-09" not in page
    assert _csv("canh-bao-san-pham")[0]["ngay_cong_bo"] == "2026-03-09"
