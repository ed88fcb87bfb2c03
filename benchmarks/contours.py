#!/usr/bin/env python
"""Seconds per 481x321 image for each contour cue of `wnet.contours` (brightness, colour, texture), for mPb (all
12 cue maps and their combination), for sPb (the spectral globalisation), for the oriented watershed + UCM, and
for `contours_ucm2` end to end (gPb-owt-ucm). Target: mPb <= 10 s per image on 2 cores.

The images are BSDS500 val images when the shared data is present (else a synthetic 481x321 mosaic); each
stage is timed on every image and the median is reported. The machine's load average is printed before and
after: these are CPU timings, and on a loaded machine they are slower. Each stage is timed with 1 and with 2
torch threads; the headline figures are those of the faster setting. Prints a table, then one JSON line:

    {"mpb_s": ..., "brightness_s": ..., "colour_s": ..., "texture_s": ..., "spb_s": ..., "owt_ucm_s": ..., "total_s": ..., ...}

    .venv/bin/python benchmarks/contours.py [--images 3] [--threads 1,2]
"""
import argparse, json, os, platform, time

import numpy as np
import scipy
import skimage
import torch
from skimage import color, io

from unsupseg.core import shared_data_dir
from unsupseg.wnet import contours as C


def images(n: int):
    "`n` 481x321 RGB images: BSDS500 val (landscape ones) if present, else synthetic mosaics."
    d = shared_data_dir()
    val = d / 'BSDS500' / 'data' / 'images' / 'val' if d else None
    if val is not None and val.is_dir():
        out = []
        for p in sorted(val.glob('*.jpg')):
            im = io.imread(p)
            if im.shape[:2] == (321, 481): out.append((p.stem, im))
            if len(out) == n: return out
    rng = np.random.default_rng(0)
    cells = rng.integers(0, 256, (n, 7, 10, 3)).astype(np.uint8)
    return [(f'mosaic{i}', np.clip(c.repeat(46, 0).repeat(49, 1)[:321, :481] + rng.normal(0, 10, (321, 481, 3)), 0, 255).astype(np.uint8))
            for i, c in enumerate(cells)]


def timed(f):
    t = time.perf_counter(); out = f(); return time.perf_counter() - t, out


def stages(im) -> dict:
    "Seconds of each stage on one image."
    s = {}
    s['lab'], lab = timed(lambda: color.rgb2lab(im))
    s['brightness'], _ = timed(lambda: C.chi2_gradients(C.soft_bins(lab[..., 0], *C.LAB_RANGES[0], C.N_BINS, C.BIN_SMOOTHING[0] * C.N_BINS), C.RADII[0]))
    s['colour'], _ = timed(lambda: [C.chi2_gradients(C.soft_bins(lab[..., c], *C.LAB_RANGES[c], C.N_BINS, C.BIN_SMOOTHING[c] * C.N_BINS), C.RADII[c]) for c in (1, 2)])
    s['textons'], t = timed(lambda: C.texton_map(im))
    s['texture_gradient'], _ = timed(lambda: C.chi2_gradients(np.eye(len(C.load_textons()['textons']), dtype=np.float32)[:, t], C.RADII[3]))
    s['texture'] = s['textons'] + s['texture_gradient']
    s['mpb'], (m, E) = timed(lambda: C.mpb(im))
    s['spb'], S = timed(lambda: C.spb(m))
    s['owt_ucm'], u = timed(lambda: C.owt_ucm(E + C.SPB_WEIGHT * S, scale=C.GPB_UCM_SCALE))
    s['total'] = s['mpb'] + s['spb'] + s['owt_ucm']
    assert u.shape == (2 * im.shape[0] + 1, 2 * im.shape[1] + 1)
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--images', type=int, default=3)
    ap.add_argument('--threads', default='1,2', help='torch thread counts to time, comma-separated')
    a = ap.parse_args()
    load_before = os.getloadavg()
    ims = images(a.images)
    keys = ['brightness', 'colour', 'textons', 'texture_gradient', 'texture', 'mpb', 'spb', 'owt_ucm', 'total']
    rows, med = [], {}
    for th in map(int, a.threads.split(',')):
        torch.set_num_threads(th)
        C.mpb(ims[0][1][:64, :64])                  # warm-up: textons, FFT plans
        rows += [dict(image=name, threads=th, **stages(im)) for name, im in ims]
        med[th] = {k: float(np.median([r[k] for r in rows if r['threads'] == th])) for k in keys}
    load_after = os.getloadavg()
    best_th = min(med, key=lambda t: med[t]['mpb'])
    best = med[best_th]
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}, "
          f"numpy {np.__version__}, scipy {scipy.__version__}, scikit-image {skimage.__version__}")
    print(f"load average (1, 5, 15 min): {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f} before, "
          f"{load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} after")
    print(f"\n{'image':10s} {'threads':>7s} " + ' '.join(f'{k:>16s}' for k in keys))
    for th in med:
        for r in rows:
            if r['threads'] == th: print(f"{r['image']:10s} {th:7d} " + ' '.join(f'{r[k]:16.2f}' for k in keys))
        print(f"{'median':10s} {th:7d} " + ' '.join(f'{med[th][k]:16.2f}' for k in keys))
    print("seconds per 481x321 image. brightness: L* gradients at 3 radii; colour: a* and b*; texture: texton map + its gradients; "
          "mpb: all 12 cue maps (incl. the Lab conversion) and their combination; spb: affinity, 17 eigenvectors, their gradients; "
          "owt_ucm: watershed, arc orientations, merging; total = mpb + spb + owt_ucm (= contours_ucm2, gPb-owt-ucm). "
          "threads: torch's intra-op threads (on a loaded machine 1 can beat 2: the threads wait for each other).")
    met = best['mpb'] <= 10
    print(f"target: mPb <= 10 s per image: {'MET' if met else 'NOT MET'} ({best['mpb']:.1f} s with {best_th} thread(s), "
          f"load average {load_after[0]:.1f} on {os.cpu_count()} cores)")
    print(json.dumps({'mpb_s': round(best['mpb'], 2), 'brightness_s': round(best['brightness'], 2), 'colour_s': round(best['colour'], 2),
                      'texture_s': round(best['texture'], 2), 'spb_s': round(best['spb'], 2), 'owt_ucm_s': round(best['owt_ucm'], 2),
                      'total_s': round(best['total'], 2), 'threads': best_th, 'target_met': met, 'images': len(ims),
                      'mpb_s_by_threads': {str(t): round(m['mpb'], 2) for t, m in med.items()}, 'cores': os.cpu_count(),
                      'load_avg_1min_before': round(load_before[0], 2), 'load_avg_1min_after': round(load_after[0], 2), 'rows': rows}))


if __name__ == '__main__':
    main()
