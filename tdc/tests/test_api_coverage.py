"""Every model of TĐC is either reachable through /api/v1/ (the operations named here must
exist in the OpenAPI document), internal (never edited on a page, or never to leave the
platform), or a known gap written down with its reason. A new model in neither list fails
this test: whoever adds a page that edits it also adds its API route, or says why not here.
"""

from __future__ import annotations

from django.apps import apps

from tdc.api import api

# model: the API operations ("METHOD /path") that read and write it.
COVERED: dict[str, list[str]] = {
    "accounts.Organisation": ["GET /api/v1/organisations/", "PATCH /api/v1/organisations/{pk}"],
    "plans.Plan": ["GET /api/v1/plans/", "GET /api/v1/plans/{pk}"],
    "plans.Task": ["GET /api/v1/plans/my-tasks/"],
    "plans.ProgressReport": [
        "GET /api/v1/plans/reports/",
        "PUT /api/v1/plans/reports/{pk}",
        "POST /api/v1/plans/reports/{pk}/submit",
        "POST /api/v1/plans/reports/{pk}/approve",
        "POST /api/v1/plans/reports/{pk}/send-back",
        "POST /api/v1/plans/reports/{pk}/accept",
        "POST /api/v1/plans/reports/{pk}/return",
        "POST /api/v1/plans/reports/{pk}/reopen",
    ],
    "plans.ReportingPeriod": ["GET /api/v1/plans/periods/{pk}/completeness"],
    "plans.Indicator": ["GET /api/v1/plans/indicators/", "GET /api/v1/plans/indicators/{pk}"],
    "plans.IndicatorValue": ["POST /api/v1/plans/indicators/{pk}/values"],
    "plans.Notification": ["GET /api/v1/plans/notifications/"],
    # Targets are imported with the plan and followed as indicators (written there).
    "plans.Target": ["GET /api/v1/plans/{pk}/targets", "GET /api/v1/plans/{pk}"],
    "plans.PlanImportDraft": [
        "GET /api/v1/plans/imports/",
        "POST /api/v1/plans/imports/",
        "GET /api/v1/plans/imports/{pk}",
        "POST /api/v1/plans/imports/{pk}/confirm",
        "POST /api/v1/plans/imports/{pk}/discard",
    ],
    "plans.Assignment": [
        "GET /api/v1/plans/{pk}/assignments",
        "POST /api/v1/plans/{pk}/tasks",
        "PATCH /api/v1/plans/tasks/{pk}",
        "POST /api/v1/plans/tasks/{pk}/reassign",
        "POST /api/v1/plans/tasks/{pk}/split",
    ],
    "plans.Evidence": [
        "GET /api/v1/plans/reports/{pk}/evidence",
        "POST /api/v1/plans/reports/{pk}/evidence",
        "GET /api/v1/plans/reports/{pk}/evidence/{evidence_pk}",
        "DELETE /api/v1/plans/reports/{pk}/evidence/{evidence_pk}",
    ],
    "plans.ExplanationRequest": [
        "GET /api/v1/plans/explanations/",
        "GET /api/v1/plans/explanations/{pk}",
        "POST /api/v1/plans/explanations/{pk}/answer",
        "POST /api/v1/plans/periods/{pk}/explanations",
    ],
    "plans.Synthesis": [
        "GET /api/v1/plans/syntheses/",
        "GET /api/v1/plans/syntheses/{pk}",
        "POST /api/v1/plans/periods/{pk}/synthesis",
        "PATCH /api/v1/plans/syntheses/{pk}",
        "POST /api/v1/plans/syntheses/{pk}/refresh",
        "POST /api/v1/plans/syntheses/{pk}/finalise",
        "GET /api/v1/plans/syntheses/{pk}/docx",
        "GET /api/v1/plans/syntheses/{pk}/xlsx",
    ],
    "complaints.Complaint": [
        "GET /api/v1/complaints/",
        "GET /api/v1/complaints/{pk}",
        "POST /api/v1/complaints/{pk}/status",
        "POST /api/v1/complaints/{pk}/assign",
    ],
    "complaints.Message": [
        "GET /api/v1/complaints/{pk}/messages",
        "POST /api/v1/complaints/{pk}/messages",
    ],
    # Files arrive with the complaint (public form, or recorded by staff on the page).
    "complaints.Attachment": [
        "GET /api/v1/complaints/{pk}/attachments",
        "GET /api/v1/complaints/{pk}/attachments/{attachment_pk}",
    ],
    "complaints.RoutingRule": [
        "GET /api/v1/complaints/routing-rules/",
        "POST /api/v1/complaints/routing-rules/",
        "PUT /api/v1/complaints/routing-rules/{pk}",
        "DELETE /api/v1/complaints/routing-rules/{pk}",
    ],
    "complaints.Transfer": [
        "GET /api/v1/complaints/{pk}/transfers",
        "POST /api/v1/complaints/{pk}/transfer",
    ],
    "metrology.InstrumentType": ["GET /api/v1/metrology/types"],
    "standards.Standard": ["GET /api/v1/standards/", "GET /api/v1/standards/{pk}"],
    "standards.Notification": ["GET /api/v1/standards/notifications"],
    "standards.Subscription": [
        "GET /api/v1/standards/subscriptions",
        "POST /api/v1/standards/subscriptions",
        "PUT /api/v1/standards/subscriptions/{pk}",
        "POST /api/v1/standards/subscriptions/{pk}/stop",
    ],
    "standards.Enquiry": [
        "GET /api/v1/standards/enquiries",
        "POST /api/v1/standards/enquiries",
        "POST /api/v1/standards/enquiries/{pk}/answer",
    ],
    "standards.CatalogueImport": [
        "GET /api/v1/standards/imports",
        "POST /api/v1/standards/imports",
        "GET /api/v1/standards/imports/{pk}",
        "GET /api/v1/standards/imports/{pk}/rejected",
        "POST /api/v1/standards/imports/{pk}/apply",
        "POST /api/v1/standards/imports/{pk}/discard",
    ],
    "standards.Project": [
        "GET /api/v1/standards/projects",
        "POST /api/v1/standards/projects",
        "GET /api/v1/standards/projects/{pk}",
        "PATCH /api/v1/standards/projects/{pk}",
    ],
    "standards.ProjectStep": [
        "GET /api/v1/standards/projects/{pk}/steps",
        "POST /api/v1/standards/projects/{pk}/steps",
    ],
    "standards.ProjectDocument": [
        "GET /api/v1/standards/projects/{pk}/documents",
        "POST /api/v1/standards/projects/{pk}/documents",
        "GET /api/v1/standards/projects/{pk}/documents/{document_pk}",
    ],
    "standards.ProjectComment": [
        "GET /api/v1/standards/projects/{pk}/comments",
        "POST /api/v1/standards/projects/{pk}/comments",
    ],
    "conformity.DeclarationDocument": [
        "GET /api/v1/conformity/declarations/{pk}/documents",
        "POST /api/v1/conformity/declarations/{pk}/documents",
        "GET /api/v1/conformity/declarations/{pk}/documents/{document_pk}",
        "DELETE /api/v1/conformity/declarations/{pk}/documents/{document_pk}",
    ],
    "conformity.Declaration": [
        "GET /api/v1/conformity/register",
        "GET /api/v1/conformity/declarations",
        "GET /api/v1/conformity/declarations/{pk}",
        "POST /api/v1/conformity/declarations",
        "PUT /api/v1/conformity/declarations/{pk}",
        "POST /api/v1/conformity/declarations/{pk}/submit",
        "POST /api/v1/conformity/declarations/{pk}/accept",
        "POST /api/v1/conformity/declarations/{pk}/return",
    ],
    "metrology.Instrument": [
        "GET /api/v1/metrology/instruments",
        "GET /api/v1/metrology/instruments/feed",
        "POST /api/v1/metrology/instruments",
        "GET /api/v1/metrology/instruments/{pk}",
        "PATCH /api/v1/metrology/instruments/{pk}",
    ],
    "metrology.Verification": [
        "GET /api/v1/metrology/verifications",
        "GET /api/v1/metrology/instruments/{pk}/verifications",
        "POST /api/v1/metrology/instruments/{pk}/verifications",
    ],
    "traceability.Event": ["POST /epcis/capture", "GET /epcis/events"],
    "traceability.Capture": ["GET /epcis/capture/{captureID}"],
    "traceability.NamedQuery": [
        "GET /epcis/queries",
        "POST /epcis/queries",
        "DELETE /epcis/queries/{queryName}",
    ],
    "traceability.Product": [
        "GET /api/v1/traceability/products",
        "GET /api/v1/traceability/products/{pk}",
        "POST /api/v1/traceability/products",
        "PATCH /api/v1/traceability/products/{pk}",
        "POST /api/v1/traceability/products/{pk}/image",
    ],
    "traceability.Place": [
        "GET /api/v1/traceability/places",
        "GET /api/v1/traceability/places/{pk}",
        "POST /api/v1/traceability/places",
    ],
    # Lots are created by a step (harvest) or an import, as on the pages.
    "traceability.Lot": [
        "GET /api/v1/traceability/lots",
        "GET /api/v1/traceability/lots/{pk}",
        "POST /api/v1/traceability/steps",
        "POST /api/v1/traceability/lot-imports",
    ],
    "traceability.LotImport": [
        "GET /api/v1/traceability/lot-imports",
        "POST /api/v1/traceability/lot-imports",
        "GET /api/v1/traceability/lot-imports/{pk}",
        "GET /api/v1/traceability/lot-imports/{pk}/errors",
    ],
    "surveillance.Product": [
        "GET /api/v1/surveillance/products",
        "GET /api/v1/surveillance/products/{pk}",
        "POST /api/v1/surveillance/products",
    ],
    "surveillance.Establishment": [
        "GET /api/v1/surveillance/establishments",
        "GET /api/v1/surveillance/establishments/{pk}",
        "POST /api/v1/surveillance/establishments",
        "PATCH /api/v1/surveillance/establishments/{pk}",
        "GET /api/v1/surveillance/testing-bodies",
        "POST /api/v1/surveillance/testing-bodies",
        "PUT /api/v1/surveillance/testing-bodies/{pk}",
    ],
    "surveillance.SurveyProgramme": [
        "GET /api/v1/surveillance/programmes",
        "POST /api/v1/surveillance/programmes",
    ],
    "surveillance.Sample": [
        "GET /api/v1/surveillance/samples",
        "GET /api/v1/surveillance/samples/{pk}",
        "POST /api/v1/surveillance/programmes/{pk}/samples",
    ],
    "surveillance.TestResult": ["POST /api/v1/surveillance/samples/{pk}/results"],
    "surveillance.ConsumerWarning": [
        "GET /api/v1/surveillance/warnings",
        "GET /api/v1/surveillance/warnings/by-gtin/{gtin}",
        "GET /api/v1/surveillance/managed-warnings",
        "POST /api/v1/surveillance/samples/{pk}/warning",
        "POST /api/v1/surveillance/managed-warnings/{pk}/approve",
        "POST /api/v1/surveillance/managed-warnings/{pk}/publish",
        "POST /api/v1/surveillance/managed-warnings/{pk}/withdraw",
    ],
    "surveillance.Inspection": [
        "GET /api/v1/surveillance/inspections",
        "GET /api/v1/surveillance/inspections/{pk}",
        "POST /api/v1/surveillance/inspections",
        "POST /api/v1/surveillance/inspections/{pk}/result",
    ],
    "surveillance.Violation": ["POST /api/v1/surveillance/inspections/{pk}/violations"],
    "surveillance.RiskAssessment": [
        "GET /api/v1/surveillance/assessments",
        "GET /api/v1/surveillance/assessments/{pk}",
        "POST /api/v1/surveillance/samples/{pk}/assessments",
        "POST /api/v1/surveillance/assessments/{pk}/rerun",
        "POST /api/v1/surveillance/assessments/{pk}/warning",
    ],
    "surveillance.InspectionPlan": [
        "GET /api/v1/surveillance/inspection-plans",
        "GET /api/v1/surveillance/inspection-plans/{pk}",
        "POST /api/v1/surveillance/inspection-plans",
        "POST /api/v1/surveillance/inspection-plans/{pk}/review",
        "POST /api/v1/surveillance/inspection-plans/{pk}/approve",
        "GET /api/v1/surveillance/inspection-plans/{pk}/docx",
        "GET /api/v1/surveillance/inspection-plans/{pk}/xlsx",
    ],
    "surveillance.PlanItem": [
        "GET /api/v1/surveillance/inspection-plans/{pk}/items",
        "GET /api/v1/surveillance/inspection-plans/{pk}/items/{item_pk}",
        "POST /api/v1/surveillance/inspection-plans/{pk}/items",
        "POST /api/v1/surveillance/inspection-plans/{pk}/items/{item_pk}/remove",
    ],
    "metrology.ImportJob": [
        "GET /api/v1/metrology/imports",
        "POST /api/v1/metrology/imports",
        "GET /api/v1/metrology/imports/{pk}",
        "POST /api/v1/metrology/imports/{pk}/resume",
        "GET /api/v1/metrology/imports/{pk}/rejected",
    ],
    "opendata.PublishedDataset": [
        "GET /api/v1/opendata/datasets",
        "GET /api/v1/opendata/datasets/{key}",
        "GET /api/v1/opendata/datasets/{key}/rows",
        "POST /api/v1/opendata/regenerate",
    ],
    # capacity
    "capacity.Course": [
        "GET /api/v1/capacity/courses",
        "POST /api/v1/capacity/courses",
        "GET /api/v1/capacity/courses/{pk}",
    ],
    "capacity.Session": [
        "POST /api/v1/capacity/courses/{pk}/sessions",
        "GET /api/v1/capacity/courses/{pk}",
    ],
    "capacity.Participant": [
        "GET /api/v1/capacity/courses/{pk}/participants",
        "POST /api/v1/capacity/courses/{pk}/participants",
        "DELETE /api/v1/capacity/participants/{pk}",
    ],
    "capacity.AttendanceImport": [
        "GET /api/v1/capacity/courses/{pk}/attendance-imports",
        "POST /api/v1/capacity/courses/{pk}/attendance-imports",
        "GET /api/v1/capacity/attendance-imports/{pk}",
        "GET /api/v1/capacity/attendance-imports/{pk}/errors",
    ],
    "capacity.Official": [
        "GET /api/v1/capacity/officials",
        "POST /api/v1/capacity/officials",
        "GET /api/v1/capacity/officials/inspectors",
    ],
    "capacity.Event": [
        "GET /api/v1/capacity/events",
        "POST /api/v1/capacity/events",
        "GET /api/v1/capacity/events/{pk}",
        "PATCH /api/v1/capacity/events/{pk}",
    ],
    "capacity.EventAttendance": [
        "PUT /api/v1/capacity/events/{pk}/attendance",
        "GET /api/v1/capacity/events/{pk}",
    ],
    "capacity.EventReportLink": [
        "POST /api/v1/capacity/events/{pk}/report-links",
        "DELETE /api/v1/capacity/report-links/{pk}",
        "GET /api/v1/capacity/events/{pk}",
    ],
    "capacity.Equipment": [
        "GET /api/v1/capacity/equipment",
        "POST /api/v1/capacity/equipment",
        "GET /api/v1/capacity/equipment/{pk}",
    ],
    "capacity.MeasurementStandard": [
        "GET /api/v1/capacity/measurement-standards",
        "POST /api/v1/capacity/measurement-standards",
        "GET /api/v1/capacity/measurement-standards/{pk}",
    ],
    "capacity.Award": [
        "GET /api/v1/capacity/awards",
        "POST /api/v1/capacity/awards",
        "GET /api/v1/capacity/awards/{pk}",
    ],
    "capacity.Programme": [
        "GET /api/v1/capacity/programmes",
        "POST /api/v1/capacity/programmes",
        "GET /api/v1/capacity/programmes/{pk}",
    ],
    "capacity.SupportApplication": [
        "POST /api/v1/capacity/programmes/{pk}/applications",
        "POST /api/v1/capacity/applications/{pk}/decision",
        "GET /api/v1/capacity/programmes/{pk}",
    ],
    "capacity.AgencyQuality": [
        "GET /api/v1/capacity/quality",
        "GET /api/v1/capacity/quality/{organisation_pk}",
        "PUT /api/v1/capacity/quality/{organisation_pk}",
    ],
    "capacity.QualityAudit": [
        "POST /api/v1/capacity/quality/{organisation_pk}/audits",
        "GET /api/v1/capacity/quality/{organisation_pk}",
    ],
}

# Never edited on a page, or never to leave the platform through the API.
INTERNAL: dict[str, str] = {
    "core.AuditEvent": "append-only log, read on the audit page only",
    "core.Holiday": "reference calendar kept by the administrator",
    "core.ChangeToken": "cache change tokens (product notices), never data anyone reads",
    "accounts.Province": "reference data (administrative units)",
    "accounts.Commune": "reference data (administrative units)",
    "accounts.User": "accounts are managed by the administrator, not by client systems",
    "accounts.RoleGrant": "accounts are managed by the administrator",
    "accounts.ApiToken": "a person's tokens, issued on their own page",
    "plans.TaskGroup": "part of the imported plan document (read within the plan)",
    "plans.TaskUnit": "part of the imported plan document",
    "plans.Duty": "part of the imported plan document",
    "plans.ReportingDeadline": "part of the imported plan document",
    "plans.ReportVersion": "history kept by the report's services",
    "plans.ReportEvent": "history kept by the report's services",
    "plans.ReminderLog": "bookkeeping of the reminder job",
    "complaints.Reporter": "a reporter's identity: never through the API",
    "complaints.Receipt": "the reporter's receipt: never through the API",
    "complaints.IdentityDisclosureRequest": "the custodian's decision: never through the API",
    "complaints.ReminderLog": "bookkeeping of the reminder job",
    "complaints.Throttle": "bookkeeping of the public form's throttle",
    "metrology.InstrumentTypeVersion": "history of a type's rule (read within the type)",
    "metrology.TypeListRelease": "a published release of the type list (read within the types)",
    "metrology.InstrumentTally": "roll-up kept by the register's services",
    "metrology.DueMonthTally": "roll-up kept by the register's services",
    "metrology.DueDayTally": "roll-up kept by the register's services",
    "metrology.ImportRejection": "an import's error file (downloaded on the import page)",
    "standards.StandardChange": "a standard's history (shown on its page)",
    "standards.Digest": "the daily digests written by the job (read on the alerts page)",
    "conformity.DeclarationWarning": "warnings e-mailed by the daily job (shown on the page)",
    "conformity.ReceiptCounter": "the year's last receipt number, kept by the services",
    "exchange.ApiClient": "system credentials: issued by the administrator on a page only",
    "exchange.Subscription": "webhook secrets: managed by the administrator on a page only",
    "exchange.Delivery": "delivery log, read on the subscription page",
    # traceability
    "traceability.EventEpc": "the identifiers of an event, indexed by capture (queried via /epcis/)",
    "traceability.PageScan": "daily scan counters of the public resolver pages",
    "surveillance.ProductCategory": "reference data loaded from the app's categories.json",
    "surveillance.Criterion": "reference data (TCVN/QCVN criteria) loaded with the categories",
}

# Edited on a page, not yet in the API: each is work to do, not a rule.
KNOWN_GAPS: dict[str, str] = {}

# The modules being built while this was written add their routers to tdc/api.py; until they
# do, their models are listed here by app label. Remove an app from this set once its models
# are in COVERED/INTERNAL/KNOWN_GAPS.
APPS_IN_PROGRESS: dict[str, str] = {}


def _operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }


def test_every_model_is_covered_internal_or_a_known_gap():
    models = {
        m._meta.label
        for m in apps.get_models()
        if m.__module__.startswith("tdc.") and m._meta.app_label not in APPS_IN_PROGRESS
    }
    listed = set(COVERED) | set(INTERNAL) | set(KNOWN_GAPS)
    assert sorted(models - listed) == [], "a model with no API route and no reason: list it"
    assert sorted(listed - models) == [], "a listed model that no longer exists"
    assert not set(COVERED) & set(KNOWN_GAPS)


def test_every_covered_operation_exists():
    operations = _operations()
    missing = [op for ops in COVERED.values() for op in ops if op not in operations]
    assert missing == []


def _schema_classes(base: type) -> list[type]:
    found: list[type] = []
    for sub in base.__subclasses__():
        found.append(sub)
        found.extend(_schema_classes(sub))
    return found


def test_every_schema_in_the_openapi_document_has_one_class():
    """Two schemas with one name share one OpenAPI component: a client then validates one
    module's answers against another module's schema (plans' and standards' notifications)."""
    from ninja import Schema

    components = set(api.get_openapi_schema()["components"]["schemas"])
    by_name: dict[str, set[str]] = {}
    for cls in _schema_classes(Schema):
        if cls.__module__.startswith("tdc.") and cls.__name__ in components:
            by_name.setdefault(cls.__name__, set()).add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}


def _enums_in(annotation: object) -> set[type]:
    import enum
    import typing

    from pydantic import WithJsonSchema

    found: set[type] = set()
    if typing.get_origin(annotation) is typing.Annotated and any(
        isinstance(extra, WithJsonSchema) for extra in annotation.__metadata__
    ):
        return found  # written out in place (`tdc.core.inline_enums.inline_enum`)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        found.add(annotation)
    for argument in typing.get_args(annotation):
        found |= _enums_in(argument)
    return found


def test_every_enum_in_the_openapi_document_has_one_class():
    """django-ninja names an enum's component by its class name only, like a schema's: two
    `Status` enums would share one component (surveillance's plan status and metrology's)."""
    from ninja import Schema

    components = set(api.get_openapi_schema()["components"]["schemas"])
    by_name: dict[str, set[str]] = {}
    for cls in _schema_classes(Schema):
        if not cls.__module__.startswith("tdc."):
            continue
        for field in cls.model_fields.values():
            if any(type(extra).__name__ == "WithJsonSchema" for extra in field.metadata):
                continue
            for kind in _enums_in(field.annotation):
                if kind.__name__ in components:
                    by_name.setdefault(kind.__name__, set()).add(
                        f"{kind.__module__}.{kind.__qualname__}"
                    )
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}
