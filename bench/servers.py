"""Start and stop the servers a benchmark needs (gunicorn, nginx) on loopback, and run `wrk`.

Every server is started by PID and stopped by the same PID in a `finally`, so a failed run leaves
nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
WRK = "/usr/bin/wrk"
NGINX = "/usr/sbin/nginx"


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of a production start, on plain HTTP loopback (no TLS to terminate here)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        GUNICORN_ACCESSLOG="",
        LOG_LEVEL="ERROR",
    )
    env.update(overrides)
    return env


def collectstatic(env: dict[str, str]) -> None:
    subprocess.run(
        [VENV_BIN / "python", "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int = 2):
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    process = subprocess.Popen(
        [VENV_BIN / "gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/robots.txt")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


NGINX_MAIN = """
worker_processes 2;
user root;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    default_type text/html;
    keepalive_requests 100000;
    {http}
}}
"""

STATIC_SERVER = """
server {{
    listen 127.0.0.1:{port};
    location / {{ root {tmp}/www; index index.html; }}
}}
"""

# The same caching directives as deploy/nginx.conf (micro-caching: 1 s), without TLS.
PROXY_CACHE_SERVER = """
upstream bitacora_app {{ server 127.0.0.1:{upstream}; keepalive 32; }}
proxy_cache_path {tmp}/cache levels=1:2 keys_zone=bitacora_pages:10m max_size=100m inactive=10m
                 use_temp_path=off;
map $upstream_http_cache_control $bitacora_not_shared {{
    ~*(private|no-store|no-cache)  1;
    default                        0;
}}
server {{
    listen 127.0.0.1:{port};
    location / {{
        proxy_pass http://bitacora_app;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_cache bitacora_pages;
        proxy_cache_key $scheme$host$request_uri;
        proxy_ignore_headers Cache-Control Expires;
        proxy_cache_valid 200 301 1s;
        proxy_cache_bypass $cookie_sessionid;
        proxy_no_cache $cookie_sessionid $bitacora_not_shared;
        proxy_cache_lock on;
        proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;
        proxy_cache_background_update on;
        add_header X-Proxy-Cache $upstream_cache_status always;
    }}
}}
"""


@contextlib.contextmanager
def nginx(server_block: str, port: int, files: dict[str, bytes] | None = None, **values):
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp:
        for name, content in (files or {}).items():
            path = Path(tmp, "www", name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        http = server_block.format(tmp=tmp, port=port, **values)
        conf = Path(tmp, "nginx.conf")
        conf.write_text(NGINX_MAIN.format(tmp=tmp, http=http))
        process = subprocess.Popen([NGINX, "-p", tmp, "-c", str(conf)], stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(0.5)
            if process.poll() is not None:
                raise RuntimeError(f"nginx did not start: {process.stderr.read()}")
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)


def wrk(url: str, *, seconds: int = 10, connections: int = 32, threads: int = 2) -> dict:
    output = subprocess.run(
        [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    p50 = re.search(r"50%\s+([\d.]+\w+)", output)
    p99 = re.search(r"99%\s+([\d.]+\w+)", output)
    return {
        "rps": round(rps, 1),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "latency_p50": p50.group(1) if p50 else "",
        "latency_p99": p99.group(1) if p99 else "",
        "errors": "Socket errors" in output,
    }
