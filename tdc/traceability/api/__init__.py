"""Traceability over JSON.

`/api/v1/traceability/…` (the ninja `router`, mounted by `tdc.api`): the business's product
master, places, lots (and the steps that create them) and lot imports, through the pages' door
(`tdc.traceability.access`) and services. `epcis.py`: the EPCIS 2.0 REST interface under
`/epcis/`, plain Django views (imported by `urls.py` only: it needs `tdc.api`'s token check,
and `tdc.api` imports this package).
"""

from ninja import Router

from tdc.traceability.api.lots import router as lots_router
from tdc.traceability.api.master import router as master_router

router = Router(tags=["traceability"])
router.add_router("", master_router)
router.add_router("", lots_router)

__all__ = ["router"]
