# The two commands of README.md: `make run` (the portal with demo data) and `make test` (everything).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEV_ENV := DEBUG=1

.PHONY: run serve test lint demo-data messages clean screenshots system-tools plotly-bundle

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

# Start the portal on SQLite (db.sqlite3) with the seed decisions and a small simulated data set.
run: $(VENV)/.runtime demo-data
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The portal in production mode on this machine: DEBUG off, gunicorn, whitenoise (see README).
WORKERS ?= $(shell echo $$(( $$(nproc) * 2 + 1 )))
serve: $(VENV)/.runtime
	@test -n "$$SECRET_KEY" || (echo "Set SECRET_KEY (and ALLOWED_HOSTS, DATABASE_URL, REDIS_URL): see .env.example" && exit 1)
	DEBUG=0 $(BIN)/python manage.py migrate --noinput
	DEBUG=0 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=0 $(BIN)/gunicorn parindex.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --no-control-socket

demo-data: $(VENV)/.runtime
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput --verbosity 0
	$(DEV_ENV) $(BIN)/python manage.py load_seeds
	$(DEV_ENV) $(BIN)/python manage.py load_seeds --national
	$(DEV_ENV) $(BIN)/python manage.py generate_demo --authorities 3 --units-per-block 12 --years 3
	@echo "== Demo accounts (log in at http://$(HOST):$(PORT)/quan-ly/):"
	@$(DEV_ENV) $(BIN)/python manage.py create_demo_accounts

# System tools the tests drive: Debian's Chromium for the browser tests (Playwright's own browser
# download does not work here), pg_dump/psql for the backup test, redis-server for the outage tests.
# Only what is missing is installed; policy-rc.d keeps apt from starting a second Redis.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
system-tools:
	@missing=""; \
	[ -x $(CHROMIUM) ] || missing="$$missing chromium"; \
	command -v pg_dump >/dev/null || missing="$$missing postgresql-client"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
	  echo "== installing:$$missing"; \
	  printf '#!/bin/sh\nexit 101\n' | $(SUDO) tee /usr/sbin/policy-rc.d >/dev/null; $(SUDO) chmod +x /usr/sbin/policy-rc.d; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  status=$$?; $(SUDO) rm -f /usr/sbin/policy-rc.d; exit $$status; \
	fi

# Lighthouse (pinned in tools/lighthouse) for the accessibility audit.
LIGHTHOUSE := tools/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE): tools/lighthouse/package.json
	cd tools/lighthouse && npm install --no-audit --no-fund --loglevel=error
	touch $@

# static/vendor/plotly-bar-heatmap.min.js again, from plotly.js pinned in tools/plotly: only the traces the
# portal draws (bar, heatmap), minified. See static/vendor/README.md.
plotly-bundle:
	cd tools/plotly && npm install --no-audit --no-fund --loglevel=error && node build.mjs

# The whole suite, on SQLite by default; on PostgreSQL when DATABASE_URL says so. PYTEST_ARGS narrows it
# (.ci/run runs the browser and slow tests once, on PostgreSQL). lint-imports checks
# that the apps form a tree (the contracts are in pyproject.toml, the tree in docs/architecture.md).
test: $(VENV)/.dev system-tools $(LIGHTHOUSE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

# Browser tests again, keeping their screenshots in docs/screenshots (look at them).
screenshots: $(VENV)/.dev system-tools
	SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(BIN)/pytest tests/browser

lint: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Messages are written in English in the code and translated to Vietnamese in locale/vi.
messages: $(VENV)/.runtime
	$(DEV_ENV) $(BIN)/python manage.py makemessages --locale vi --no-obsolete \
		--ignore '.venv/*' --ignore 'tests/*' --ignore 'scripts/*' --ignore 'bench/*' --ignore 'node_modules/*'
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore '.venv/*' --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
