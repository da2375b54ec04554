# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALADO := $(VENV)/.instalado

.PHONY: install run test test-fechas lint format migrate bench lock clean

# WeasyPrint (the printed documents) needs Pango and HarfBuzz from the system: installed with
# apt-get when they are missing and we can (root on Debian), otherwise a clear message.
PAQUETES_SISTEMA := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

$(INSTALADO): pyproject.toml requirements.lock
	@if ! dpkg -s $(PAQUETES_SISTEMA) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PAQUETES_SISTEMA) >/dev/null; \
	  else \
	    echo "Aviso: para imprimir PDF instale Pango: sudo apt-get install $(PAQUETES_SISTEMA)"; \
	  fi; \
	fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $(INSTALADO)

install: $(INSTALADO)

migrate: install
	$(BIN)/python manage.py migrate --noinput

# Web on 127.0.0.1:8000 + Celery worker (both queues: the default `celery` and `reportes`)
# + beat, on SQLite and the filesystem broker under var/. The demo runs with DEBUG off so that it shows the product's own
# error pages (`make run DEBUG=True` for Django's debug page).
# Ctrl-C or SIGTERM stops the three: they run in the background, `wait -n` returns on
# the signal (or when one of them dies) and `parar`, which first resets the traps so
# that it runs once, sends TERM to the three and waits for them to finish.
DEBUG ?= False
run: migrate
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py seed_demo
	@echo "Abriendo http://127.0.0.1:8000/ (Ctrl-C para detener todo)"
	@export DEBUG=$(DEBUG); \
	parar() { trap - INT TERM EXIT; kill -TERM $$(jobs -p) 2>/dev/null; wait; }; \
	trap 'parar; exit 0' INT TERM; trap parar EXIT; \
	$(BIN)/celery -A config worker -Q celery,reportes --loglevel=INFO --concurrency=1 --without-gossip --without-mingle & \
	$(BIN)/celery -A config beat --loglevel=INFO --schedule=var/celerybeat-schedule & \
	$(BIN)/python manage.py runserver 127.0.0.1:8000 --noreload & \
	wait -n

# The whole suite. With DATABASE_URL / REDIS_URL set it runs against them.
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

# The tests marked `fecha` again on other days (tests/conftest.py: reloj): a year's last
# night, a leap day and two years from today. `make test-fechas FECHAS=2030-06-15` for one.
FECHAS ?= 2026-12-31T23:30 2028-02-29 $(shell date -d '+2 years' +%F)
test-fechas: install
	@for fecha in $(FECHAS); do \
	  echo "== pruebas marcadas 'fecha' con hoy = $$fecha"; \
	  $(BIN)/pytest -q -m fecha --hoy $$fecha $(PYTEST_ARGS) || exit 1; \
	done

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks need PostgreSQL: DATABASE_URL=postgres://... make bench
# A state's scale (1,000,000 cuentas, own sections): BENCH_ESCALA=1m DATABASE_URL=.../cobranza_bench_1m make bench
bench: install
	$(BIN)/python -m bench

lock:
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) var/*.sqlite3 var/celery var/static
