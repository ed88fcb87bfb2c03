#!/usr/bin/env python
"""Images per second through the DataLoader, at 128 px (ReDO) and 224 px (W-Net), with 0, 1 and 2 workers.

The headline pipeline is the real-file one ReDO trains on: a folder in the official Flowers-102 layout
(500x375 JPEG photographs and their JPEG `segmim` masks, built here in a temporary folder from the
embedded *objects* generator), read by `Flowers102` (decode, mask from the segmim, resize short side +
centre crop + random flip) and batched by `collate` at batch size 20. The embedded *objects* and
*mosaics* generators are measured the same way. Prints a table, then one JSON line:

    {"images_per_s_128": ..., "images_per_s_224": ..., "cpu_preset_step_images_per_s": ..., "cached_images_per_s_128": ..., ...}

`images_per_s_*` is the best of the worker counts for the Flowers-layout pipeline.
`cpu_preset_step_images_per_s` is what one training iteration of ReDO's `cpu` preset consumes (its batch
plus the discriminator's batch of real images), measured in the same run; the target is a 128 px file
pipeline at least 5x faster than that; `cached_*` rows measure the same files through `data.core.CachedDataset`
(decoded and resized once, then read from memory), which is what ReDO trains from on real data.

    .venv/bin/python benchmarks/data_loading.py [--images 120] [--seconds 4]
"""
import argparse, json, os, platform, tempfile, time
from pathlib import Path

import numpy as np
import scipy.io
import torch
import torchvision
from PIL import Image
from torch.utils.data import DataLoader

from unsupseg.data.core import CachedDataset, JointTransform, collate
from unsupseg.data.datasets import SEGMIM_BACKGROUND, Flowers102
from unsupseg.data.synthetic import MosaicsDataset, ObjectsDataset

BATCH = 20


def make_flowers_layout(root: Path, n: int) -> Path:
    "n photographs of 500x375 / 375x500 in the Flowers-102 layout (jpg/, segmim/, imagelabels.mat, setid.mat)."
    (root / 'jpg').mkdir(parents=True); (root / 'segmim').mkdir()
    src = ObjectsDataset('train', n=n, size=500)
    for i in range(1, n + 1):
        s = src[i - 1]
        img = (s['image'].permute(1, 2, 0).numpy() * 255).round().astype(np.uint8)
        m = s['mask'][0].numpy().astype(bool)
        crop = (slice(62, 437), slice(None)) if i % 3 else (slice(None), slice(62, 437))   # landscape and portrait
        img, m = img[crop], m[crop]
        seg = img.copy(); seg[~m] = SEGMIM_BACKGROUND
        Image.fromarray(img).save(root / 'jpg' / f'image_{i:05d}.jpg', quality=90)
        Image.fromarray(seg).save(root / 'segmim' / f'segmim_{i:05d}.jpg', quality=90)
    scipy.io.savemat(root / 'imagelabels.mat', {'labels': (np.arange(n) % 102 + 1)[None]})
    scipy.io.savemat(root / 'setid.mat', {'tstid': np.arange(1, n + 1)[None], 'valid': np.array([[1]]), 'trnid': np.array([[2]])})
    return root


def images_per_s(ds, workers: int, seconds: float) -> float:
    "Steady-state images/s: batches of 20, shuffled, after the first batch (worker start-up excluded)."
    dl = DataLoader(ds, batch_size=BATCH, shuffle=True, num_workers=workers, collate_fn=collate,
                    persistent_workers=workers > 0, drop_last=True)
    n, t0, first = 0, None, True
    while True:
        for b in dl:
            if first: first = False; t0 = time.perf_counter(); continue
            n += len(b['image'])
            if time.perf_counter() - t0 >= seconds: return n / (time.perf_counter() - t0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--images', type=int, default=120, help='images in the Flowers-layout folder')
    ap.add_argument('--seconds', type=float, default=4.0, help='measuring time per configuration')
    ap.add_argument('--workers', type=int, nargs='+', default=[0, 1, 2])
    a = ap.parse_args()
    torch.set_num_threads(1)   # the main process does what one core can; workers add cores
    print(f'cores={os.cpu_count()} torch={torch.__version__} torchvision={torchvision.__version__} '
          f'python={platform.python_version()} batch={BATCH} seconds/config={a.seconds}')
    rows, best = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        root = make_flowers_layout(Path(tmp) / 'flowers', a.images)
        print(f'built a Flowers-102-layout folder of {a.images} JPEG pairs in {time.perf_counter() - t:.1f} s')
        print(f"{'pipeline':<34} {'px':>4} {'workers':>8} {'images/s':>9}")
        for size in (128, 224):
            pipelines = {'Flowers102 files (JPEG+segmim)': Flowers102(root, 'train', transform=JointTransform(size, hflip=0.5)),
                         'objects (generated)': ObjectsDataset('train', n=2000, size=size),
                         'mosaics (generated, 5 annot.)': MosaicsDataset('train', n=2000, size=size)}
            for name, ds in pipelines.items():
                for w in a.workers:
                    ips = images_per_s(ds, w, a.seconds)
                    rows.append(dict(pipeline=name, size=size, workers=w, images_per_s=round(ips, 1)))
                    print(f'{name:<34} {size:>4} {w:>8} {ips:>9.1f}', flush=True)
                    if name.startswith('Flowers'): best[size] = max(best.get(size, 0), ips)
            # what training reads from: the same files decoded and resized once (ReDO's official nearest resize), then from memory
            t = time.perf_counter()
            cached = CachedDataset(Flowers102(root, 'train', transform=JointTransform(size, interpolation='nearest-exact')))
            build = time.perf_counter() - t
            ips = images_per_s(cached, 0, a.seconds)
            rows.append(dict(pipeline='Flowers102 files, cached', size=size, workers=0, images_per_s=round(ips, 1), build_s=round(build, 2)))
            print(f"{'Flowers102 files, cached (built in %.1f s)' % build:<34} {size:>4} {0:>8} {ips:>9.1f}", flush=True)
            best[f'cached{size}'] = ips
    step = redo_cpu_step_images_per_s()
    ratio = best[128] / step
    print(f"ReDO cpu-preset training step consumes {step:.1f} images/s (two streams of the batch); the 128 px file "
          f"pipeline delivers {ratio:.1f}x that (target >= 5x): {'OK' if ratio >= 5 else 'BELOW TARGET'}")
    cratio = best['cached128'] / step
    print(f"the cached 128 px pipeline (data.core.CachedDataset, what redo_datasets uses for real data) delivers {cratio:.0f}x that: "
          f"{'OK' if cratio >= 5 else 'BELOW TARGET'}")
    print(json.dumps({'images_per_s_128': round(best[128], 1), 'images_per_s_224': round(best[224], 1),
                      'cpu_preset_step_images_per_s': round(step, 2), 'cached_images_per_s_128': round(best['cached128'], 1),
                      'cached_images_per_s_224': round(best['cached224'], 1), 'cached_over_step_128': round(cratio, 1), 'rows': rows}))


def redo_cpu_step_images_per_s(steps: int = 3) -> float:
    "Images per second one ReDO training iteration at the `cpu` preset consumes (batch and D's real batch)."
    from unsupseg.redo.train import ReDOConfig, ReDOTrainer
    torch.set_num_threads(os.cpu_count())    # the training step itself uses every core
    cfg = ReDOConfig.from_preset('cpu')
    tr = ReDOTrainer(cfg)
    b = {'image': torch.rand(cfg.batch_size, 3, cfg.size, cfg.size)}
    tr.step(b, b)                              # warm-up
    t = time.perf_counter()
    for _ in range(steps): tr.step(b, b)
    return 2 * cfg.batch_size * steps / (time.perf_counter() - t)

if __name__ == '__main__':
    main()
