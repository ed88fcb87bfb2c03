"""Scratch: test-time augmentation of the encoder's probabilities (flip, scales) before the CRF; SC ODS of Algorithm 2 + oracle covering."""
import sys, time, pickle, dataclasses
import numpy as np
from unsupseg.wnet.predict import segment
from unsupseg.wnet.postprocess import dense_crf, connected_regions
from unsupseg.wnet.contours import contours_ucm2
from unsupseg.metrics.bsds import evaluate_image
from common import CACHE, oracle_cov, val_images

ck, rng, out = sys.argv[1], sys.argv[2], sys.argv[3]
model, cfg, images = val_images(ck, rng)
def probs(img, size, flip):
    c = dataclasses.replace(cfg, size=size)
    p = segment(model, c, img)['probs']
    if flip: p = (p + segment(model, c, img.flip(-1))['probs'].flip(-1)) / 2
    return p.numpy()
V = {'base': [(128, False)], 'flip': [(128, True)], 's112_128_144': [(112, False), (128, False), (144, False)],
     'flip_s112_128_144': [(112, True), (128, True), (144, True)], 's96': [(96, False)], 'flip_s96_128': [(96, True), (128, True)]}
res = {v: [] for v in V}; orc = {v: [] for v in V}; nreg = {v: [] for v in V}; t0 = time.time()
for i, img, im, gts, bd in images:
    memo = {}
    for v, spec in V.items():
        p = np.mean([memo[k] if k in memo else memo.setdefault(k, probs(img, *k)) for k in spec], 0)
        regions = connected_regions(dense_crf(im, p, sxy_bilateral=10).argmax(0))
        ucm2 = contours_ucm2(im, regions, cache_dir=CACHE)
        res[v].append(evaluate_image('ucm2', ucm2, gts, bd, nthresh=99, measures='region')[1])
        orc[v].append(np.mean([oracle_cov(regions, g) for g in gts])); nreg[v].append(int(regions.max()))
    print(i, f'{time.time()-t0:.0f}s', flush=True)
pickle.dump((res, nreg), open(out + '.pkl', 'wb')); pickle.dump(orc, open(out + '.orc', 'wb'))
