#!/usr/bin/env python
"""Cost of safe checkpoints: atomic `save_checkpoint` (temp file + fsync + rename) against a plain
`torch.save`, and `load_checkpoint` (weights_only=True) against `torch.load(weights_only=False)`,
for training states of several sizes. Prints a table, then one JSON line.

    .venv/bin/python benchmarks/checkpoint_io.py [--sizes-mb 10 100 400] [--repeats 3]
"""
import argparse, json, os, platform, statistics, tempfile, time
from pathlib import Path

import torch

from unsupseg.core import load_checkpoint, save_checkpoint


def timed(f, repeats):
    ts = []
    for _ in range(repeats):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sizes-mb', type=float, nargs='+', default=[10, 100, 400])
    ap.add_argument('--repeats', type=int, default=3)
    a = ap.parse_args()
    print(f'cores={os.cpu_count()} torch={torch.__version__} python={platform.python_version()} repeats={a.repeats} (median)')
    print(f"{'state MB':>9} {'torch.save s':>13} {'atomic save s':>14} {'overhead':>9} {'load unsafe s':>14} {'load safe s':>12}")
    rows = []
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        for mb in a.sizes_mb:
            n = int(mb * 2**20 / 4 / 4)
            state = {'model': {f'w{i}': torch.randn(n) for i in range(4)}, 'iteration': 1, 'rng': torch.get_rng_state()}
            plain, safe = Path(tmp) / 'plain.pt', Path(tmp) / 'safe.pt'
            t_plain = timed(lambda: torch.save(state, plain), a.repeats)
            t_atomic = timed(lambda: save_checkpoint(state, safe), a.repeats)
            t_load_unsafe = timed(lambda: torch.load(plain, weights_only=False), a.repeats)
            t_load_safe = timed(lambda: load_checkpoint(safe), a.repeats)
            rows.append(dict(state_mb=mb, torch_save_s=round(t_plain, 4), atomic_save_s=round(t_atomic, 4),
                             load_unsafe_s=round(t_load_unsafe, 4), load_safe_s=round(t_load_safe, 4)))
            print(f'{mb:9.0f} {t_plain:13.3f} {t_atomic:14.3f} {t_atomic / t_plain:8.2f}x {t_load_unsafe:14.3f} {t_load_safe:12.3f}')
    print(json.dumps({'benchmark': 'checkpoint_io', 'cores': os.cpu_count(), 'torch': torch.__version__, 'rows': rows}))


if __name__ == '__main__':
    main()
