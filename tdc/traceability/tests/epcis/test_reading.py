"""Whole-document acceptance: GS1's examples, and every kind of bad input with every reason."""

import json

import pytest

from tdc.traceability.epcis import check_document
from tdc.traceability.tests.epcis.documents import (
    ACCEPTED_EXAMPLES,
    ALL_EXAMPLES,
    EXAMPLES,
    SCHEMA_REFUSES,
    event,
    raw,
)


@pytest.mark.parametrize("path", ACCEPTED_EXAMPLES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_gs1_example_is_accepted(path):
    result = check_document(path.read_bytes())

    assert result.reasons == []
    assert len(result.events) >= 1


def test_the_one_example_gs1s_own_schema_refuses_says_why():
    assert len(ALL_EXAMPLES) == 62
    (path,) = [p for p in ALL_EXAMPLES if str(p.relative_to(EXAMPLES)) in SCHEMA_REFUSES]

    assert check_document(path.read_bytes()).reasons == [
        "sự kiện 1 (ObjectEvent): ilmd chỉ dùng được khi action là ADD"
    ]


def test_all_five_event_types_sensor_data_and_error_declarations_are_read():
    kinds, sensors, declarations, certified = set(), 0, 0, 0
    for path in ACCEPTED_EXAMPLES:
        for checked in check_document(path.read_bytes()).events:
            kinds.add(checked.type)
            sensors += "sensorElementList" in checked.body
            declarations += checked.error_declared_at is not None
            certified += "certificationInfo" in checked.body
    assert kinds == {
        "ObjectEvent",
        "AggregationEvent",
        "TransactionEvent",
        "TransformationEvent",
        "AssociationEvent",
    }
    assert sensors >= 20
    assert declarations >= 3
    assert certified >= 1


def test_indexed_fields_of_an_event():
    (checked,) = check_document(raw(event())).events

    assert checked.type == "ObjectEvent"
    assert checked.event_time.isoformat() == "2026-11-30T08:00:00+07:00"
    assert (checked.biz_step, checked.disposition, checked.action) == (
        "shipping",
        "in_transit",
        "OBSERVE",
    )
    assert checked.read_point == "urn:epc:id:sgln:8934588.00001.0"
    assert checked.epcs == [
        ("epcList", "urn:epc:id:sgtin:8934588.006306.1001"),
        ("epcList", "urn:epc:id:sgtin:8934588.006306.1002"),
    ]


def test_malformed_json():
    assert check_document(b'{"type": "EPCISDocument",\n "epcisBody": [}').reasons == [
        "không phải JSON hợp lệ (dòng 2, cột 16)"
    ]
    assert check_document(b"\xff\xfe").reasons == ["không phải JSON hợp lệ (dòng 1, cột 1)"]
    assert check_document(b"[1, 2]").reasons == ["tài liệu EPCIS phải là một đối tượng JSON"]


def test_a_document_over_the_size_limit_is_refused_before_it_is_parsed():
    big = b" " * 2048 + raw()

    assert check_document(big, max_bytes=1024).reasons == [
        f"tài liệu dài {len(big):,} byte, quá giới hạn 1.024 byte".replace(",", ".", 1)
    ]


def test_nesting_too_deep_is_refused():
    deep = event(**{"ex:deep": json.loads("[" * 40 + "]" * 40)})

    assert check_document(raw(deep)).reasons == ["cấu trúc lồng nhau quá sâu (tối đa 24 mức)"]
    assert check_document(b"[" * 100_000 + b"]" * 100_000).reasons == [
        "cấu trúc lồng nhau quá sâu (tối đa 24 mức)"
    ]


def test_a_schema_violation_deep_in_an_event_names_its_place():
    sensor = {
        "sensorMetadata": {"time": "2026-11-30T08:00:00Z"},
        "sensorReport": [{"type": "Temperature", "value": "ba mươi", "uom": "CEL"}],
    }
    bad = event(sensorElementList=[sensor])

    assert check_document(raw(event(), bad)).reasons == [
        "sự kiện 2 (ObjectEvent): sensorElementList[0].sensorReport[0].value: "
        "sai kiểu dữ liệu (cần số)"
    ]


def test_unknown_cbv_values_are_refused():
    result = check_document(
        raw(
            event(bizStep="thu_hoach"),
            event(disposition="https://ref.gs1.org/cbv/Disp-fresh"),
            event(bizStep="https://ref.gs1.org/cbv/BizStep-harvesting"),
        )
    )

    assert result.reasons == [
        "sự kiện 1 (ObjectEvent): bizStep: “thu_hoach” không thuộc từ vựng CBV 2.0",
        "sự kiện 2 (ObjectEvent): disposition: “https://ref.gs1.org/cbv/Disp-fresh” "
        "không thuộc từ vựng CBV 2.0",
        "sự kiện 3 (ObjectEvent): bizStep: “https://ref.gs1.org/cbv/BizStep-harvesting” "
        "không thuộc từ vựng CBV 2.0",
    ]


def test_a_private_uri_may_name_a_business_step():
    assert check_document(raw(event(bizStep="https://hoptacxa.example/buoc/phoi-kho"))).accepted


def test_a_digital_link_with_a_wrong_check_digit_is_refused():
    result = check_document(raw(event(epcList=["https://id.gs1.org/01/08934588063061/21/1"])))

    assert result.reasons == [
        "sự kiện 1 (ObjectEvent): epcList: Mã GTIN “08934588063061” sai số kiểm tra."
    ]


def test_a_malformed_epc_urn_is_refused():
    result = check_document(raw(event(readPoint={"id": "urn:epc:id:sgln:8934588.1.0"})))

    assert result.reasons == [
        "sự kiện 1 (ObjectEvent): readPoint.id: Mã EPC “urn:epc:id:sgln:8934588.1.0” "
        "không đúng độ dài của GLN."
    ]


def test_a_document_mixing_valid_and_invalid_events_is_refused_whole_with_every_reason():
    result = check_document(
        raw(
            event(),
            event(action="MOVE"),
            event(epcList=["urn:epc:id:sgtin:8934588.006306.9"]),
            event(eventTime=None),
            {"type": "HarvestEvent"},
            "not an event",
        )
    )

    assert not result.accepted
    assert result.events == []
    assert result.reasons == [
        "sự kiện 2 (ObjectEvent): action: “MOVE” không nằm trong các giá trị cho phép "
        "(OBSERVE, ADD, DELETE)",
        "sự kiện 4 (ObjectEvent): thiếu trường bắt buộc “eventTime”",
        "sự kiện 5 (HarvestEvent): loại sự kiện “HarvestEvent” không có trong EPCIS 2.0 (cần "
        "một trong: ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, "
        "AssociationEvent)",
        "sự kiện 6: phải là một đối tượng JSON",
    ]


def test_the_same_event_twice_in_one_document_is_refused():
    same_in_other_words = event(
        epcList=list(reversed(event()["epcList"])), eventTime="2026-11-30T01:00:00Z"
    )

    assert check_document(raw(event(), same_in_other_words)).reasons == [
        "sự kiện 2: trùng nội dung với sự kiện 1 trong cùng tài liệu"
    ]


def test_envelope_and_context_problems():
    document = json.loads(raw(context=["https://attacker.example/context.jsonld"]))
    document.pop("creationDate")
    document["ex:note"] = "x"
    document["comment"] = "y"

    assert check_document(json.dumps(document)).reasons == [
        "@context: ngữ cảnh “https://attacker.example/context.jsonld” không phải ngữ cảnh EPCIS "
        "của GS1 (hệ thống không tải ngữ cảnh từ mạng)",
        "@context: thiếu ngữ cảnh EPCIS 2.0 của GS1 "
        "(https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld)",
        "thiếu trường bắt buộc “creationDate”",
        "trường “comment” không có trong EPCIS 2.0 (trường mở rộng phải có tiền tố, ví dụ "
        "“example:truong”)",
    ]


def test_other_document_types_and_missing_event_lists():
    assert check_document(json.dumps({"type": "Invoice"})).reasons[-1] == (
        "type: tài liệu phải là “EPCISDocument” (nhận được “Invoice”)"
    )
    document = json.loads(raw())
    document["epcisBody"] = {}
    assert check_document(json.dumps(document)).reasons == [
        "epcisBody.eventList: thiếu danh sách sự kiện"
    ]
