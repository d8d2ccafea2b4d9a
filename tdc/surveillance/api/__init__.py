"""Market surveillance over JSON (/api/v1/surveillance/…): published warnings (search, by
barcode), and what users read and change on the pages — products, establishments, testing
bodies, survey programmes, samples and results, risk assessments, warnings (draft, approve,
publish, withdraw), the yearly inspection plan and its items, inspections and violations —
with the same doors (`access.py`), capabilities and services as the pages.

`tdc.api` mounts `router`. Each operation keeps the id it had when the API was one module
(`tdc_surveillance_api_<function>`), so clients generated from the document keep working.
"""

from ninja import Router

from tdc.surveillance.api.catalogue import router as catalogue_router
from tdc.surveillance.api.inspections import router as inspections_router
from tdc.surveillance.api.planning import router as planning_router
from tdc.surveillance.api.risk import router as risk_router
from tdc.surveillance.api.surveys import router as surveys_router
from tdc.surveillance.api.warnings import router as warnings_router

router = Router()  # the parts carry the "surveillance" tag
for _part in (
    warnings_router,
    catalogue_router,
    surveys_router,
    risk_router,
    planning_router,
    inspections_router,
):
    for _view in _part.path_operations.values():
        for _operation in _view.operations:
            _operation.operation_id = _operation.operation_id or (
                f"tdc_surveillance_api_{_operation.view_func.__name__}"
            )
    router.add_router("", _part)

__all__ = ["router"]
