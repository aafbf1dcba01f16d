"""Image library URLs outside the language prefixes: an image's renditions, made when first asked for
(`/library/12-small.webp`, `/library/12-large.fallback`)."""

from django.urls import path

from library import views

app_name = "library"
urlpatterns = [
    path("<int:pk>-<slug:kind>.<slug:image_format>", views.rendition, name="rendition"),
]
