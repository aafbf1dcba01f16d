"""Cover URLs outside the language prefixes: generated covers (`/covers/12-listing.png`,
`/covers/pt/12-social.png`) and renditions (`/covers/renditions/12-listing.webp`, `…/12-listing.fallback`;
the language only picks the generated cover's title when the rendition cannot be made)."""

from django.urls import path

from covers import views

app_name = "covers"
urlpatterns = [
    path("renditions/<int:pk>-<slug:kind>.<slug:image_format>", views.rendition, name="rendition"),
    path(
        "<slug:language>/renditions/<int:pk>-<slug:kind>.<slug:image_format>",
        views.rendition,
        name="rendition",
    ),
    path("<int:pk>-<slug:kind>.png", views.generated_cover, name="generated"),
    path("<slug:language>/<int:pk>-<slug:kind>.png", views.generated_cover, name="generated"),
]
