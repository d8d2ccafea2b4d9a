"""Where a webhook may be sent: never to the platform itself or its neighbours (SSRF).

A subscriber's URL is checked when it is saved and again at every delivery, on the addresses
its host name resolves to at that moment; the connection is then made to the very address
that was checked (`resolve_target`), so a name that re-resolves between the check and the
connection (DNS rebinding) cannot reach anything else. Refused at all times: loopback (unless
`EXCHANGE_ALLOW_LOOPBACK`, for the load bench and tests), link-local (the cloud metadata
service at 169.254.169.254), multicast, unspecified and reserved ranges. Private ranges (the
province's intranet, 10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10) only when the
administrator ticked "intranet" on that subscription. Redirects are never followed.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: private in practice


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str  # the checked IP the connection goes to


def address_refusal(address: IPAddress, *, allow_intranet: bool) -> str | None:
    """Why the platform must not connect to `address`, or None when it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        if getattr(settings, "EXCHANGE_ALLOW_LOOPBACK", False):
            return None
        return _("Không được gửi tới chính máy chủ (địa chỉ loopback).")
    if (
        address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
    ):
        return _("Địa chỉ này không được phép nhận sự kiện.")
    private = address.is_private or (
        isinstance(address, ipaddress.IPv4Address) and address in _SHARED
    )
    if private:
        if allow_intranet:
            return None
        return _("Địa chỉ thuộc mạng nội bộ: cần quản trị viên cho phép mạng nội bộ.")
    if not address.is_global:
        return _("Địa chỉ này không được phép nhận sự kiện.")
    return None


def _split(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Địa chỉ nhận phải bắt đầu bằng https:// (hoặc http://)."))
    if parts.username or parts.password:
        raise ValidationError(_("Địa chỉ nhận không được chứa tên đăng nhập hay mật khẩu."))
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise ValidationError(_("Cổng của địa chỉ nhận không hợp lệ.")) from None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, parts.hostname, port, path


def resolve_target(url: str, *, allow_intranet: bool) -> Target:
    """Check `url` and every address its host resolves to; the first one to connect to.

    Raises ValidationError with the reason in Vietnamese."""
    scheme, host, port, path = _split(url)
    if scheme == "http" and not allow_intranet:
        raise ValidationError(_("Địa chỉ nhận trên Internet phải dùng https://."))
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ValidationError(_("Không tìm thấy máy chủ %(host)s.") % {"host": host}) from None
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        refusal = address_refusal(address, allow_intranet=allow_intranet)
        if refusal:
            # One refused address refuses the name: it could be the one used next time.
            raise ValidationError(refusal)
        addresses.append(str(address))
    if not addresses:
        raise ValidationError(_("Không tìm thấy máy chủ %(host)s.") % {"host": host})
    return Target(scheme=scheme, host=host, port=port, path=path, address=addresses[0])
