# claimwatch: the service. SQLite in the /data volume by default;
# set CLAIMWATCH_DATABASE_URL for Postgres (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CLAIMWATCH_DATA_DIR=/data \
    CLAIMWATCH_SOURCES=/app/sources.yaml \
    CLAIMWATCH_METRICS_PORT=9108

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY store ./store
RUN pip install . && rm -rf build *.egg-info
COPY sources.yaml ./
COPY examples ./examples

RUN useradd --system --uid 10001 --home-dir /data claimwatch \
    && mkdir -p /data && chown claimwatch /data
USER claimwatch
VOLUME ["/data"]
EXPOSE 9108

# healthy while /healthz answers and the last pass is recent (bot/healthcheck.py);
# the first start loads the bundled snapshots, hence the long start period
HEALTHCHECK --interval=60s --timeout=10s --start-period=300s --retries=3 \
    CMD ["python", "-m", "bot.healthcheck"]

# init is idempotent: it migrates and loads bundled snapshots only when they are new
CMD ["sh", "-c", "claimwatch init && exec claimwatch run"]
