# The comment model: one post, one language, held for moderation, replies one level deep.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('blog', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Comment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=[('es', 'Spanish'), ('pt', 'Portuguese'), ('en', 'English')], max_length=8, verbose_name='language')),
                ('name', models.CharField(max_length=50, verbose_name='name')),
                ('body', models.TextField(max_length=3000, verbose_name='comment (Markdown)')),
                ('body_html', models.TextField(default='', editable=False)),
                ('submit_date', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='sent')),
                ('is_public', models.BooleanField(default=False, help_text="Shown on the post's page in its language.", verbose_name='approved')),
                ('is_removed', models.BooleanField(default=False, help_text='Hidden for good.', verbose_name='rejected')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='comments.comment', verbose_name='in reply to')),
                ('post', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='blog.post', verbose_name='post')),
            ],
            options={
                'verbose_name': 'comment',
                'verbose_name_plural': 'comments',
                'ordering': ['submit_date', 'pk'],
                'get_latest_by': 'submit_date',
                'indexes': [models.Index(fields=['post', 'language', 'is_public', 'submit_date'], name='comment_thread_idx'), models.Index(fields=['is_public', 'is_removed'], name='comment_moderation_idx')],
            },
        ),
    ]
