# Wegwijzer: `make run` sets everything up on a fresh machine and runs the three services;
# `make test` installs what the tests need and runs the whole suite; `make train` trains.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := $(shell cat .python-version)
# The interpreter for the virtualenv: pyenv's 3.10 (the version in .python-version), else python3.10.
PYTHON ?= $(shell for p in "$$(pyenv root 2>/dev/null)/versions/$(PYTHON_VERSION)/bin/python" \
	"$(HOME)/.pyenv/versions/$(PYTHON_VERSION)/bin/python" "$$(command -v python3.10)"; do \
	[ -x "$$p" ] && { echo "$$p"; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-stamp
MODEL := models/wegwijzer.tar.gz
# The folders too: a deleted training file changes its folder's time, and the model is retrained.
TRAINING_FILES := bot/config.yml bot/domain $(wildcard bot/domain/*.yml) $(shell find data -name '*.yml' -o -type d 2>/dev/null)
RASA_DATA := data/nlu data/rules data/stories

# Defaults for development; every one can be overridden from the environment.
export RASA_TELEMETRY_ENABLED ?= false
export WEGWIJZER_HOST ?= 127.0.0.1
export BACKEND_HOST ?= $(WEGWIJZER_HOST)
export BACKEND_PORT ?= 8000
export RASA_PORT ?= 5005
export ACTIONS_PORT ?= 5055
export RASA_AUTH_TOKEN ?= dev-rasa-token
export WEGWIJZER_SERVICE_TOKEN ?= dev-service-token
export BACKEND_URL ?= http://127.0.0.1:$(BACKEND_PORT)
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:$(ACTIONS_PORT)/webhook
# Rasa's conversations (tracker store, bot/endpoints.yml): an SQLAlchemy URL; PostgreSQL in production.
export TRACKER_STORE_URL ?= sqlite:///var/tracker.db
# Optional PostgreSQL for the backend tests: used when a local server answers.
export WEGWIJZER_TEST_POSTGRES_URL ?= $(shell pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && echo postgresql://postgres@127.0.0.1:5432/test)

.PHONY: help install train run run-prod test browser axe nginx validate lock clean

help:
	@echo "make run    set up (venv, install, train, database) and run backend, Rasa and actions"
	@echo "make test   install and run the whole test suite"
	@echo "make train  train the Rasa model into $(MODEL) when the data changed"
	@echo "make run-prod  the production profile: PostgreSQL, Redis, 2 Rasa + 2 action servers, nginx"

$(INSTALLED): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python $(PYTHON_VERSION) not found: install it with 'pyenv install $(PYTHON_VERSION)'." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/python -m pip check
	touch $@

install: $(INSTALLED)

# Retrain only when the configuration, domain or training data is newer than the model.
$(MODEL): $(TRAINING_FILES) | $(INSTALLED)
	@# Rasa's training cache does not see data/categories and data/crisis (read by our own
	@# components): force a full retrain when those files are among the changed prerequisites ($$?).
	$(BIN)/rasa train --config bot/config.yml --domain bot/domain --data $(RASA_DATA) \
		--out models --fixed-model-name wegwijzer $(if $(filter data/categories data/categories/% data/crisis data/crisis/%,$?),--force)

train: $(MODEL)

validate: $(INSTALLED)
	$(BIN)/rasa data validate --config bot/config.yml --domain bot/domain --data $(RASA_DATA) --fail-on-warnings

run: $(INSTALLED) $(MODEL)
	$(BIN)/wegwijzer setup --demo
	@echo
	@echo "  Backend and dashboard: http://$(BACKEND_HOST):$(BACKEND_PORT)/dashboard"
	@echo "  Rasa (REST channel):   http://$(WEGWIJZER_HOST):$(RASA_PORT)/webhooks/rest/webhook"
	@echo "  Action server:         http://127.0.0.1:$(ACTIONS_PORT)/health"
	@echo "  Rasa API token:        $(RASA_AUTH_TOKEN)"
	@echo "  Ended conversations are deleted $${WEGWIJZER_TRANSCRIPT_TTL:-3600} s after their end."
	@echo "  Ctrl-C stops them all."
	@echo
	@# Library deprecation warnings at start-up say nothing to someone running the product.
	PYTHONWARNINGS=ignore::DeprecationWarning SQLALCHEMY_SILENCE_UBER_WARNING=1 \
		exec $(BIN)/honcho start -f Procfile

# The production profile (deploy/prod.py): settings in $(PROD_ENV), written with fresh secrets
# when missing; PostgreSQL and Redis must be running (docs/operations.md, "Production profile").
# No demo login unless asked by name: `make run-prod DEMO_ACCOUNT=naam@school.nl` (fresh
# password, printed once).
PROD_ENV ?= var/prod/prod.env
run-prod: $(INSTALLED) $(MODEL) nginx
	$(BIN)/python deploy/prod.py init $(PROD_ENV)
	PYTHONWARNINGS=ignore::DeprecationWarning SQLALCHEMY_SILENCE_UBER_WARNING=1 \
		exec $(BIN)/python deploy/prod.py run $(PROD_ENV) $(if $(DEMO_ACCOUNT),--demo-account $(DEMO_ACCOUNT))

# Two workers (pytest-xdist): the end-to-end tests on one (they share one stack of real
# processes), the rest spread over both. The model is trained first, once, not by each worker.
PYTEST_WORKERS ?= 2
test: $(INSTALLED) $(MODEL) browser axe nginx
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Debian's Chromium for the browser tests (no browser download is possible here). Without it,
# or without root, those tests are skipped with a reason rather than failing the suite.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
		|| echo "chromium could not be installed: the browser tests will be skipped"; }

# axe-core from the npm registry, pinned, for the accessibility tests (tests/backend/test_inbox_a11y.py):
# its axe.min.js lands in $(AXE_JS) (under var/, not in git). Without npm or the registry those
# tests are skipped with a reason.
AXE_VERSION := 4.14.1
AXE_DIR := var/axe
AXE_JS := $(AXE_DIR)/node_modules/axe-core/axe.min.js
axe:
	@test -f $(AXE_JS) && grep -q '$(AXE_VERSION)' $(AXE_DIR)/node_modules/axe-core/package.json 2>/dev/null || { \
		echo "Installing axe-core $(AXE_VERSION) for the accessibility tests"; \
		mkdir -p $(AXE_DIR) && npm install --silent --no-save --no-audit --no-fund --prefix $(AXE_DIR) axe-core@$(AXE_VERSION) >/dev/null \
		|| echo "axe-core could not be installed: the accessibility tests will be skipped"; }

# Debian's nginx for the production profile and its test (skipped with a reason without it).
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
		echo "Installing Debian's nginx for the production profile"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light) >/dev/null \
		|| echo "nginx could not be installed: the production profile's test will be skipped"; }

# Refresh the lock file from the current virtualenv (after changing dependencies).
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^wegwijzer' > requirements.lock

clean:
	rm -rf $(VENV) models/*.tar.gz var/
