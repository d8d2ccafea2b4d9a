"""The capacity API (/api/v1/capacity/…): every register a capacity page shows or changes —
training (courses, sessions, participants, attendance imports and their error files,
officials), events and their report links, equipment and measurement standards, awards,
programmes and support applications, agencies' ISO 9001 records and audits — and the figures
the plans' targets compute from.

Each route asks the page's capability, reaches records through the page's door
(`tdc.capacity.access`: 404 for "missing" and "not yours" alike, 403 for "yours to see but not
to change"), validates with the page's form and writes with the page's service (the same rules,
the same audit). A reporter's commendation never carries a name.
"""

from ninja import Router

from tdc.capacity.api.awards import router as awards_router
from tdc.capacity.api.equipment import router as equipment_router
from tdc.capacity.api.events import router as events_router
from tdc.capacity.api.figures import router as figures_router
from tdc.capacity.api.programmes import router as programmes_router
from tdc.capacity.api.quality import router as quality_router
from tdc.capacity.api.training import router as training_router

router = Router(tags=["capacity"])
for sub in (
    training_router,
    events_router,
    equipment_router,
    awards_router,
    programmes_router,
    quality_router,
    figures_router,
):
    router.add_router("", sub)

__all__ = ["router"]
