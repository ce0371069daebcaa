# ReUse: the production image (gunicorn; whitenoise serves the static files).
# Build: docker build -t reuse .     Run with PostgreSQL and Redis: compose.yaml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app

# Dependencies first: this layer is rebuilt only when requirements.txt changes.
# (psycopg[binary] and the other wheels need no compiler.)
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Static files are collected into the image at build time; collectstatic reads no database
# and needs no real secret.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=sqlite:///:memory: \
    python manage.py collectstatic --noinput --verbosity 0

# Never run as root. The application writes no local file: sessions, cache and throttling
# live in the database (or Redis), so any number of containers can serve the same site.
RUN useradd --system --uid 10001 --no-create-home reuse
USER reuse

ENV GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000

# Migrations are not run here: one instance at a time must run them (compose.yaml's "migrate"
# service), not every replica on start.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "reuse.wsgi:application"]
