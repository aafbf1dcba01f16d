"""The start-up budget (docs/performance.md, "The sample site"): starting Django imports none of the heavy
libraries that only some pages or commands use, and `import_posts` never loads the URLconf.

Each test runs a fresh interpreter on SQLite without Redis, as `manage.py import_posts` runs, and reads its
`sys.modules`: in this process everything is already imported.
"""

import json
import os
import subprocess
import sys

from tests.paths import ROOT

# Imported by the functions or back ends that use them: PostgreSQL's driver (through django.contrib.postgres),
# the Redis client, the calendar, translate-toolkit and lxml (translators' files), markdown-it and Pygments
# (rendering), ftfy (the importer's repairs). And the URLconf, which imports every view module.
DEFERRED = ["psycopg", "redis", "icalendar", "translate", "lxml", "markdown_it", "pygments", "ftfy"]
UNUSED = {"REDIS_URL", "DATABASE_REPLICA_URLS"}


def run_python(code: str, tmp_path) -> dict:
    """The JSON `code` prints last, run by a fresh interpreter on its own SQLite database, without Redis."""
    env = {key: value for key, value in os.environ.items() if key not in UNUSED}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="startup-test-key",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'startup.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_starting_django_imports_no_heavy_library(tmp_path):
    code = f"""
import json, sys, django
django.setup()
print(json.dumps([name for name in {[*DEFERRED, "config.urls"]!r} if name in sys.modules]))
"""
    assert run_python(code, tmp_path) == []


def test_importing_the_sample_site_never_loads_the_urlconf(tmp_path):
    """The importer records each post's URLs and links sections through `blog.paths`, not `reverse()`."""
    code = """
import json, sys, django
from django.core.management import call_command
django.setup()
call_command("migrate", verbosity=0)
call_command("import_posts", "--hugo-site", "tests/data/hugo-sample", verbosity=0)
from blog.models import Post, PostRedirect
print(json.dumps({"posts": Post.objects.count(), "redirects": PostRedirect.objects.count(),
                  "loaded": [name for name in ["config.urls", "reader.views"] if name in sys.modules]}))
"""
    found = run_python(code, tmp_path)
    assert found["posts"] > 0 and found["redirects"] > 0  # the sample was imported, old URLs recorded
    assert found["loaded"] == []
