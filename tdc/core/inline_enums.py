"""An enum written out where the API uses it, not as a shared OpenAPI component.

django-ninja names an enum's component by its class name alone, so the many `Kind`s and
`Status`es of the models (an award's, an event's, an organisation's …) would share one
component, and a client would check one field against another's values. `inline_enum` gives
the field its own values in place: `kind: Annotated[Award.Kind, inline_enum(Award.Kind)]`.
"""

from __future__ import annotations

import enum

from pydantic import WithJsonSchema


def inline_enum(kind: type[enum.Enum]) -> WithJsonSchema:
    values = [member.value for member in kind]
    json_type = "integer" if all(isinstance(v, int) for v in values) else "string"
    return WithJsonSchema({"type": json_type, "enum": values})
