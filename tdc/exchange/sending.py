"""One signed POST to a subscriber, to the address that was checked, never following redirects.

The signature is the receiver's proof that the platform sent the body, now:

    X-TDC-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>

A receiver recomputes the HMAC over the raw body with its secret, compares in constant time,
and refuses a `t` more than five minutes old (replayed captures). `X-TDC-Delivery` is the
event's id: the same event delivered twice (a retry, a replay) carries the same id.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import socket
import ssl
from dataclasses import dataclass

from tdc.exchange.addresses import Target

TIMEOUT_SECONDS = 10
KEEP_RESPONSE_CHARS = 2000


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify_signature(secret: str, header: str, body: bytes) -> bool:
    """What a receiver does (the tests and the documentation's example use it)."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        expected = signature(secret, int(fields["t"]), body)
    except (KeyError, ValueError):
        return False
    return hmac.compare_digest(expected, header)


@dataclass(frozen=True)
class Outcome:
    status: int | None
    body: str
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target) -> None:
        super().__init__(target.host, target.port, timeout=TIMEOUT_SECONDS)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target) -> None:
        super().__init__(
            target.host, target.port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
        self._address = target.address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        # The certificate is checked against the host name, not the pinned address.
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def post(target: Target, body: bytes, headers: dict[str, str]) -> Outcome:
    connection: http.client.HTTPConnection = (
        _PinnedHTTPSConnection(target)
        if target.scheme == "https"
        else _PinnedHTTPConnection(target)
    )
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read(KEEP_RESPONSE_CHARS * 2).decode("utf-8", "replace")
        return Outcome(status=response.status, body=text[:KEEP_RESPONSE_CHARS])
    except (OSError, http.client.HTTPException) as failure:
        return Outcome(status=None, body="", error=f"{type(failure).__name__}: {failure}"[:300])
    finally:
        connection.close()
