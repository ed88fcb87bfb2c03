"""One-off migration (issue 21): add `kind` (core.METRICS_KINDS) and, for a method's runs, `method` to every metrics.json
under runs/ that predates them, so that the report, README and `unsupseg run`'s headline dispatch on the declared kind
instead of guessing it from the keys. This file is the only place that still recognises a run by its keys, once, by
the rules the report used before; it changes no number (every other key and value is written back as read).

    python tools/migrate_metrics_kind.py [RUNS_DIR]     # default: runs/; idempotent; prints what it changed
"""
import sys
from pathlib import Path

from unsupseg.core import load_json, save_json


def legacy_kind(m: dict) -> tuple[str, str | None] | None:
    "(kind, method) of a metrics.json written before `kind`, by the rules the report applied to it; None if unknown."
    if 'bsds' in m or 'bsds_raw' in m: return 'partitions', 'wnet'
    if 'methods' in m: return 'classical', None
    if isinstance(m.get('test'), dict) and 'iou' in m['test']: return 'foreground', 'redo'
    if 'datasets' in m and 'published_table_iii' in m: return 'knn', None
    if 'segments_used' in m: return 'quickstart', None
    return None


def migrate(runs: Path) -> list[tuple[Path, str]]:
    changed = []
    for p in sorted(runs.rglob('metrics.json')):
        m = load_json(p)
        if not isinstance(m, dict) or 'kind' in m or (found := legacy_kind(m)) is None: continue
        kind, method = found
        save_json(p, {'kind': kind, **({'method': method} if method and 'method' not in m else {}), **m})
        changed.append((p, kind))
    return changed


if __name__ == '__main__':
    root = Path(sys.argv[1] if len(sys.argv) > 1 else 'runs')
    done = migrate(root)
    for p, k in done: print(f'{k:11s} {p}')
    print(f'{len(done)} metrics.json given a kind under {root}')
