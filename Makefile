# kompas — two commands on a fresh machine: `make run` and `make test`.
SWIFT      ?= swift
PREFIX     ?= /usr/local
SHAREDIR   ?= $(PREFIX)/share/kompas
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FUZZ_SECONDS ?= 60

.PHONY: run test build release setup setup-test install bench fuzz clean

## Installs what a fresh Debian/Ubuntu machine lacks: pkg-config, libedit (line editing) and
## libyaml (the YAML parser).
setup:
	@if ! pkg-config --exists libedit yaml-0.1 2>/dev/null; then \
	  echo "kompas: libedit-dev of libyaml-dev ontbreekt, installeren met apt-get…"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq pkg-config libedit-dev libyaml-dev >/dev/null; \
	fi

## The tests also render exports with cmark-gfm, hold the rule files to rules/schema.json
## with Python's jsonschema and PyYAML (pip, or Debian's packages where pip may not install),
## and print the HTML plan with headless Chromium, read back with pdftotext (skipped without).
setup-test: setup
	@if ! command -v cmark-gfm >/dev/null 2>&1; then \
	  echo "kompas: cmark-gfm ontbreekt, installeren met apt-get…"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq cmark-gfm >/dev/null; \
	fi
	@if ! python3 -c 'import jsonschema, yaml' >/dev/null 2>&1; then \
	  echo "kompas: jsonschema of PyYAML ontbreekt, installeren met pip of apt-get…"; \
	  python3 -m pip install --quiet jsonschema pyyaml 2>/dev/null || { \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
	      python3 python3-jsonschema python3-yaml >/dev/null; }; \
	fi

	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then \
	  echo "kompas: chromium of pdftotext ontbreekt (printtest van het HTML-plan), installeren met apt-get…"; \
	  { $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
	      chromium poppler-utils >/dev/null; } || \
	  echo "kompas: chromium niet geïnstalleerd; de printtest wordt overgeslagen"; \
	fi

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release --static-swift-stdlib

run: build
	@$(SWIFT) run --skip-build kompas --rules rules

test: setup-test
	$(SWIFT) build
	.build/debug/kompas check --rules rules
	.build/debug/kompas check --rules rules --coverage
	.build/debug/kompas replay --check transcripts/*.transcript
	$(SWIFT) test

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SHAREDIR)/rules
	install -m 755 .build/release/kompas $(DESTDIR)$(PREFIX)/bin/kompas
	install -m 644 rules/*.yaml rules/schema.json rules/README.md $(DESTDIR)$(SHAREDIR)/rules/

bench: release
	.build/release/kompas-bench

## libFuzzer on the rule loader, the condition parser and the transcript reader, FUZZ_SECONDS
## each; crashes go to fuzz-artifacts/. See Fuzz/fuzz.sh.
fuzz: setup
	SWIFT="$(SWIFT)" Fuzz/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build
