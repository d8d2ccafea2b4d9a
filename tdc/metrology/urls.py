from django.urls import URLPattern, URLResolver

app_name = "metrology"

urlpatterns: list[URLPattern | URLResolver] = []
