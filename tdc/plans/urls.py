"""Plans URLs: the documents (import, plans, tasks) and their execution (reporting, dashboard)."""

from django.urls import URLPattern, URLResolver

from tdc.plans.urls_documents import urlpatterns as document_urls
from tdc.plans.urls_execution import urlpatterns as execution_urls

app_name = "plans"

urlpatterns: list[URLPattern | URLResolver] = [*document_urls, *execution_urls]
