"""Sealing a reporter's identity: AES-256-GCM, keys outside the database.

Keys come from `COMPLAINTS_IDENTITY_KEYS` (a setting or an environment variable: base64 keys
separated by commas or white space, the first one encrypts) or else from the key file named by
`COMPLAINTS_IDENTITY_KEY_FILE` (one key per line, first one encrypts, `#` comments), by default
`var/complaint-identity.keys`. The file is re-read when it changes, so a rotation reaches
running servers without a restart. In development (DEBUG) a missing default file is created.

A sealed value is `v1.<key id>.<base64(nonce ‖ ciphertext ‖ tag)>`; the complaint's primary
key is bound as associated data, so a sealed identity cannot be moved to another complaint.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.debug import sensitive_variables

logger = logging.getLogger(__name__)

KEYS_SETTING = "COMPLAINTS_IDENTITY_KEYS"
KEY_FILE_SETTING = "COMPLAINTS_IDENTITY_KEY_FILE"
FORMAT_VERSION = "v1"
KEY_BYTES = 32
NONCE_BYTES = 12


class IdentityKeyError(ImproperlyConfigured):
    """No usable key, or a malformed one."""


class SealBroken(ValueError):
    """A sealed identity could not be opened: wrong key, tampered, or moved."""


@dataclass(frozen=True)
class Identity:
    """A reporter's identity in clear. Its repr never shows the values."""

    name: str = field(default="", repr=False)
    phone: str = field(default="", repr=False)
    email: str = field(default="", repr=False)
    citizen_id: str = field(default="", repr=False)

    def __repr__(self) -> str:
        return "Identity(<redacted>)"

    __str__ = __repr__

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.phone or self.email or self.citizen_id)


@dataclass(frozen=True)
class IdentityKey:
    key_id: str
    secret: bytes = field(repr=False)


@dataclass(frozen=True)
class Keyring:
    """The keys in order; the first encrypts, all of them decrypt."""

    keys: tuple[IdentityKey, ...]
    source: str  # "setting", "environment" or the key file's path

    @property
    def current(self) -> IdentityKey:
        return self.keys[0]

    def get(self, key_id: str) -> IdentityKey:
        for key in self.keys:
            if key.key_id == key_id:
                return key
        raise SealBroken(f"No identity key with id {key_id}")

    @property
    def from_file(self) -> bool:
        return self.source not in ("setting", "environment")


def key_id_for(secret: bytes) -> str:
    return hashlib.sha256(secret).hexdigest()[:8]


def new_key_text() -> str:
    """A fresh random key, as a line for the key file or the environment."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def _parse_key(text: str) -> IdentityKey:
    try:
        secret = base64.urlsafe_b64decode(text.strip().encode())
    except (ValueError, TypeError) as error:
        raise IdentityKeyError("An identity key is not valid base64.") from error
    if len(secret) != KEY_BYTES:
        raise IdentityKeyError(f"An identity key must be {KEY_BYTES} bytes, not {len(secret)}.")
    return IdentityKey(key_id=key_id_for(secret), secret=secret)


def parse_keys(text: str) -> tuple[IdentityKey, ...]:
    """Keys from the text of a key file or variable: one per line or comma; `#` starts a comment."""
    keys: list[IdentityKey] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        for item in line.replace(",", " ").split():
            keys.append(_parse_key(item))
    return tuple(keys)


def key_file_path() -> Path:
    configured = getattr(settings, KEY_FILE_SETTING, None) or os.environ.get(KEY_FILE_SETTING)
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR) / "var" / "complaint-identity.keys"


def _configured_key_text() -> tuple[str, str] | None:
    value = getattr(settings, KEYS_SETTING, None)
    if value:
        return str(value), "setting"
    value = os.environ.get(KEYS_SETTING)
    if value:
        return value, "environment"
    return None


_file_cache: dict[tuple[str, int, int], tuple[IdentityKey, ...]] = {}


def _read_key_file(path: Path) -> tuple[IdentityKey, ...]:
    stat = path.stat()
    cache_key = (str(path), stat.st_mtime_ns, stat.st_size)
    cached = _file_cache.get(cache_key)
    if cached is None:
        cached = parse_keys(path.read_text(encoding="utf-8"))
        _file_cache.clear()
        _file_cache[cache_key] = cached
    return cached


def write_key_file(path: Path, keys: list[str]) -> None:
    """Write keys (first one encrypts) atomically, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# TĐC: keys that seal reporters' identities. The first line encrypts; keep the others\n"
        "# until `manage.py rotateidentitykeys --prune` says no identity uses them.\n"
        "# Never commit this file. Back it up apart from the database.\n"
    )
    temporary = path.with_suffix(path.suffix + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(header + "\n".join(keys) + "\n")
    os.replace(temporary, path)


def ensure_development_key_file() -> Path | None:
    """Create the default key file with one new key when no key is configured at all.

    For development and the demo only: production sets the keys itself. Returns the path when
    a file was created.
    """
    if _configured_key_text() is not None:
        return None
    path = key_file_path()
    if path.exists():
        return None
    write_key_file(path, [new_key_text()])
    logger.warning("Created a development identity key file at %s", path)
    return path


def load_keyring() -> Keyring:
    configured = _configured_key_text()
    if configured is not None:
        text, source = configured
        keys = parse_keys(text)
    else:
        path = key_file_path()
        if not path.exists() and settings.DEBUG:
            ensure_development_key_file()
        if not path.exists():
            raise IdentityKeyError(
                f"No key to seal reporters' identities: set {KEYS_SETTING} or create "
                f"{path} with `manage.py rotateidentitykeys --init`."
            )
        keys = _read_key_file(path)
        source = str(path)
    if not keys:
        raise IdentityKeyError("The identity keyring is empty.")
    return Keyring(keys=keys, source=source)


def _associated_data(complaint_id: int) -> bytes:
    return f"tdc.complaints.identity:{complaint_id}".encode()


@sensitive_variables()
def seal_bytes(plaintext: bytes, *, associated_data: bytes, keyring: Keyring | None = None) -> str:
    ring = keyring or load_keyring()
    key = ring.current
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = AESGCM(key.secret).encrypt(nonce, plaintext, associated_data)
    body = base64.urlsafe_b64encode(nonce + ciphertext).decode()
    return f"{FORMAT_VERSION}.{key.key_id}.{body}"


@sensitive_variables()
def unseal_bytes(sealed: str, *, associated_data: bytes, keyring: Keyring | None = None) -> bytes:
    ring = keyring or load_keyring()
    key = ring.get(key_id_of(sealed))
    try:
        raw = base64.urlsafe_b64decode(sealed.split(".")[2].encode())
        return AESGCM(key.secret).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], associated_data)
    except (InvalidTag, ValueError) as error:
        raise SealBroken("The sealed value failed authentication.") from error


def _session_keyring() -> Keyring:
    """A key of its own, derived from SECRET_KEY, for values parked briefly in a session.

    Independent of the identity keys, so that an anonymous report's receipt can always be shown.
    """
    secret = hashlib.sha256(b"tdc.complaints.session-seal:" + settings.SECRET_KEY.encode()).digest()
    return Keyring(keys=(IdentityKey(key_id="session", secret=secret),), source="setting")


def seal_for_session(plaintext: bytes, *, purpose: bytes) -> str:
    return seal_bytes(plaintext, associated_data=purpose, keyring=_session_keyring())


def unseal_from_session(sealed: str, *, purpose: bytes) -> bytes:
    return unseal_bytes(sealed, associated_data=purpose, keyring=_session_keyring())


@sensitive_variables()
def seal(identity: Identity, *, complaint_id: int, keyring: Keyring | None = None) -> str:
    """Encrypt an identity for one complaint with the current key."""
    plaintext = json.dumps(
        {
            "name": identity.name,
            "phone": identity.phone,
            "email": identity.email,
            "citizen_id": identity.citizen_id,
        },
        ensure_ascii=False,
    ).encode()
    return seal_bytes(plaintext, associated_data=_associated_data(complaint_id), keyring=keyring)


def key_id_of(sealed: str) -> str:
    parts = sealed.split(".")
    if len(parts) != 3 or parts[0] != FORMAT_VERSION:
        raise SealBroken("Not a sealed identity.")
    return parts[1]


@sensitive_variables()
def unseal(sealed: str, *, complaint_id: int, keyring: Keyring | None = None) -> Identity:
    """Decrypt and authenticate; SealBroken if the key is unknown or the data was altered."""
    plaintext = unseal_bytes(
        sealed, associated_data=_associated_data(complaint_id), keyring=keyring
    )
    values = json.loads(plaintext)
    return Identity(
        name=values.get("name", ""),
        phone=values.get("phone", ""),
        email=values.get("email", ""),
        citizen_id=values.get("citizen_id", ""),
    )
