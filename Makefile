# unsupseg: the two commands of README's quick start are `make run` and `make test`.
# Both create the virtual environment .venv/ from requirements-lock.txt the first time and reuse it after.
SHELL := bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.unsupseg-installed
# The main job: the notebook `make run` executes into runs/<notebook>/<run-id>/.
MAIN_NOTEBOOK := nbs/train_redo.ipynb
MAIN_PARAMS := -p preset cpu

.PHONY: setup run test test-slow lab export readme lock studies docs gallery

setup: $(STAMP)

$(STAMP): requirements-lock.txt setup.py settings.ini
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "unsupseg: the pinned environment needs Python >= 3.11, found " + sys.version.split()[0] + "; run make PYTHON=/path/to/python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -c 'import shutil, sys; free = shutil.disk_usage(".").free / 2**30; sys.exit(0 if free >= 8 else f"unsupseg: creating $(VENV) needs about 8 GB of free disk (torch is ~6 GB), only {free:.1f} GB free here; free some space and run make setup again")'
	@test -x $(BIN)/python || { echo "unsupseg: creating $(VENV) (first time only; torch makes it a few minutes and ~6 GB)"; $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

run: setup
	$(BIN)/unsupseg run $(MAIN_NOTEBOOK) $(MAIN_PARAMS)

# Every ReDO study, in an order that lets later studies reuse earlier runs (`reuse: true`), each followed by its
# report notebook (runs/<study>/report/ and summary.json). Resumable: run it again to finish what is missing.
STUDIES := redo-cpu redo-attention redo-redraw redo-zrec redo-regularizers redo-collapse wnet-bsds
WORKERS ?= 1
studies: setup
	@for s in $(STUDIES); do \
	  $(BIN)/unsupseg sweep studies/$$s.yaml --workers $(WORKERS) \
	  && $(BIN)/unsupseg run nbs/report_study.ipynb -p spec studies/$$s.yaml --experiment $$s --run-id report || exit 1; \
	done

test: setup
	$(BIN)/python tools/run_tests.py

test-slow: setup
	$(BIN)/python tools/run_tests.py --flags slow

lab: setup
	$(BIN)/jupyter lab nbs

export: setup
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean

readme: setup
	$(BIN)/python tools/readme.py

# Re-pin the environment after changing dependencies (GPU wheels are Linux-only, hence the markers).
lock: setup
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -E '^(pip|unsupseg)==' \
	  | sed -E 's/^((nvidia-|triton|cuda-)[^ ;]*)$$/\1 ; sys_platform == "linux"/' > requirements-lock.txt

# The chapter notebooks, executed in place with their outputs (figures), as the tests run them.
docs: setup
	$(BIN)/python tools/docs.py

# README's gallery figure (docs/gallery.png) from runs/redo-cpu/preset-seed0's local checkpoint.
gallery: setup
	$(BIN)/python tools/gallery.py
