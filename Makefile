# IKU Kecamatan: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
KABUPATEN ?= 35.08
# A developer's machine: DEBUG on unless the caller says otherwise.
export DEBUG ?= 1

.PHONY: run test setup migrate data lint format clean-db bench bench-national bench-load bench-pdf

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.installed node_modules/.installed

migrate: setup
	$(PY) manage.py migrate --noinput

data: migrate
	$(PY) manage.py import_wilayah $(KABUPATEN)
	$(PY) manage.py load_demo

# The job worker (reports, imports, approvals) runs beside the web server and stops with it: Ctrl+C
# reaches both, and the trap stops the worker however runserver ended.
run: data
	@echo "IKU Kecamatan berjalan di http://127.0.0.1:$(PORT)/ (Ctrl+C untuk berhenti)"
	@$(PY) manage.py pekerjaan_worker --reload & pekerja=$$!; \
	trap 'kill $$pekerja 2>/dev/null; wait $$pekerja 2>/dev/null' EXIT; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Parallel on every core (pytest-xdist; each worker has its own test database and live server).
# --dist load hands tests out in pytest-django's order, so a worker never runs an ordinary database test
# after a transactional one, whose flush empties what the data migrations loaded (the catalogue, the SKM
# questionnaire); worksteal splits the list in halves and lets a worker steal ordinary tests afterwards,
# which failed 112 tests of one CI run. PYTEST_WORKERS=0 runs serially.
PYTEST_WORKERS ?= auto
test: setup
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

# Benchmarks (docs/performance.md): both scales on both backends, then the national roll-up
# and the 60-second load test (needs wrk: apt-get install wrk). PostgreSQL from BENCH_PG_URL.
bench: setup
	$(PY) bench/run.py --skala 1 10 --backend sqlite postgres --out var/bench/hasil.json

# The Laporan Capaian PDF alone, 1,000 kegiatan on SQLite (var/bench/pdf.sqlite3): times and WeasyPrint's phases.
bench-pdf: setup
	$(PY) bench/pdf.py --lantai --profil

bench-national: setup
	$(PY) bench/national.py --out var/bench/national.json

bench-load: setup
	bash bench/load.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean-db:
	rm -f db.sqlite3
