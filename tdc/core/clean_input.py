"""Text is cleaned once, where it comes in: query strings, form posts and JSON bodies.

`CleanInputMiddleware` passes every value of `request.GET`, and of `request.POST` for views
that CSRF protects, through `tdc.core.text.clean_text`; `CleanTextParser` does the same for the
API (JSON bodies, query strings, form fields). So no control character, zero-width character or
bidirectional override is ever stored, whatever form or schema the text went through, and text
arrives in NFC. Line breaks and tabs are kept: the form decides whether a field is one line.

Not cleaned, on purpose:

- passwords (any field whose name contains "password"): a password is compared with what was
  set through other channels too (`createsuperuser`, `changepassword`), never shown and never
  exported; changing it silently would lock a person out;
- the POST data of a view exempt from CSRF: such a view may still change its upload handlers,
  which reading the body here would forbid. The API is such a view and cleans through
  `CleanTextParser`; any other exempt view must clean its own input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, QueryDict
from ninja.parser import Parser
from ninja.types import DictStrAny

from tdc.core.text import clean_text

Handler = Callable[[HttpRequest], HttpResponse]
Data = TypeVar("Data", bound=QueryDict)


def is_secret(key: str) -> bool:
    return "password" in key.casefold()


def clean_value(key: str, value: str) -> str:
    return value if is_secret(key) else clean_text(value)


def clean_querydict(data: Data) -> Data:
    """`data` with every value cleaned (and every key); `data` itself when nothing changes."""
    lists = [
        (clean_text(key), [clean_value(key, value) for value in values])
        for key, values in data.lists()
    ]
    if lists == list(data.lists()):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in lists:
        cleaned.setlist(key, values)
    cleaned._mutable = False  # as Django's own request.GET and request.POST
    return cast(Data, cleaned)


def clean_data(data: Any, key: str = "") -> Any:
    """Every string inside parsed JSON cleaned: values, dictionary keys, lists at any depth."""
    if isinstance(data, str):
        return clean_value(key, data)
    if isinstance(data, list):
        return [clean_data(item, key) for item in data]
    if isinstance(data, dict):
        return {
            (clean_text(name) if isinstance(name, str) else name): clean_data(
                value, name if isinstance(name, str) else ""
            )
            for name, value in data.items()
        }
    return data


class CleanInputMiddleware:
    """Clean `request.GET` and (for CSRF-protected views) `request.POST` before the view runs.

    Sits right after `CsrfViewMiddleware`, which has read the POST data of every protected view
    by then, so cleaning it reads nothing new.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.GET = clean_querydict(request.GET)
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        if request.method != "POST" or getattr(view_func, "csrf_exempt", False):
            return
        request.POST = clean_querydict(request.POST)
        for _field, files in request.FILES.lists():
            for uploaded in files:
                if isinstance(uploaded, UploadedFile) and uploaded.name:
                    uploaded.name = clean_text(uploaded.name, keep_newlines=False)


class CleanTextParser(Parser):
    """The API's parser: django-ninja's, with every string cleaned as the pages clean them.

    Install with `NinjaAPI(parser=CleanTextParser())`.
    """

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        cleaned: DictStrAny = clean_data(super().parse_body(request))
        return cleaned

    def parse_querydict(
        self, data: Any, list_fields: list[str], request: HttpRequest
    ) -> DictStrAny:
        parsed = super().parse_querydict(data, list_fields, request)
        return {
            clean_text(key): clean_data(value, key) if _is_text(value) else value
            for key, value in parsed.items()
        }


def _is_text(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(item, str) for item in value)
    )
