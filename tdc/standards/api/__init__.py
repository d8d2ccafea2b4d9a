"""The standards API (/api/v1/standards/…), by sub-domain: the catalogue and its imports, TBT
notifications, alerts and enquiries, standards-development projects.

A standard's record (`/{pk}`) comes last: it would otherwise answer for the other paths.
"""

from ninja import Router

from tdc.standards.api.alerts import router as alerts_router
from tdc.standards.api.catalogue import detail_router
from tdc.standards.api.catalogue import router as catalogue_router
from tdc.standards.api.projects import router as projects_router

router = Router(tags=["standards"])
router.add_router("", catalogue_router)
router.add_router("", alerts_router)
router.add_router("", projects_router)
router.add_router("", detail_router)

__all__ = ["router"]
