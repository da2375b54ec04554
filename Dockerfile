# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app
# WeasyPrint (padron/pdf.py) lays out the printed documents with Pango and HarfBuzz.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml requirements.lock ./
COPY config ./config
COPY padron ./padron
COPY cobranza ./cobranza
COPY convenios ./convenios
RUN pip install --no-cache-dir -c requirements.lock .
COPY . .
RUN SECRET_KEY=build ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput -v 0
RUN useradd --system --uid 1000 cobranza && mkdir -p /app/var && chown -R cobranza /app/var
USER cobranza
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
