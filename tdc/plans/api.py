from ninja import Router

from tdc.plans.api_documents import router as documents_router
from tdc.plans.api_execution import router as execution_router

router = Router(tags=["plans"])
router.add_router("", documents_router)
router.add_router("", execution_router)
