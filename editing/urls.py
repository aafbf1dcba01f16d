"""The editor's endpoints, mounted under /admin/editing/ (outside the language prefixes)."""

from django.urls import path

from editing import views

app_name = "editing"
urlpatterns = [path("preview/", views.preview, name="preview")]
