# `make run` and `make test` create .venv if missing and reinstall only when pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := $(CURDIR)/.demo

.PHONY: run translations test lint typecheck unit bench clean judge-screenshots package icons \
	guides install-desktop

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/judging-app open --demo

# The secretariat's window in Korean: collect the texts of judging_app/ui (less the judge's window
# in ui/judge/) into the .ts, translate the new ones there (e.g. with $(BIN)/pyside6-linguist),
# then compile the .qm that the app loads.
TS := judging_app/resources/secretariat_ko.ts
# The judge's window (ui/judge/) has a catalogue of its own.
JUDGE_TS := judging_app/resources/judge_ko.ts
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete -locations none -source-language en -target-language ko \
	  $$(find judging_app/ui -path judging_app/ui/judge -prune -o -name '*.py' -print | sort) \
	  -ts $(TS)
	$(BIN)/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)
	$(BIN)/pyside6-lupdate -no-obsolete -locations none -source-language en -target-language ko \
	  $$(find judging_app/ui/judge -name '*.py' | sort) -ts $(JUDGE_TS)
	$(BIN)/pyside6-lrelease $(JUDGE_TS) -qm $(JUDGE_TS:.ts=.qm)

# The judge's window on the demo contest, in Korean at 1280x720 and at twice the pixel density, into
# docs/screenshots (needs xvfb and a CJK font: apt-get install xvfb fonts-noto-cjk, as .ci/run does).
SHOTS := docs/screenshots/.judge
judge-screenshots: $(STAMP)
	@fc-list :lang=ko | grep -q . || { echo "no Korean font: apt-get install fonts-noto-cjk"; exit 1; }
	rm -rf $(SHOTS) && xvfb-run -a -s "-screen 0 1920x1080x24" $(BIN)/python \
	  docs/judge_screenshots.py $(SHOTS) ko
	cp $(SHOTS)/judge-*.png docs/screenshots/
	rm -rf $(SHOTS) && QT_SCALE_FACTOR=2 SHOTS_ONLY_SCORING=1 xvfb-run -a \
	  -s "-screen 0 2880x1800x24" $(BIN)/python docs/judge_screenshots.py $(SHOTS) ko
	cp $(SHOTS)/judge-scoring-1280x720.png docs/screenshots/judge-scoring-1280x720@2x.png
	rm -rf $(SHOTS)

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check judging_app tests bench packaging docs
	$(BIN)/ruff format --check judging_app tests bench packaging docs
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy judging_app

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

# The benchmark of issue 10 (bench/README.md); ARGS="--only import,merge" runs some rows.
bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py $(ARGS)

# The double-clickable app (packaging/README.md): PyInstaller builds dist/judging-app/, one folder
# holding judging-app (the command line) and judging-app-window; packaging/smoke.sh checks it.
PACKAGE_STAMP := $(VENV)/.installed-package
$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/judging-app.spec

# The user guides (docs/guide-*.md) and their screenshots, copied into the package for the Help menu.
guides: $(STAMP)
	$(BIN)/python docs/sync_guides.py

# Linux: the menu entry, the icons and the .jpkg/.jdb file types for the current user
# (~/.local/share), running the built app if there is one, else this checkout's .venv.
install-desktop: $(STAMP)
	packaging/linux/install.sh

# The icons' PNG, ICO and ICNS files from their SVG sources in judging_app/resources/icons/.
icons: $(STAMP)
	$(BIN)/python packaging/render_icons.py

clean:
	rm -rf $(VENV) $(DEMO) build dist *.egg-info
