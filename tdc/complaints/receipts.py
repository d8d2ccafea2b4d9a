"""Receipt codes: 140 random bits in Crockford base32, shown once, stored as SHA-256.

28 characters in seven groups of four (`7KQ2-M9XA-…`). With 2^140 possible codes, guessing is
hopeless even without throttling, so a plain SHA-256 (not a slow password hash) is enough to
keep the database from holding usable codes. Typing is forgiving: case, spaces and hyphens do
not matter, and O/I/L read as 0/1/1.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_LENGTH = 28
GROUP = 4
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalise_code(text: str) -> str:
    """The canonical form of what a citizen typed, or '' when it cannot be a receipt code."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_CONFUSABLE)
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return ""
    return cleaned


def hash_code(text: str) -> str:
    """SHA-256 of the normalised code; '' for something that is not a code."""
    normalised = normalise_code(text)
    if not normalised:
        return ""
    return hashlib.sha256(normalised.encode()).hexdigest()
