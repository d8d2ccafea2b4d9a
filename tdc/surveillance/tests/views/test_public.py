"""The public side: published warnings only, found by name, brand or barcode, accents optional."""

from django.urls import reverse
from django.utils import timezone

from tdc.surveillance.models import ConsumerWarning
from tdc.surveillance.tests.factories import ProductFactory, WarningFactory


def _published(**product):
    return WarningFactory(
        product=ProductFactory(**product),
        status=ConsumerWarning.Status.PUBLISHED,
        published_at=timezone.now(),
    )


def test_the_public_sees_published_warnings_only(client, db):
    shown = _published(name="Xe đẩy đồ chơi sơn đỏ", brand="Bé Vui", gtin="08934567000048")
    draft = WarningFactory(product=ProductFactory(name="Bình gas mini rò khí"))
    approved = WarningFactory(
        product=ProductFactory(name="Mũ bảo hiểm nửa đầu"), status=ConsumerWarning.Status.APPROVED
    )

    page = client.get(reverse("surveillance:public_warnings")).content.decode()

    assert shown.title in page
    assert "Bình gas mini" not in page
    assert "Mũ bảo hiểm nửa đầu" not in page
    for hidden in (draft, approved):
        url = reverse("surveillance:public_warning", args=[hidden.reference])
        assert client.get(url).status_code == 404
    assert client.get(shown.get_public_url()).status_code == 200


def test_search_by_name_without_accents_by_brand_and_by_barcode(client, db):
    toy = _published(name="Xe đẩy đồ chơi sơn đỏ", brand="Bé Vui", gtin="08934567000048")
    _published(name="Ấm siêu tốc", brand="Ánh Dương", gtin="08934567000031")
    url = reverse("surveillance:public_warnings")

    for query in ("xe day do choi", "BE VUI", "8934567000048", "08934567000048"):
        response = client.get(url, {"q": query})
        assert [w.pk for w in response.context["page"]] == [toy.pk], query
    assert list(client.get(url, {"q": "không có"}).context["page"]) == []


def test_a_scanned_barcode_answers_whether_there_is_a_warning(client, db):
    toy = _published(name="Xe đẩy đồ chơi sơn đỏ", gtin="08934567000048")
    url = reverse("surveillance:public_gtin")

    warned = client.get(url, {"gtin": "8934567000048"}).content.decode()
    clean = client.get(url, {"gtin": "8934567000017"}).content.decode()
    wrong = client.get(url, {"gtin": "8934567000049"}).content.decode()

    assert "Có 1 cảnh báo cho mã 08934567000048." in warned
    assert toy.title in warned
    assert "Chưa có cảnh báo nào cho mã 08934567000017." in clean
    assert "Mã GTIN 8934567000049 sai số kiểm tra: hãy đọc lại mã vạch." in wrong


def test_the_atom_feed_lists_published_warnings(client, db):
    toy = _published(name="Xe đẩy đồ chơi sơn đỏ")
    WarningFactory(product=ProductFactory(name="Dự thảo bí mật"))

    response = client.get(reverse("surveillance:public_feed"))

    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert f"<title>{toy.title}</title>" in body
    assert toy.get_public_url() in body
    assert "Dự thảo bí mật" not in body
