"""The admin's export and import pages, mounted under /admin/exchange/ (outside the language prefixes)."""

from django.urls import path

from exchange import views

app_name = "exchange"
urlpatterns = [
    path("export/", views.export_view, name="export"),
    path("import/", views.import_view, name="import"),
]
