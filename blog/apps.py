from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from blog.models import Post
        from blog.old_urls import release_urls_of_created
        from blog.search_documents import batch_saved
        from blog.signals import posts_saved
        from blog.text import clean_text_on_save

        clean_text_on_save(self.get_models())
        posts_saved.connect(release_urls_of_created, sender=Post, dispatch_uid="blog-release-created-urls")
        posts_saved.connect(batch_saved, sender=Post, dispatch_uid="blog-search-documents-batch-saved")
