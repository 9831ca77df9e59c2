# Two commands do all the set-up: `make run` (the app) and `make test` (the tests).
# Both create .venv on first use. torch is pinned so pip takes the CPU wheel, never a CUDA build.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test train bench screenshots clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt "torch==2.13.0"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

train: $(STAMP)
	$(PY) main.py train assets/tinyshakespeare.txt --out runs/cli-quick

bench: $(STAMP)
	$(PY) bench/throughput.py
	$(PY) bench/time_to_quality.py
	$(PY) bench/engine_speed.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/app_speed.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/explain_speed.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) docs/render_screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache artifacts
