# Everything sets itself up: a venv in .venv, the project installed into it, then the command.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Compiled with mypyc at install (setup.py): a change to them needs a new build.
COMPILED := $(wildcard $(addprefix briefing/core/tagging/,catalog.py entities.py evidence.py \
	resolve.py shorthand.py symbols.py quotations.py quote_marks.py attribution.py speech.py \
	speakers.py names.py given_names.py))

.PHONY: run test bench lint setup clean bundle release install-desktop uninstall-desktop catalog

VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' briefing/__init__.py)
PREFIX ?= $(HOME)/.local
APP_ID := io.github.briefing.Briefing
BUNDLE ?= dist/briefing

$(STAMP): pyproject.toml setup.py $(COMPILED)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/briefing $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check briefing tests benchmarks
	$(BIN)/mypy

# The tagging engine's data, rebuilt from ../shared/data/tickers and the labelled text: the
# names table, the catalog, then the evidence model fitted on them (see README).
catalog: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[catalog]'
	$(BIN)/python scripts/build_given_names.py
	$(BIN)/python scripts/build_catalog.py
	$(BIN)/python scripts/fit_evidence.py

# A one-folder bundle in dist/briefing/ (PyInstaller, briefing.spec), checked by its self-test.
bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN briefing.spec
	QT_QPA_PLATFORM=offscreen dist/briefing/briefing --self-test

# The bundle as a release tarball, with the desktop files beside it.
release: bundle
	rm -rf dist/briefing-$(VERSION)
	mkdir -p dist/briefing-$(VERSION)
	cp -a dist/briefing dist/briefing-$(VERSION)/app
	cp -a packaging/linux dist/briefing-$(VERSION)/desktop
	tar -C dist -czf dist/briefing-$(VERSION)-linux-$(shell uname -m).tar.gz briefing-$(VERSION)
	@echo "wrote dist/briefing-$(VERSION)-linux-$(shell uname -m).tar.gz"

# For the current user: the bundle in ~/.local/share/briefing, `briefing` on the PATH,
# a menu entry, icons and AppStream metadata. `make uninstall-desktop` removes them all.
install-desktop:
	@test -x $(BUNDLE)/briefing || { echo "no bundle yet: run make bundle first"; exit 1; }
	rm -rf $(PREFIX)/share/briefing
	mkdir -p $(PREFIX)/share/briefing $(PREFIX)/bin $(PREFIX)/share/applications \
	  $(PREFIX)/share/metainfo
	cp -a $(BUNDLE)/. $(PREFIX)/share/briefing/
	ln -sf $(PREFIX)/share/briefing/briefing $(PREFIX)/bin/briefing
	sed 's|^Exec=briefing|Exec=$(PREFIX)/share/briefing/briefing|' \
	  packaging/linux/$(APP_ID).desktop > $(PREFIX)/share/applications/$(APP_ID).desktop
	cp packaging/linux/$(APP_ID).metainfo.xml $(PREFIX)/share/metainfo/
	mkdir -p $(PREFIX)/share/icons/hicolor
	cp -r packaging/linux/icons/hicolor/. $(PREFIX)/share/icons/hicolor/
	@if command -v update-desktop-database >/dev/null; then \
	  update-desktop-database -q $(PREFIX)/share/applications; fi
	@if command -v gtk-update-icon-cache >/dev/null; then \
	  gtk-update-icon-cache -q -t $(PREFIX)/share/icons/hicolor || true; fi
	@echo "installed: $(PREFIX)/bin/briefing and a menu entry"

uninstall-desktop:
	rm -rf $(PREFIX)/share/briefing
	rm -f $(PREFIX)/bin/briefing $(PREFIX)/share/applications/$(APP_ID).desktop \
	  $(PREFIX)/share/metainfo/$(APP_ID).metainfo.xml
	find $(PREFIX)/share/icons/hicolor -name '$(APP_ID).*' -delete 2>/dev/null || true
	@if command -v update-desktop-database >/dev/null; then \
	  update-desktop-database -q $(PREFIX)/share/applications; fi
	@echo "removed Briefing from $(PREFIX)"

clean:
	rm -rf $(VENV) build dist *.egg-info
	find briefing -name '*.so' -delete
	rm -f briefing_tagging__mypyc*.so
