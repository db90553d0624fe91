# Tovon: the two commands a newcomer needs (README.md).
#   make run   installs what is missing, builds the UI and the app, starts the window
#   make test  installs what is missing, runs every test (Rust, UI, end-to-end)
# Each install step is skipped when its work is already done.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

APT_PACKAGES := libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev \
	build-essential pkg-config xvfb webkit2gtk-driver poppler-utils
# The end-to-end suite also needs ImageMagick's `import` for screenshots of the Xvfb screen;
# the audit tests tamper with a database through the sqlite3 tool; the head office's tests
# (issue 20) run on a real PostgreSQL: Debian's, a throwaway cluster under target/pg.
APT_TEST_PACKAGES := imagemagick sqlite3 postgresql
TAURI_DRIVER_VERSION := 2.1.0
NODE_MIN := 20.19
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APP := target/debug/tovon-desktop

# The head office's test database: a throwaway cluster made by initdb, run as an unprivileged
# user, on a socket beside it; unless TOVON_HQ_DATABASE_URL names a server already. Under
# the build folder (target/pg); as root, where it runs as Debian's `postgres` user, who may
# not reach into a checkout under /root, in /tmp under a name of this checkout's path.
PG_DIR := $(shell if [ "$$(id -u)" = 0 ]; then echo "/tmp/tovon-pg-$$(printf %s '$(CURDIR)' | cksum | cut -d' ' -f1)"; else echo '$(CURDIR)/target/pg'; fi)
# A port of this checkout's own, so two checkouts' clusters never meet.
PG_PORT := $(shell echo $$(( 50000 + $$(printf %s '$(CURDIR)' | cksum | cut -d' ' -f1) % 10000 )))
PG_AS := $(shell [ "$$(id -u)" = 0 ] && echo "runuser -u postgres --")
HQ_TEST_URL := host=$(PG_DIR)/run port=$(PG_PORT) user=postgres dbname=postgres
export TOVON_HQ_DATABASE_URL ?= $(HQ_TEST_URL)

.PHONY: help run test bench deps hq hq-db-start hq-db-stop deps-apt deps-apt-test apt-install deps-npm deps-driver check-toolchain app \
	test-rust test-ui test-e2e lint fmt icons bindings fuzz

help:
	@echo "make run    - start Tovon (installs what is missing)"
	@echo "make test   - run every test (installs what is missing)"
	@echo "make hq     - the head office: a local PostgreSQL and tovon-hq serving desks (HQ_ARGS=...)"
	@echo "make lint   - clippy and rustfmt check"
	@echo "make bench  - criterion benchmarks (release build)"
	@echo "make icons  - regenerate icons/ from icons/tovon.svg"
	@echo "make bindings - regenerate ui/src/lib/bindings from the Rust DTOs"

check-toolchain:
	@command -v cargo >/dev/null || { echo "Rust is missing: install it with rustup (https://rustup.rs), then re-run." >&2; exit 1; }
	@command -v node >/dev/null || { echo "Node.js $(NODE_MIN)+ is missing: install it (e.g. from NodeSource), then re-run." >&2; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number);const [x,y]="$(NODE_MIN)".split(".").map(Number);process.exit(a>x||(a===x&&b>=y)?0:1)' \
		|| { echo "Node.js $$(node --version) is too old: Tovon's build needs $(NODE_MIN) or newer." >&2; exit 1; }

deps-apt:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

deps-apt-test:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES) $(APT_TEST_PACKAGES)"

# Installs those of $(PACKAGES) that are missing; no apt call when none is.
apt-install:
	@missing=""; for package in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$package" 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# npm ci only when the lockfile changed since the last install.
deps-npm: node_modules/.package-lock.json
node_modules/.package-lock.json: package-lock.json | check-toolchain
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

deps-driver: | check-toolchain
	@if ! cargo install --list | grep -q '^tauri-driver v$(TAURI_DRIVER_VERSION):'; then \
		cargo install tauri-driver --version $(TAURI_DRIVER_VERSION) --locked; \
	fi

deps: check-toolchain deps-apt deps-npm

# The app as the end-to-end suite runs it: custom protocol, UI embedded, debug profile.
app: deps
	npx tauri build --debug --no-bundle --ci

run: app
	$(APP) $(ARGS)

test: check-toolchain deps-apt-test deps-npm deps-driver
	$(MAKE) --no-print-directory hq-db-start
	status=0; $(MAKE) --no-print-directory test-rust test-ui lint test-e2e || status=$$?; \
		$(MAKE) --no-print-directory hq-db-stop; exit $$status

# The head office for trying it out: the same throwaway cluster (database tovon_hq in it),
# unless TOVON_HQ_DATABASE_URL names a server already, and `tovon-hq serve` on it until
# Ctrl-C; its key file under target/hq. HQ_ARGS go to serve (--listen, --address).
HQ_KEY_FILE ?= $(CURDIR)/target/hq/hq.key
hq: check-toolchain deps-apt-test
	cargo build --locked -p tovon-hq
	@$(MAKE) --no-print-directory hq-db-start
	@mkdir -p "$(dir $(HQ_KEY_FILE))"
	@url="$$TOVON_HQ_DATABASE_URL"; \
	if [ "$$url" = "$(HQ_TEST_URL)" ]; then \
		psql "$$url" -tAc "SELECT 1 FROM pg_database WHERE datname = 'tovon_hq'" | grep -q 1 \
			|| psql "$$url" -qc "CREATE DATABASE tovon_hq"; \
		url="$$url dbname=tovon_hq"; \
	fi; \
	trap 'true' INT TERM; \
	status=0; TOVON_HQ_DATABASE_URL="$$url" TOVON_HQ_KEY_FILE="$(HQ_KEY_FILE)" target/debug/tovon-hq serve $(HQ_ARGS) || status=$$?; \
	$(MAKE) --no-print-directory hq-db-stop; exit $$status

# Starts the head office's test cluster (made at first use); nothing when
# TOVON_HQ_DATABASE_URL names another server.
hq-db-start:
	@if [ "$$TOVON_HQ_DATABASE_URL" != "$(HQ_TEST_URL)" ]; then exit 0; fi; \
	bin=$$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1); \
	[ -n "$$bin" ] || { echo "PostgreSQL is missing: make deps-apt-test installs it" >&2; exit 1; }; \
	if [ ! -f "$(PG_DIR)/data/PG_VERSION" ]; then \
		rm -rf "$(PG_DIR)"; mkdir -p "$(PG_DIR)/run"; \
		if [ -n "$(PG_AS)" ]; then chown -R postgres "$(PG_DIR)"; fi; \
		$(PG_AS) "$$bin/initdb" -D "$(PG_DIR)/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 > "$(PG_DIR)/initdb.log"; \
	fi; \
	if ! $(PG_AS) "$$bin/pg_ctl" -D "$(PG_DIR)/data" status > /dev/null; then \
		$(PG_AS) "$$bin/pg_ctl" -D "$(PG_DIR)/data" -l "$(PG_DIR)/server.log" -w \
			-o "-p $(PG_PORT) -k $(PG_DIR)/run -c listen_addresses=''" start > /dev/null; \
	fi

hq-db-stop:
	@if [ "$$TOVON_HQ_DATABASE_URL" != "$(HQ_TEST_URL)" ]; then exit 0; fi; \
	bin=$$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1); \
	if [ -f "$(PG_DIR)/data/postmaster.pid" ]; then $(PG_AS) "$$bin/pg_ctl" -D "$(PG_DIR)/data" -m fast -w stop > /dev/null; fi

test-rust:
	cargo test --workspace --locked --exclude tovon-desktop

test-ui:
	npm run --silent check
	npm run --silent test:unit

# Builds the app itself (harness), then drives the real window under Xvfb.
test-e2e:
	npm run --silent test:e2e

# Clippy compiles the shell too, whose build embeds ui/dist: build the UI first.
# Benchmarks measure speed; tests never assert times. Results: target/criterion/.
bench: check-toolchain deps-apt-test
	cargo bench --locked -p tovon-core --bench calc
	cargo bench --locked -p tovon-store --bench audit
	cargo bench --locked -p tovon-desk --bench register
	cargo bench --locked -p tovon-desk --bench register_refresh
	cargo bench --locked -p tovon-desk --bench act
	cargo bench --locked -p tovon-print --bench print
	# Crash safety: writers killed with SIGKILL 200 times (make test kills 12).
	TOVON_CRASH_KILLS=200 cargo test --locked -p tovon-cli --test it crash -- --nocapture
	# The head office on the throwaway cluster: a year of 200 branches ingested beside COPY, a
	# 2 000 000-policy register sent to a desk and a month's changes after it, and the
	# exchange's crash test killed 200 times at each end.
	@$(MAKE) --no-print-directory hq-db-start
	status=0; cargo bench --locked -p tovon-hq --bench network_ingest \
		&& cargo bench --locked -p tovon-hq --bench register_to_desk \
		&& TOVON_CRASH_KILLS=200 cargo test --locked -p tovon-hq --test network a_bundle_killed -- --nocapture \
		|| status=$$?; \
	$(MAKE) --no-print-directory hq-db-stop; exit $$status

# Longer fuzzing than make test's proptest cases, with cargo-fuzz (libFuzzer); needs a
# nightly toolchain and `cargo install cargo-fuzz`. Ten minutes per target.
fuzz:
	cd fuzz && cargo +nightly fuzz run calc_request -- -max_total_time=600
	cd fuzz && cargo +nightly fuzz run register_import -- -max_total_time=600

lint: deps-npm
	cargo fmt --all --check
	npm run --silent build > /dev/null
	cargo clippy --workspace --all-targets --locked -- -D warnings

fmt:
	cargo fmt --all

icons: deps-npm
	npx tauri icon icons/tovon.svg -o icons
	rm -rf icons/android icons/ios

bindings:
	TOVON_BLESS=1 cargo test -p tovon-desk --test it bindings
