#!/usr/bin/env python
"""Execute the chapter notebooks in place, so that they are committed *with* their outputs (figures, tables) and a
reader browsing the repository sees them without JupyterLab or a docs site (Quarto cannot be installed here).

    python tools/docs.py [nbs/10_redo.models.ipynb ...] [--timeout 1800]      # `make docs`: every chapter

Chapters run as the tests run them (`IN_TEST=1`: smoke configurations, temporary run folders; cells flagged with
a test flag such as `#| slow`, or `#| eval: false`, are not executed, as nbdev_test skips them). Figures are
stored as PNG at 80 dpi. Afterwards `nbdev_clean` strips execution counts and metadata; outputs stay
(`clear_all = False` in settings.ini). A notebook that fails is left unchanged and the command exits non-zero.
Editing a notebook with tools/nbpct.py drops its outputs: run this again for that notebook.
"""
import argparse, configparser, os, re, subprocess, sys, time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
SKIP_TAG = 'skip-execution'        # nbclient's own tag for cells it must not run
SETUP = "import matplotlib_inline.backend_inline as _b; _b.set_matplotlib_formats('png'); import matplotlib as _m; _m.rcParams['figure.dpi'] = 80"


def chapters() -> list[Path]:
    "The chapter notebooks: nbs/NN*.ipynb (numbered), not the experiment notebooks that papermill runs."
    return sorted(p for p in (ROOT / 'nbs').glob('[0-9][0-9]*.ipynb'))


def skipped(source: str, flags: set[str]) -> bool:
    "Whether nbdev_test would skip a cell: a `#| eval: false` directive or a test flag (`#| slow`) not asked for."
    for line in source.splitlines():
        m = re.match(r'\s*#\s*\|\s*(.*)', line)
        if not m: continue
        d = m.group(1).strip()
        if re.fullmatch(r'eval\s*:\s*false', d, re.I) or d in flags: return True
    return False


def execute(path: Path, timeout: int, flags: set[str]) -> float:
    nb = nbformat.read(path, as_version=4)
    tagged = []
    for c in nb.cells:
        if c.cell_type == 'code' and skipped(c.source, flags):
            tags = c.metadata.setdefault('tags', [])
            if SKIP_TAG not in tags: tags.append(SKIP_TAG); tagged.append(c)
    nb.cells.insert(0, nbformat.v4.new_code_cell(SETUP))
    t = time.time()
    NotebookClient(nb, timeout=timeout, kernel_name='python3', resources={'metadata': {'path': str(path.parent)}}).execute()
    nb.cells.pop(0)
    for c in tagged:
        c.metadata['tags'].remove(SKIP_TAG)
        if not c.metadata['tags']: del c.metadata['tags']
    nbformat.write(nb, path)
    return time.time() - t


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('notebooks', nargs='*', type=Path, help='default: every chapter (nbs/NN*.ipynb)')
    ap.add_argument('--timeout', type=int, default=1800, help='seconds per cell')
    a = ap.parse_args(argv)
    cfg = configparser.ConfigParser(); cfg.read(ROOT / 'settings.ini')
    flags = set(cfg['DEFAULT'].get('tst_flags', '').split())
    os.environ['IN_TEST'] = '1'
    paths = [p.resolve() for p in a.notebooks] or chapters()
    failed = []
    for p in paths:
        if not p.is_file(): sys.exit(f'docs: {p} is not a notebook')
        try:
            s = execute(p, a.timeout, flags)
            print(f'executed {p.relative_to(ROOT)} in {s:.0f} s ({p.stat().st_size / 1024:.0f} KB with outputs)', flush=True)
        except Exception as e:
            failed.append(p); print(f'FAILED {p.relative_to(ROOT)}: {type(e).__name__}: {str(e).strip().splitlines()[-1] if str(e).strip() else ""}', flush=True)
    subprocess.run([str(Path(sys.executable).parent / 'nbdev_clean'), '--fname', str(ROOT / 'nbs')], cwd=ROOT, check=True)
    total = sum(p.stat().st_size for p in chapters()) / 2 ** 20
    print(f'{len(paths) - len(failed)} executed, {len(failed)} failed; chapters with outputs: {total:.1f} MB in all')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
