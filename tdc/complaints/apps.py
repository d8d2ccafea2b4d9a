from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "tdc.complaints"
    label = "complaints"
    verbose_name = "Phản ánh của người dân"
