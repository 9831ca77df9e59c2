# Two commands do all the set-up: `make run` (the app) and `make test` (the tests).
# Both create .venv on first use. torch is pinned so pip takes the CPU wheel, never a CUDA build.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

QM     := playground/i18n/playground_pt_BR.qm

.PHONY: run test train bench screenshots translations clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt "torch==2.13.0"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

# the Portuguese translation, compiled from its .ts source by Qt's own pyside6-lrelease
$(QM): playground/i18n/playground_pt_BR.ts $(STAMP)
	$(PY) -m playground.translations release

run: $(STAMP) $(QM)
	$(PY) main.py

test: $(STAMP) $(QM)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 --dist loadfile

train: $(STAMP)
	$(PY) main.py train assets/tinyshakespeare.txt --out runs/cli-quick

bench: $(STAMP)
	$(PY) bench/throughput.py
	$(PY) bench/time_to_quality.py --optimizer adamw
	$(PY) bench/time_to_quality.py --optimizer muon
	$(PY) bench/pretrained_speed.py
	$(PY) bench/engine_speed.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/app_speed.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/explain_speed.py

# after changing user-facing strings: refresh the .ts from the code (pyside6-lupdate), then translate the new
# entries (Qt Linguist: .venv/bin/pyside6-linguist playground/i18n/playground_pt_BR.ts)
translations: $(STAMP)
	$(PY) -m playground.translations update

screenshots: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) docs/render_screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) docs/render_tour_screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache artifacts $(QM)
