"""Share links live outside the language prefixes: the token says the language (`/preview/<token>/`)."""

from django.urls import path

from previews import views

app_name = "previews"
urlpatterns = [path("<str:token>/", views.shared_preview, name="shared")]
