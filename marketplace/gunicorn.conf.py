"""gunicorn in the container: `gunicorn marketplace.wsgi --config marketplace/gunicorn.conf.py`."""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Heartbeat files in memory: container filesystems can be slow enough to trip the timeout.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - tmpfs for heartbeats, not for data
accesslog = "-"
errorlog = "-"
# Requests come only from the proxy in front of the container.
forwarded_allow_ips = "*"
max_requests = 2000
max_requests_jitter = 200
