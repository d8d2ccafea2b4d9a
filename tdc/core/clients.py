"""Who is on the other end of a request: the client's address, behind a known number of proxies.

`TRUSTED_PROXY_COUNT` (environment variable, default 0) says how many reverse proxies of our
own stand between the client and the application, each appending the address it received the
request from to `X-Forwarded-For`. With 0 the forwarded headers are ignored: anyone can send
them, so only the connecting peer (`REMOTE_ADDR`) counts. With N, the client is the N-th
address from the right of `X-Forwarded-For`: whatever a client writes into the header itself
lands further left and changes nothing. A request with fewer entries than proxies did not come
through them all and is keyed on its peer.

Every throttle (login lockout through axes' `AXES_CLIENT_IP_CALLABLE`, the complaint
receipt look-up and report submission) and the audit log take the address from here.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from python_ipware import IpWare

FORWARDED_HEADER = "HTTP_X_FORWARDED_FOR"


def _valid_address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address, or None when the server saw none (e.g. a Unix socket)."""
    peer = _valid_address(request.META.get("REMOTE_ADDR") or "")
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return peer
    # Each of our N proxies appended the address it received the request from, so the client
    # is the N-th entry from the right; python-ipware's proxy_count counts the hops after it.
    # This holds when the nearest proxy talks to us over a Unix socket (no peer address) too.
    engine = IpWare(precedence=(FORWARDED_HEADER,), proxy_count=proxies - 1)
    forwarded = str(request.META.get(FORWARDED_HEADER) or "")
    found, _trusted_route = engine.get_client_ip({FORWARDED_HEADER: forwarded})
    if found is None:
        # Fewer entries than proxies: the request did not come through them all.
        return peer
    return str(found)
