from django.urls import path

from tdc.conformity import views

app_name = "conformity"

urlpatterns = [
    path("", views.register_list, name="register_list"),
    path("so-cong-bo/<int:pk>/", views.register_detail, name="register_detail"),
    path("ho-so/", views.declaration_list, name="declaration_list"),
    path("ho-so/moi/", views.declaration_create, name="declaration_create"),
    path("ho-so/<int:pk>/", views.declaration_detail, name="declaration_detail"),
    path("ho-so/<int:pk>/sua/", views.declaration_edit, name="declaration_edit"),
    path("ho-so/<int:pk>/tai-lieu/", views.document_add, name="document_add"),
    path(
        "ho-so/<int:pk>/tai-lieu/<int:document_pk>/",
        views.document_download,
        name="document_download",
    ),
    path(
        "ho-so/<int:pk>/tai-lieu/<int:document_pk>/xoa/",
        views.document_remove,
        name="document_remove",
    ),
    path("ho-so/<int:pk>/nop/", views.declaration_submit, name="declaration_submit"),
    path("ho-so/<int:pk>/tiep-nhan/", views.declaration_accept, name="declaration_accept"),
    path("ho-so/<int:pk>/tra-lai/", views.declaration_return, name="declaration_return"),
    path("ho-so/<int:pk>/thong-bao.docx", views.receipt_download, name="receipt_download"),
]
