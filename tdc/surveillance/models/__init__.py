"""Market surveillance: products, establishments, surveys and test results, risk, consumer
warnings, the yearly inspection plan and inspections.

Every record carries its province (the scope of the permission rule); an establishment is an
`accounts.Organisation` of kind business, so a business user reaches its own records.
"""

from tdc.surveillance.models.inspections import Inspection, InspectionPlan, PlanItem, Violation
from tdc.surveillance.models.products import Establishment, Product, ProductCategory, RiskLevel
from tdc.surveillance.models.risk import ConsumerWarning, ConsumerWarningQuerySet, RiskAssessment
from tdc.surveillance.models.surveys import Criterion, Sample, SurveyProgramme, TestResult

__all__ = [
    "ConsumerWarning",
    "ConsumerWarningQuerySet",
    "Criterion",
    "Establishment",
    "Inspection",
    "InspectionPlan",
    "PlanItem",
    "Product",
    "ProductCategory",
    "RiskAssessment",
    "RiskLevel",
    "Sample",
    "SurveyProgramme",
    "TestResult",
    "Violation",
]
