"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Every value can be overridden from the environment (GUNICORN_* names below) or the command line.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the app is CPU-bound rendering plus short queries; one worker per core and one spare.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# No recycling by default: a worker's RSS stays flat (~90 MB after thousands of requests at 10,000 and
# 100,000 posts, docs/performance.md), its caches are bounded (ops.local_memo, LOCMEM_CACHE_MAX_ENTRIES), and
# recycling at 5000 ± 500 restarted both workers in the same second, stalling the site 1-2 s (issue 16). If a
# leak is ever measured, set GUNICORN_MAX_REQUESTS: the jitter is half of it, so workers recycle far apart.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 2
# The reverse proxy on the same host (or in the private network) may set X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log
errorlog = "-"
