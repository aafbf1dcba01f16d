"""Comment URLs, inside i18n_patterns: a comment sent from /pt/… is a Portuguese comment."""

from django.urls import path

from comments import views

app_name = "comments"
urlpatterns = [
    path("post/", views.post_comment, name="post"),
    path("reply/<int:pk>/", views.reply_form, name="reply"),
]
