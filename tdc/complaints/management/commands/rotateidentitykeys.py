"""Rotate the key that seals reporters' identities, and re-encrypt every identity with it.

rotateidentitykeys --init            create the key file (development) if there is none
rotateidentitykeys                   new key first in the key file, re-encrypt everything
rotateidentitykeys --reencrypt-only  re-encrypt with the current first key (keys from env)
rotateidentitykeys --prune           drop keys from the file that no identity uses
rotateidentitykeys --print-new-key   print a fresh key (for COMPLAINTS_IDENTITY_KEYS)
rotateidentitykeys --status          which keys exist and how many identities each seals
"""

from __future__ import annotations

import base64
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tdc.complaints.access import identity_key_usage, reseal_identities
from tdc.complaints.crypto import (
    ensure_development_key_file,
    key_file_path,
    load_keyring,
    new_key_text,
    write_key_file,
)
from tdc.core.audit import record


def _line(secret: bytes) -> str:
    return base64.urlsafe_b64encode(secret).decode()


class Command(BaseCommand):
    help = "Rotate the identity encryption key and re-encrypt reporters' identities."

    def add_arguments(self, parser: Any) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--init", action="store_true")
        group.add_argument("--reencrypt-only", action="store_true")
        group.add_argument("--prune", action="store_true")
        group.add_argument("--print-new-key", action="store_true")
        group.add_argument("--status", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["print_new_key"]:
            self.stdout.write(new_key_text())
            return
        if options["init"]:
            created = ensure_development_key_file()
            self.stdout.write(f"Created {created}." if created else "A key is already configured.")
            return
        keyring = load_keyring()
        usage = identity_key_usage()
        if options["status"]:
            self.stdout.write(f"Keys from {keyring.source}:")
            for index, key in enumerate(keyring.keys):
                role = "encrypts" if index == 0 else "decrypts"
                self.stdout.write(f"  {key.key_id}  {role}  {usage.get(key.key_id, 0)} identities")
            return
        if options["prune"]:
            self._prune(keyring, usage)
            return
        if not options["reencrypt_only"]:
            if not keyring.from_file:
                raise CommandError(
                    "Keys come from COMPLAINTS_IDENTITY_KEYS: put a new key first there "
                    "(--print-new-key), restart, then run --reencrypt-only."
                )
            path = key_file_path()
            write_key_file(path, [new_key_text()] + [_line(k.secret) for k in keyring.keys])
            keyring = load_keyring()
            self.stdout.write(f"New key {keyring.current.key_id} is first in {path}.")
        count = reseal_identities(keyring=keyring)
        record(
            actor=None,
            action="complaint.identity_keys_rotated",
            data={"key": keyring.current.key_id, "resealed": count},
        )
        self.stdout.write(f"Re-encrypted {count} identities with key {keyring.current.key_id}.")
        self.stdout.write(
            "Old keys are kept; remove them with --prune once backups have rolled over."
        )

    def _prune(self, keyring: Any, usage: Any) -> None:
        if not keyring.from_file:
            raise CommandError("Keys come from the environment: remove unused ones there.")
        keep = [k for i, k in enumerate(keyring.keys) if i == 0 or usage.get(k.key_id, 0)]
        dropped = [k.key_id for k in keyring.keys if k not in keep]
        write_key_file(key_file_path(), [_line(k.secret) for k in keep])
        record(actor=None, action="complaint.identity_keys_pruned", data={"dropped": dropped})
        self.stdout.write(f"Dropped {len(dropped)} unused key(s): {', '.join(dropped) or '-'}.")
