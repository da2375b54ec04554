# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALADO := $(VENV)/.instalado

.PHONY: install run test lint format migrate bench lock clean

$(INSTALADO): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $(INSTALADO)

install: $(INSTALADO)

migrate: install
	$(BIN)/python manage.py migrate --noinput

# Web on 127.0.0.1:8000 + Celery worker + beat, on SQLite and the filesystem
# broker under var/. Ctrl-C stops the three.
run: migrate
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py seed_demo
	@echo "Abriendo http://127.0.0.1:8000/ (Ctrl-C para detener todo)"
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/celery -A config worker --loglevel=INFO --concurrency=1 --without-gossip --without-mingle & \
	$(BIN)/celery -A config beat --loglevel=INFO --schedule=var/celerybeat-schedule & \
	$(BIN)/python manage.py runserver 127.0.0.1:8000 --noreload

# The whole suite. With DATABASE_URL / REDIS_URL set it runs against them.
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks need PostgreSQL: DATABASE_URL=postgres://... make bench
bench: install
	$(BIN)/python -m bench

lock:
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) var/*.sqlite3 var/celery var/static
