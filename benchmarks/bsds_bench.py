#!/usr/bin/env python
"""Speed of the BSDS benchmark (`unsupseg.metrics.bsds`) on the full BSDS500 test set: 200 images x 99 thresholds
of a hierarchy (`ucm2`) built by a classical method (Felzenszwalb superpixels merged by single linkage on colour,
`unsupseg.metrics.baselines.classical_hierarchy`), region benchmark and boundary benchmark timed separately, with the
official conformance cases re-checked first. Prints a table, then one JSON line.

    .venv/bin/python benchmarks/bsds_bench.py [--workers 2] [--images 200] [--nthresh 99] [--cache DIR]

The hierarchies are computed once and cached (default: $TMPDIR/unsupseg-bsds-bench/ucm2); their construction is
timed but is not part of the benchmark.
"""
import argparse, json, os, platform, resource, sys, tempfile, time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import scipy, scipy.io as sio, skimage

from unsupseg.core import shared_data
from unsupseg.metrics.baselines import classical_hierarchy
from unsupseg.metrics.bsds import CONFORMANCE, CONFORMANCE_TOL, bsds_summary, conformance_errors, evaluate_bsds


def _hierarchy(job):
    img, out = job
    if not Path(out).exists():
        u = classical_hierarchy(skimage.io.imread(img))
        tmp = str(out) + '.tmp.mat'
        sio.savemat(tmp, {'ucm2': u}, do_compression=True); os.replace(tmp, out)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--workers', type=int, default=min(os.cpu_count() or 1, 2))
    ap.add_argument('--images', type=int, default=200, help='first N test images (default: all 200)')
    ap.add_argument('--nthresh', type=int, default=99)
    ap.add_argument('--cache', default=str(Path(tempfile.gettempdir()) / 'unsupseg-bsds-bench'))
    a = ap.parse_args()
    bsds = shared_data('BSDS500', why='the BSDS benchmark timing needs BSDS500')
    if bsds is None: sys.exit(1)
    os.environ.setdefault('UNSUPSEG_PROGRESS', 'off')

    conf = bsds / 'conformance'
    worst = {}
    with tempfile.TemporaryDirectory() as tmp:
        for case, (pred, measures, names) in CONFORMANCE.items():
            evaluate_bsds(conf / pred, conf / 'groundTruth', Path(tmp) / case, nthresh=5, measures=measures, workers=a.workers)
            errs = conformance_errors(Path(tmp) / case, conf / case, names)
            bad = {n: e for n, e in errs.items() if e > CONFORMANCE_TOL.get(n, 0)}
            if bad: sys.exit(f'conformance {case} fails: {bad}')
            worst.update({f'{case}/{n}': e for n, e in errs.items()})
    region_worst = max(e for k, e in worst.items() if '/bdry' not in k)
    bdry_worst = max(e for k, e in worst.items() if k.endswith('/bdry') or k.endswith('/bdry_thr'))

    ids = sorted(p.stem for p in (bsds / 'data' / 'groundTruth' / 'test').glob('*.mat'))[:a.images]
    cache = Path(a.cache) / 'ucm2'; cache.mkdir(parents=True, exist_ok=True)
    gt = Path(a.cache) / f'gt{len(ids)}'; gt.mkdir(exist_ok=True)
    for i in ids:
        if not (gt / f'{i}.mat').exists(): os.symlink(bsds / 'data' / 'groundTruth' / 'test' / f'{i}.mat', gt / f'{i}.mat')
    pred = Path(a.cache) / f'pred{len(ids)}'; pred.mkdir(exist_ok=True)
    t = time.perf_counter()
    jobs = [(bsds / 'data' / 'images' / 'test' / f'{i}.jpg', cache / f'{i}.mat') for i in ids]
    with ProcessPoolExecutor(a.workers) as ex: list(ex.map(_hierarchy, jobs))
    for i in ids:
        if not (pred / f'{i}.mat').exists(): os.symlink(cache / f'{i}.mat', pred / f'{i}.mat')
    prep_s = time.perf_counter() - t
    levels = np.mean([len(np.unique(sio.loadmat(cache / f'{i}.mat')['ucm2'])) - 1 for i in ids[:20]])

    def timed(measures):
        # wall time, and the CPU time of this process and its workers (a pool's children are counted once it exits):
        # on a shared machine the CPU time / workers says what the wall time would be on idle cores
        c0 = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        t = time.perf_counter()
        res = evaluate_bsds(pred, gt, None, nthresh=a.nthresh, measures=measures, workers=a.workers)
        wall = time.perf_counter() - t
        c1 = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        cpu = sum(y.ru_utime + y.ru_stime - x.ru_utime - x.ru_stime for x, y in zip(c0, c1))
        return res, wall, cpu
    load0 = os.getloadavg()[0]
    reg, region_s, region_cpu = timed('region')
    bdry, boundary_s, boundary_cpu = timed('boundary')
    s = {**bsds_summary(reg), **bsds_summary(bdry)}

    print(f'cores={os.cpu_count()} workers={a.workers} python={platform.python_version()} numpy={np.__version__} '
          f'scipy={scipy.__version__} scikit-image={skimage.__version__}')
    print(f'input: {len(ids)} BSDS500 test images, Felzenszwalb + single-linkage ucm2 hierarchies '
          f'(~{levels:.0f} distinct contour levels per image; built in {prep_s:.0f} s, cached in {cache})')
    print(f'conformance re-checked: region files identical as printed (max diff {region_worst:.1e}), '
          f'pooled boundary files max diff {bdry_worst:.1e}')
    print(f'load average (1 min) before / after: {load0:.1f} / {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores')
    print(f"{'benchmark':<10} {'images':>6} {'thresholds':>10} {'seconds':>8} {'CPU s':>8} {'CPU s/workers':>13} {'target s':>8}  result")
    print(f"{'region':<10} {len(ids):>6} {a.nthresh:>10} {region_s:>8.1f} {region_cpu:>8.1f} {region_cpu / a.workers:>13.1f} {60:>8}  "
          f"SC {s['cover_ods']:.4f}/{s['cover_ois']:.4f}/{s['cover_best']:.4f}  PRI {s['pri_ods']:.4f}/{s['pri_ois']:.4f}  VI {s['vi_ods']:.4f}/{s['vi_ois']:.4f}")
    print(f"{'boundary':<10} {len(ids):>6} {a.nthresh:>10} {boundary_s:>8.1f} {boundary_cpu:>8.1f} {boundary_cpu / a.workers:>13.1f} {600:>8}  "
          f"F ODS {s['bdry_ods_f']:.4f}  OIS {s['bdry_ois_f']:.4f}  AP {s['bdry_ap']:.4f}")
    print(json.dumps({'images': len(ids), 'thresholds': a.nthresh, 'region_s': round(region_s, 2), 'boundary_s': round(boundary_s, 2)}))


if __name__ == '__main__':
    main()
