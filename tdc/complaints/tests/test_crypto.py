"""Identity encryption: round trip, tampering, binding to the complaint, keys, rotation."""

from __future__ import annotations

import base64
import io
import os
import stat

import pytest
from django.core.management import call_command
from django.db import connection

from tdc.complaints import crypto
from tdc.complaints.access import identity_key_usage
from tdc.complaints.checks import identity_keys
from tdc.complaints.crypto import (
    Identity,
    IdentityKeyError,
    SealBroken,
    key_id_for,
    load_keyring,
    parse_keys,
    seal,
    unseal,
)
from tdc.complaints.models import Reporter
from tdc.complaints.tests.helpers import KEY_A, KEY_B, PLANTED, assert_no_identity
from tdc.core.models import AuditEvent


def test_seal_and_unseal_round_trip_the_identity():
    sealed = seal(PLANTED, complaint_id=7)

    assert sealed.startswith(f"v1.{key_id_for(b'A' * 32)}.")
    assert_no_identity(sealed)
    assert unseal(sealed, complaint_id=7) == PLANTED


def test_sealing_twice_gives_different_ciphertexts():
    assert seal(PLANTED, complaint_id=7) != seal(PLANTED, complaint_id=7)


def test_unseal_refuses_a_tampered_ciphertext():
    sealed = seal(PLANTED, complaint_id=7)
    version, key_id, body = sealed.split(".")
    raw = bytearray(base64.urlsafe_b64decode(body))
    raw[-1] ^= 1
    tampered = f"{version}.{key_id}.{base64.urlsafe_b64encode(bytes(raw)).decode()}"

    with pytest.raises(SealBroken):
        unseal(tampered, complaint_id=7)


def test_unseal_refuses_an_identity_moved_to_another_complaint():
    sealed = seal(PLANTED, complaint_id=7)

    with pytest.raises(SealBroken):
        unseal(sealed, complaint_id=8)


def test_unseal_refuses_an_unknown_key(settings):
    sealed = seal(PLANTED, complaint_id=7)
    settings.COMPLAINTS_IDENTITY_KEYS = KEY_B

    with pytest.raises(SealBroken):
        unseal(sealed, complaint_id=7)


def test_identity_repr_never_shows_the_values():
    assert repr(PLANTED) == "Identity(<redacted>)"
    assert str(PLANTED) == "Identity(<redacted>)"
    assert_no_identity(f"{PLANTED!r} {PLANTED} {[PLANTED]}")


def test_keyring_takes_keys_from_the_setting_first_one_encrypts(settings):
    settings.COMPLAINTS_IDENTITY_KEYS = f"{KEY_B}, {KEY_A}"

    ring = load_keyring()

    assert [k.key_id for k in ring.keys] == [key_id_for(b"B" * 32), key_id_for(b"A" * 32)]
    assert ring.source == "setting"
    assert ring.from_file is False


def test_keyring_reads_the_key_file_when_nothing_else_is_set(settings, tmp_path):
    settings.COMPLAINTS_IDENTITY_KEYS = ""
    path = tmp_path / "keys"
    path.write_text(f"# comment\n{KEY_B}\n{KEY_A}  # old\n", encoding="utf-8")
    settings.COMPLAINTS_IDENTITY_KEY_FILE = str(path)

    ring = load_keyring()

    assert [k.key_id for k in ring.keys] == [key_id_for(b"B" * 32), key_id_for(b"A" * 32)]
    assert ring.source == str(path)


def test_keyring_reads_the_environment(settings, monkeypatch):
    settings.COMPLAINTS_IDENTITY_KEYS = ""
    monkeypatch.setenv("COMPLAINTS_IDENTITY_KEYS", KEY_B)

    assert load_keyring().source == "environment"
    assert load_keyring().current.key_id == key_id_for(b"B" * 32)


def test_keyring_without_any_key_fails_in_production(settings, tmp_path):
    settings.COMPLAINTS_IDENTITY_KEYS = ""
    settings.COMPLAINTS_IDENTITY_KEY_FILE = str(tmp_path / "missing.keys")
    settings.DEBUG = False

    with pytest.raises(IdentityKeyError):
        load_keyring()
    assert [m.id for m in identity_keys()] == ["complaints.E001"]


def test_keyring_creates_a_development_key_file_in_debug(settings, tmp_path):
    settings.COMPLAINTS_IDENTITY_KEYS = ""
    path = tmp_path / "var" / "dev.keys"
    settings.COMPLAINTS_IDENTITY_KEY_FILE = str(path)
    settings.DEBUG = True

    ring = load_keyring()

    assert path.exists()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(ring.keys) == 1
    assert identity_keys() == []


def test_parse_keys_refuses_a_short_key():
    short = base64.urlsafe_b64encode(b"x" * 16).decode()
    with pytest.raises(IdentityKeyError):
        parse_keys(short)


def test_deploy_check_warns_about_a_key_file_others_can_read(settings, tmp_path):
    settings.COMPLAINTS_IDENTITY_KEYS = ""
    path = tmp_path / "keys"
    path.write_text(KEY_A + "\n", encoding="utf-8")
    path.chmod(0o644)
    settings.COMPLAINTS_IDENTITY_KEY_FILE = str(path)

    assert [m.id for m in identity_keys()] == ["complaints.W001"]


def test_stored_identity_is_ciphertext_only(submit):
    complaint = submit(identity=PLANTED).complaint

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM complaints_reporter")
        rows = cursor.fetchall()

    assert len(rows) == 1
    assert_no_identity(repr(rows))
    stored = Reporter.objects.get(complaint=complaint)
    assert unseal(stored.sealed_identity, complaint_id=complaint.pk) == PLANTED


def _use_key_file(settings, tmp_path, *keys: str):
    settings.COMPLAINTS_IDENTITY_KEYS = ""
    path = tmp_path / "rotate.keys"
    crypto.write_key_file(path, list(keys))
    settings.COMPLAINTS_IDENTITY_KEY_FILE = str(path)
    return path


def test_rotateidentitykeys_puts_a_new_key_first_and_reencrypts_every_identity(
    settings, tmp_path, submit
):
    path = _use_key_file(settings, tmp_path, KEY_A)
    first = submit(identity=PLANTED).complaint
    second = submit(identity=Identity(name="Lê Văn Hai", phone="0987654321")).complaint
    old_id = key_id_for(b"A" * 32)
    assert identity_key_usage() == {old_id: 2}

    call_command("rotateidentitykeys", stdout=io.StringIO())

    ring = load_keyring()
    new_id = ring.current.key_id
    assert new_id != old_id
    assert [k.key_id for k in ring.keys] == [new_id, old_id]  # the old key is kept for backups
    assert identity_key_usage() == {new_id: 2}
    for complaint, expected in [
        (first, PLANTED),
        (second, Identity(name="Lê Văn Hai", phone="0987654321")),
    ]:
        stored = Reporter.objects.get(complaint=complaint)
        assert stored.sealed_identity.split(".")[1] == new_id
        assert unseal(stored.sealed_identity, complaint_id=complaint.pk) == expected
    event = AuditEvent.objects.get(action="complaint.identity_keys_rotated")
    assert event.data == {"key": new_id, "resealed": 2}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_rotateidentitykeys_prune_drops_keys_no_identity_uses(settings, tmp_path, submit):
    _use_key_file(settings, tmp_path, KEY_A)
    complaint = submit(identity=PLANTED).complaint
    call_command("rotateidentitykeys", stdout=io.StringIO())
    current = load_keyring().current.key_id

    call_command("rotateidentitykeys", "--prune", stdout=io.StringIO())

    assert [k.key_id for k in load_keyring().keys] == [current]
    stored = Reporter.objects.get(complaint=complaint)
    assert unseal(stored.sealed_identity, complaint_id=complaint.pk) == PLANTED


def test_rotateidentitykeys_reencrypt_only_uses_the_first_key_of_the_setting(settings, submit):
    complaint = submit(identity=PLANTED).complaint
    settings.COMPLAINTS_IDENTITY_KEYS = f"{KEY_B},{KEY_A}"

    call_command("rotateidentitykeys", "--reencrypt-only", stdout=io.StringIO())

    assert identity_key_usage() == {key_id_for(b"B" * 32): 1}
    settings.COMPLAINTS_IDENTITY_KEYS = KEY_B  # the old key can now go
    stored = Reporter.objects.get(complaint=complaint)
    assert unseal(stored.sealed_identity, complaint_id=complaint.pk) == PLANTED


def test_rotateidentitykeys_refuses_to_write_keys_that_come_from_the_environment(submit):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("rotateidentitykeys")
