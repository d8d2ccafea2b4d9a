"""The plans API (/api/v1/plans/…): one router made of the sub-domains' routers.

`tdc.api` mounts `router`; every endpoint loads through `tdc.plans.access` and writes through
the services, as the pages do.
"""

from ninja import Router

from tdc.plans.api.evidence import router as evidence_router
from tdc.plans.api.explanations import router as explanations_router
from tdc.plans.api.imports import router as imports_router
from tdc.plans.api.indicators import router as indicators_router
from tdc.plans.api.notifications import router as notifications_router
from tdc.plans.api.plans import router as plans_router
from tdc.plans.api.reporting import router as reporting_router
from tdc.plans.api.syntheses import router as syntheses_router
from tdc.plans.api.tasks import router as tasks_router

router = Router(tags=["plans"])
router.add_router("", plans_router)
router.add_router("", reporting_router)
router.add_router("", indicators_router)
router.add_router("", notifications_router)
router.add_router("", tasks_router)
router.add_router("", evidence_router)
router.add_router("", explanations_router)
router.add_router("", syntheses_router)
router.add_router("", imports_router)

__all__ = ["router"]
