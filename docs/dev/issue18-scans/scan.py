"""Scratch scan: Algorithm 2 SC ODS on the first N val images of one W-Net checkpoint, under post-processing variants."""
import sys, json, time, dataclasses
import numpy as np, torch
from unsupseg.wnet.predict import segment, _pooled
from unsupseg.wnet.postprocess import dense_crf, connected_regions
from unsupseg.wnet.contours import contours_ucm2
from unsupseg.metrics.bsds import evaluate_image
from common import CACHE, val_images

ck, rng, out = sys.argv[1], sys.argv[2], sys.argv[3]
variants = json.loads(sys.argv[4])       # {name: {size: net short side, crf: {...}, snap: int}}
model, cfg, images = val_images(ck, rng)
res = {v: [] for v in variants}; nreg = {v: [] for v in variants}
t0 = time.time()
for i, img, im, gts, bd in images:
    cache = {}
    for v, o in variants.items():
        c = dataclasses.replace(cfg, size=o.get('size', cfg.size))
        if c.size not in cache: cache[c.size] = segment(model, c, img)['probs'].numpy()
        p = cache[c.size]
        q = dense_crf(im, p, **o.get('crf', {})) if o.get('crf') is not None else p
        regions = connected_regions(q.argmax(0))
        nreg[v].append(int(regions.max()))
        ucm2 = contours_ucm2(im, regions, cache_dir=CACHE, snap=o.get('snap', 0))
        res[v].append(evaluate_image('ucm2', ucm2, gts, bd, nthresh=99, measures='region')[1])
    print(i, f'{time.time()-t0:.0f}s', flush=True)
import pickle; pickle.dump((res, nreg), open(out + '.pkl', 'wb'))
summary = {v: {**_pooled(res[v], 'ucm2', 99), 'regions': float(np.median(nreg[v]))} for v in variants}
for v, r in summary.items(): print(f"{v:24s} SC {r['sc_ods']:.4f}/{r['sc_ois']:.4f} PRI {r['pri_ods']:.3f} VI {r['vi_ods']:.3f} regions {r['regions']:.0f}")
json.dump(summary, open(out, 'w'), indent=1)
