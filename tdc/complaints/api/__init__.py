"""The complaints API (/api/v1/complaints/…): staff side only, the same doors and services as
the staff pages, and never a reporter's identity (no route reads the identity, the receipts or the
disclosure requests; attachments carry no original file name).

Routing rules come first: `/{pk}` of the records would otherwise take `routing-rules/`.
"""

from ninja import Router

from tdc.complaints.api.conversation import router as conversation_router
from tdc.complaints.api.records import router as records_router
from tdc.complaints.api.routing import router as routing_router

router = Router(tags=["complaints"])
router.add_router("", routing_router)
router.add_router("", records_router)
router.add_router("", conversation_router)

__all__ = ["router"]
