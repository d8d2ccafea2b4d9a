from django.urls import path

from tdc.exchange import views

app_name = "exchange"

urlpatterns = [
    path("he-thong/", views.client_list, name="client_list"),
    path("he-thong/<int:pk>/thu-hoi/", views.client_revoke, name="client_revoke"),
    path("dang-ky/", views.subscription_list, name="subscription_list"),
    path("dang-ky/<int:pk>/", views.subscription_detail, name="subscription_detail"),
    path(
        "dang-ky/<int:pk>/tam-dung/",
        views.subscription_action,
        {"action": "pause"},
        name="subscription_pause",
    ),
    path(
        "dang-ky/<int:pk>/tiep-tuc/",
        views.subscription_action,
        {"action": "resume"},
        name="subscription_resume",
    ),
    path(
        "dang-ky/<int:pk>/xoa/",
        views.subscription_action,
        {"action": "delete"},
        name="subscription_delete",
    ),
    path("luot-gui/<int:pk>/gui-lai/", views.delivery_replay, name="delivery_replay"),
]
