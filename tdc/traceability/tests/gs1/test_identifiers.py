"""GS1 keys, Digital Link URIs and EPC URNs, against the standards' own examples and by property."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdc.traceability.gs1 import (
    IdentifierError,
    build_digital_link,
    canonical_epc,
    check_digit,
    digital_link_to_epc,
    epc_to_digital_link,
    is_vietnamese,
    normalise_gln,
    normalise_gtin,
    normalise_lot,
    normalise_serial,
    normalise_sscc,
    parse_digital_link,
    private_location_id,
)
from tdc.traceability.gs1.places import is_private_location

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
# The characters of GS1's CSET 82 (lot and serial values).
CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
cset82 = st.text(alphabet=CSET82, min_size=1, max_size=20)


def _with_check(body: str) -> str:
    return body + str(check_digit(body))


# GS1 General Specifications 7.9: the worked example of the check digit.
def test_check_digit_of_the_general_specifications_example():
    assert check_digit("37610425002123456") == 9
    assert normalise_sscc("376104250021234569") == "376104250021234569"


@pytest.mark.parametrize(
    ("given_value", "gtin14"),
    [
        ("96385074", "00000096385074"),  # GTIN-8
        ("614141000036", "00614141000036"),  # GTIN-12 (UPC-A)
        ("8934588063060", "08934588063060"),  # GTIN-13, GS1 Vietnam
        ("10614141073464", "10614141073464"),  # GTIN-14
    ],
)
def test_every_gtin_length_becomes_fourteen_digits(given_value, gtin14):
    assert normalise_gtin(given_value) == gtin14


@given(
    st.integers(min_value=7, max_value=13).flatmap(
        lambda n: st.text("0123456789", min_size=n, max_size=n)
    )
)
def test_a_computed_check_digit_is_accepted_and_any_other_refused(body):
    if len(body) + 1 not in (8, 12, 13, 14):
        return
    good = _with_check(body)
    assert normalise_gtin(good) == good.zfill(14)
    wrong = body + str((int(good[-1]) + 1) % 10)
    with pytest.raises(IdentifierError, match="sai số kiểm tra"):
        normalise_gtin(wrong)


@given(st.text("0123456789", min_size=13, max_size=13), st.integers(0, 12))
def test_changing_one_digit_is_always_caught(gtin13_body, position):
    good = _with_check(gtin13_body[:12])
    altered_digit = str((int(good[position]) + 3) % 10)
    altered = good[:position] + altered_digit + good[position + 1 :]
    with pytest.raises(IdentifierError):
        normalise_gtin(altered)


@pytest.mark.parametrize("bad", ["", "12345", "08934588063061", "8934588O63060", "123456789012345"])
def test_malformed_gtins_are_refused_in_vietnamese(bad):
    with pytest.raises(IdentifierError) as caught:
        normalise_gtin(bad)
    assert "Mã GTIN" in str(caught.value)


def test_gln_and_sscc_check_digits():
    assert normalise_gln("0614141123452") == "0614141123452"
    with pytest.raises(IdentifierError, match="sai số kiểm tra"):
        normalise_gln("0614141123453")
    with pytest.raises(IdentifierError, match="13 chữ số"):
        normalise_gln("061414112345")
    with pytest.raises(IdentifierError, match="sai số kiểm tra"):
        normalise_sscc("106141412345678909")
    with pytest.raises(IdentifierError, match="18 chữ số"):
        normalise_sscc("1061414123456789")


def test_gs1_vietnam_prefix():
    assert is_vietnamese("08934588063060")
    assert not is_vietnamese("00614141000036")


def test_lot_and_serial_use_cset_82():
    assert normalise_lot(" ABC-12/3 ") == "ABC-12/3"
    assert normalise_serial("x.Y_9") == "x.Y_9"
    with pytest.raises(IdentifierError, match="Số lô"):
        normalise_lot("lô 1")  # a space and a Vietnamese letter
    with pytest.raises(IdentifierError, match="Số sê-ri"):
        normalise_serial("1" * 21)


# GS1 Digital Link standard 1.2: examples of its section 4.
def test_digital_link_examples_of_the_standard():
    link = parse_digital_link("https://id.gs1.org/01/09506000134352/10/AB-123/21/12345?17=261231")
    assert (link.gtin, link.lot, link.serial, link.expiry) == (
        "09506000134352",
        "AB-123",
        "12345",
        "261231",
    )
    # A GTIN-13 in the path is read as its GTIN-14; any domain and path prefix is accepted.
    assert parse_digital_link("https://example.com/products/01/9506000134352").gtin == (
        "09506000134352"
    )
    sscc = parse_digital_link("https://id.gs1.org/00/106141412345678908")
    assert sscc.sscc == "106141412345678908"
    place = parse_digital_link("https://id.gs1.org/414/9520123456788/254/32a%2Fb")
    assert (place.gln, place.gln_extension) == ("9520123456788", "32a/b")


def test_a_digital_link_with_a_wrong_check_digit_is_refused():
    with pytest.raises(IdentifierError, match="sai số kiểm tra"):
        parse_digital_link("https://id.gs1.org/01/09506000134353/10/AB1")
    with pytest.raises(IdentifierError, match="không phải đường dẫn GS1 Digital Link"):
        parse_digital_link("ftp://id.gs1.org/01/09506000134352")
    with pytest.raises(IdentifierError):
        parse_digital_link("https://id.gs1.org/01/09506000134352/10")


def test_build_puts_lot_before_serial_and_escapes_slashes():
    assert (
        build_digital_link(gtin="9506000134352", serial="S/1", lot="L1", domain="truyxuat.vn")
        == "https://truyxuat.vn/01/09506000134352/10/L1/21/S%2F1"
    )
    assert build_digital_link(sscc="106141412345678908").endswith("/00/106141412345678908")
    assert build_digital_link(gln="9520123456788", gln_extension="0") == (
        "https://id.gs1.org/414/9520123456788"
    )
    with pytest.raises(IdentifierError):
        build_digital_link()


@given(st.text("0123456789", min_size=13, max_size=13), cset82, cset82)
def test_digital_link_build_then_parse_round_trips(body, lot, serial):
    gtin = _with_check(body)
    link = parse_digital_link(build_digital_link(gtin=gtin, lot=lot, serial=serial))
    assert (link.gtin, link.lot, link.serial) == (gtin, lot, serial)


# GS1 Tag Data Standard 2.x, section 6 and annex E: EPC URN examples.
@pytest.mark.parametrize(
    ("urn", "uri"),
    [
        (
            "urn:epc:id:sgtin:0614141.812345.6789AB",
            "https://id.gs1.org/01/80614141123458/21/6789AB",
        ),
        ("urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017"),
        ("urn:epc:id:sscc:0614141.1234567890", "https://id.gs1.org/00/106141412345678908"),
        ("urn:epc:id:sgln:0614141.12345.5678", "https://id.gs1.org/414/0614141123452/254/5678"),
        ("urn:epc:id:sgln:0614141.12345.0", "https://id.gs1.org/414/0614141123452"),
        (
            "urn:epc:class:lgtin:4012345.012345.998877",
            "https://id.gs1.org/01/04012345123456/10/998877",
        ),
        ("urn:epc:idpat:sgtin:4012345.012345.*", "https://id.gs1.org/01/04012345123456"),
        (
            "urn:epc:id:sgtin:0614141.712345.32a%2Fb",
            "https://id.gs1.org/01/70614141123451/21/32a%2Fb",
        ),
    ],
)
def test_epc_urn_and_digital_link_both_ways(urn, uri):
    assert epc_to_digital_link(urn) == uri
    assert digital_link_to_epc(uri) == urn
    assert canonical_epc(urn) == canonical_epc(uri) == uri


def test_other_identifiers_are_left_alone():
    assert epc_to_digital_link("urn:epc:id:grai:0614141.12345.400") is None
    assert canonical_epc(" urn:epc:id:giai:0614141.12345 ") == "urn:epc:id:giai:0614141.12345"
    assert canonical_epc("https://example.com/01/09506000134353") == (
        "https://example.com/01/09506000134353"
    )  # a wrong check digit is no Digital Link: kept as written
    assert canonical_epc("urn:epc:id:sgtin:12.3.4") == "urn:epc:id:sgtin:12.3.4"
    with pytest.raises(IdentifierError):
        epc_to_digital_link("urn:epc:id:sgtin:0614141.107346")
    with pytest.raises(IdentifierError):
        epc_to_digital_link("urn:epc:id:sscc:0614141.12")
    with pytest.raises(IdentifierError):
        epc_to_digital_link("urn:epc:id:sgln:0614141.1.0")


@given(
    st.sampled_from(["8934588", "89350495", "0614141", "4012345"]),
    st.text("0123456789", min_size=13, max_size=13),
    cset82,
)
def test_urn_conversion_round_trips_for_any_gtin_and_serial(prefix, rest, serial):
    body = (rest[0] + prefix + rest)[:13]
    gtin = _with_check(body)
    uri = build_digital_link(gtin=gtin, serial=serial)
    assert epc_to_digital_link(digital_link_to_epc(uri)) == uri


def test_private_locations_for_places_without_a_gln():
    place = private_location_id("4201234567", "san-phoi-1")
    assert place == "urn:tdc:loc:4201234567:san-phoi-1"
    assert is_private_location(place)
    assert canonical_epc(place) == place
    with pytest.raises(IdentifierError, match="Mã địa điểm"):
        private_location_id("4201234567", "Sân phơi")
    with pytest.raises(IdentifierError, match="Mã doanh nghiệp"):
        private_location_id("a b", "x")
