"""gunicorn settings for `make serve`, the container image and the benchmark.

Every value can be changed from the environment; the defaults suit one machine.
"""

import multiprocessing
import os

# Loopback by default; the container image binds 0.0.0.0:8000 behind its proxy.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sized to the machine: two workers per core, plus one (gunicorn's own advice).
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Workers are replaced after this many requests (bounds any slow memory growth); 0 = never.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Load the application once, before forking: workers share its memory and start fast.
preload_app = True
# Addresses allowed to set X-Forwarded-* (the reverse proxy); see README, "Several instances".
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No control socket: its default path is per user, so instances on one host would share it.
control_socket_disable = True
