"""`tdc epcis check FILE…`: one line per file, exit status 0 only when all are OK."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tdc.traceability.tests.epcis.documents import ACCEPTED_EXAMPLES, EXAMPLES, event, raw


def test_every_accepted_example_prints_ok(capsys):
    call_command("epcis", "check", *[str(p) for p in ACCEPTED_EXAMPLES])

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(ACCEPTED_EXAMPLES)
    first = EXAMPLES / "JSON" / "Example_9.6.1-ObjectEvent.jsonld"
    assert f"{first}: OK 2 events" in lines
    assert all(": OK " in line for line in lines)


def test_a_rejected_file_prints_its_reasons_and_fails(tmp_path, capsys):
    good = tmp_path / "good.jsonld"
    good.write_bytes(raw())
    bad = tmp_path / "bad.jsonld"
    bad.write_bytes(raw(event(bizStep="thu_hoach"), event(action="MOVE")))
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")

    with pytest.raises(CommandError, match="3 tệp bị từ chối") as failure:
        call_command("epcis", "check", str(good), str(bad), str(broken), str(tmp_path / "none"))

    assert failure.value.returncode == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{good}: OK 1 events",
        f"{bad}: REJECTED: sự kiện 1 (ObjectEvent): bizStep: “thu_hoach” không thuộc từ vựng "
        "CBV 2.0; sự kiện 2 (ObjectEvent): action: “MOVE” không nằm trong các giá trị cho phép "
        "(OBSERVE, ADD, DELETE)",
        f"{broken}: REJECTED: không phải JSON hợp lệ (dòng 1, cột 2)",
        f"{tmp_path / 'none'}: REJECTED: không đọc được tệp (No such file or directory)",
    ]


def test_a_file_over_the_limit_is_not_read(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("tdc.traceability.management.commands.epcis.MAX_DOCUMENT_BYTES", 100)
    big = tmp_path / "big.jsonld"
    big.write_text(json.dumps({"pad": "x" * 200}), encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("epcis", "check", str(big))

    assert capsys.readouterr().out == (
        f"{big}: REJECTED: tài liệu dài 211 byte, quá giới hạn 100 byte\n"
    )
