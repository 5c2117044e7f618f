# syntax=docker/dockerfile:1
# briefbot image: `docker build -t briefbot .` then `docker run --env-file briefbot.env briefbot`.
# Configuration comes only from the environment (BRIEFBOT_*, SLACK_*, DISCORD_TOKEN); see .env.example.

# ---- build: install briefbot and its dependencies into a self-contained venv ----
FROM python:3.11.13-slim-bookworm AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src
# dependencies ship as wheels for this platform, so the build needs no compiler
COPY pyproject.toml README.md ./
COPY briefings ./briefings
COPY bot ./bot
COPY config ./config
RUN pip install --no-cache-dir . \
    && find /opt/venv -name '__pycache__' -prune -exec rm -rf {} +

# ---- runtime: the venv on the same base, no build tools, a non-root user ----
FROM python:3.11.13-slim-bookworm

LABEL org.opencontainers.image.title="briefbot" \
      org.opencontainers.image.description="News briefings for Slack and Discord: who meets whom, when, where, what is expected" \
      org.opencontainers.image.licenses="MIT"

RUN groupadd --system --gid 10001 briefbot \
    && useradd --system --uid 10001 --gid briefbot --home-dir /data --no-create-home --shell /usr/sbin/nologin briefbot \
    && mkdir -p /data \
    && chown briefbot:briefbot /data

COPY --from=build /opt/venv /opt/venv

# defaults suited to a container; every one can be overridden with -e / environment:
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    BRIEFBOT_HTTP_HOST=0.0.0.0 \
    BRIEFBOT_HTTP_PORT=3000 \
    BRIEFBOT_LOG_FORMAT=json \
    BRIEFBOT_DATABASE_URL=sqlite+aiosqlite:////data/briefbot.db

WORKDIR /data
VOLUME ["/data"]
USER 10001:10001
EXPOSE 3000

# slim has no curl: ask /healthz with the standard library (503 or no answer -> unhealthy)
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('BRIEFBOT_HTTP_PORT', '3000'); sys.exit(0 if urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4).status == 200 else 1)"]

ENTRYPOINT ["briefbot"]
CMD ["run"]
