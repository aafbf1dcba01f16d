"""The editors' writing tools: the Markdown editor widget (`editing.widgets.MarkdownEditor`) with its
server-side preview (`editing.views.preview`), and the time-zone select (`editing.timezones`).

Why an editor of our own rather than a maintained npm component vendored into the static files: the site's
Content-Security-Policy allows no `unsafe-inline`. CodeMirror 6 writes its styles into `<style>` elements at
run time (it takes a nonce, which would need a per-response CSP nonce in the admin and a bundler to build it);
EasyMDE (CodeMirror 5) sets style attributes, fetches Font Awesome from a CDN by default and previews with a
client-side Markdown parser that is not the site's renderer; Toast UI Editor is ~500 kB with the same inline
styles. About 300 lines on a native `<textarea>` (editing/static/editing/editor.js) keep the browser's undo,
spell-checking and accessibility, need no build step and nothing vendored, and the preview is the one renderer
and sanitiser post pages use (blog.rendering).
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditingConfig(AppConfig):
    name = "editing"
    verbose_name = _("Editing")
