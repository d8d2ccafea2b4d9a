from django.urls import path

from tdc.accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("mat-khau/xong/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/", views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("xac-thuc-hai-buoc/", views.two_factor, name="two_factor"),
    path("ca-nhan/", views.profile, name="profile"),
    path("ca-nhan/ma-api/<int:pk>/thu-hoi/", views.revoke_token, name="revoke_token"),
    path("co-quan/", views.organisation_list, name="organisation_list"),
    path("co-quan/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("co-quan/<int:pk>/sua/", views.organisation_edit, name="organisation_edit"),
    path("nhat-ky/", views.audit_log, name="audit_log"),
]
