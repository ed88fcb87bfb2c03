#!/usr/bin/env python
"""Run the test suite: `nbdev_test` over every notebook in nbs/, then print `N passed, N failed`.

nbdev_test itself only prints "Success." or the names of the failing notebooks; this wrapper counts the
notebooks it tested (each notebook is one test) so that CI and people see the totals.

    python tools/run_tests.py [--flags slow] [--path nbs/00_core.ipynb] [--workers 2]
"""
import argparse, os, re, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def eligible(path=None):
    from nbdev.doclinks import nbglob
    files = sorted(Path(f).absolute() for f in nbglob(path, as_path=True))
    # nbdev_test skips notebooks beside a `.notest` file; count the same set.
    return [f for f in files if not (f.parent / '.notest').exists()]


def syntax_errors(files) -> dict:
    """{notebook name: message} for code cells that do not compile. nbdev_test (execnb) reports a cell with a SyntaxError
    as passed and runs on, so a test cell broken by an edit would be skipped silently: every cell is compiled first,
    after IPython's own transformations (magics, `!` commands)."""
    import nbformat
    from IPython.core.inputtransformer2 import TransformerManager
    tm, bad = TransformerManager(), {}
    for f in files:
        for i, c in enumerate(nbformat.read(f, as_version=4).cells):
            if c.cell_type != 'code': continue
            try: compile(tm.transform_cell(c.source), f'{f.name} cell {i}', 'exec')
            except SyntaxError as e:
                bad.setdefault(f.name, f'{f.name}, cell {i}, line {e.lineno}: {type(e).__name__}: {e.msg}')
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--flags', default='', help='test flags to run that are normally skipped, e.g. "slow"')
    ap.add_argument('--path', default=None, help='a notebook or folder (default: all of nbs/)')
    ap.add_argument('--workers', type=int, default=min(os.cpu_count() or 1, 2))
    a = ap.parse_args()
    os.chdir(ROOT)
    files = eligible(a.path)
    if not files:
        print('no notebooks to test'); print('0 passed, 1 failed'); return 1
    print(f'nbdev_test: {len(files)} notebooks, {a.workers} workers, flags={a.flags!r}', flush=True)
    env = dict(os.environ)
    if a.workers > 1: env.setdefault('OMP_NUM_THREADS', '1')  # one thread per worker: no oversubscription
    cmd = [str(Path(sys.executable).parent / 'nbdev_test'), '--n_workers', str(a.workers), '--timing', '--do_print']
    if a.flags: cmd += ['--flags', a.flags]
    if a.path: cmd += ['--path', a.path]
    t0 = time.time()
    p = subprocess.run(cmd, env=env, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(p.stderr)
    names = [f.name for f in files]
    broken = syntax_errors(files)
    for msg in broken.values(): print(f'SyntaxError (nbdev_test would skip the cell and pass): {msg}')
    if p.returncode == 0:
        failed = list(broken)
    else:
        m = re.search(r'nbdev Tests Failed On The Following Notebooks:\n=+\n(.*)', p.stderr, re.S)
        failed = [l.strip() for l in m.group(1).splitlines() if l.strip()] if m else names
        if not m: print(f'nbdev_test exited with code {p.returncode} without naming failures: counting every notebook as failed')
        failed += [n for n in broken if n not in failed]
    for n in names: print(f"{'FAIL' if n in failed else 'PASS'}  {n}")
    n_fail = sum(n in failed for n in names)
    print(f'tested in {time.time() - t0:.0f} s')
    print(f'{len(names) - n_fail} passed, {n_fail} failed')
    return 1 if n_fail else 0


if __name__ == '__main__':
    sys.exit(main())
