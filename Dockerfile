# The production image: the site under gunicorn, static files collected at build time.
# docker-compose.yml runs it as the web, migrate and scheduler services; see the README.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=clinic.settings.production

WORKDIR /app

# The runtime requirements only, before the code so a code change does not reinstall them.
# Every one ships as a wheel: no compiler needed, so no build stage either.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# collectstatic only reads settings, but production's refuse to load without these three:
# throwaway values that live for this one command and are not kept in the image.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost DATABASE_URL=postgres://unused/unused \
    python manage.py collectstatic --noinput --verbosity 0 \
    && python -m compileall -q clinic treatments education

# An unprivileged user that can write only to media/ (uploads, when they are not on S3).
RUN useradd --system --uid 10001 --user-group --no-create-home clinic \
    && mkdir -p media \
    && chown clinic:clinic media
USER clinic

EXPOSE 8000
CMD ["gunicorn", "-c", "clinic/gunicorn.conf.py"]
