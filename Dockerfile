# Counterpoint's Discord bot in a container: `docker build -t counterpoint .`, then run it with
# compose.yaml (PostgreSQL beside it) or alone on SQLite:
#   docker run -d --env-file .env -v counterpoint-data:/data counterpoint
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# Dependencies first, as pyproject.toml lists them, so that a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt
COPY bot ./bot
COPY cogs ./cogs
RUN pip install --no-deps .
# The shipped cases sit beside the code, not inside the installed package: say where.
COPY data/cases ./data/cases
ENV COUNTERPOINT_CASES=/app/data/cases

# Not root: the bot can write its database folder and nothing else.
RUN useradd --system --uid 10001 --user-group --home-dir /data --no-create-home counterpoint \
    && mkdir /data && chown counterpoint:counterpoint /data
USER counterpoint
WORKDIR /data
# SQLite by default, on the volume; compose.yaml sets a postgresql:// URL instead.
ENV COUNTERPOINT_DB=/data/counterpoint.db
VOLUME ["/data"]

# SIGTERM (docker stop) finishes the writes in flight and closes the database; see docs/operating.md.
STOPSIGNAL SIGTERM
CMD ["counterpoint", "run"]
