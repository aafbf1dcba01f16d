"""Cover URLs outside the language prefixes: `/covers/12-listing.png`, `/covers/pt/12-social.png`."""

from django.urls import path

from covers import views

app_name = "covers"
urlpatterns = [
    path("<int:pk>-<slug:kind>.png", views.generated_cover, name="generated"),
    path("<slug:language>/<int:pk>-<slug:kind>.png", views.generated_cover, name="generated"),
]
