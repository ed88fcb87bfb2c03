"""Scratch: test-time augmentation of the encoder's probabilities (flip, scales) before the CRF; SC ODS of Algorithm 2 + oracle covering."""
import sys, time, pickle, dataclasses
import numpy as np, torch
from unsupseg.wnet.predict import load_wnet, segment
from unsupseg.wnet.train import wnet_datasets
from unsupseg.wnet.postprocess import dense_crf, connected_regions
from unsupseg.wnet.contours import contours_ucm2
from unsupseg.metrics.bsds import evaluate_image

def cont(a, b):
    _, ia = np.unique(a, return_inverse=True); _, ib = np.unique(b, return_inverse=True)
    M = np.zeros((ia.max() + 1, ib.max() + 1)); np.add.at(M, (ia.ravel(), ib.ravel()), 1); return M
def oracle_cov(regions, g):
    M = cont(regions, g)                          # regions × gt segments
    lab = M.argmax(1)                             # each region to its majority gt segment
    merged = np.zeros((M.shape[1], M.shape[1])); np.add.at(merged, lab, M)   # merged segment × gt segment
    inter = merged.T                              # gt × merged (merged index = gt index it was assigned to)
    gs, ms = inter.sum(1), inter.sum(0)
    iou = inter / (gs[:, None] + ms[None] - inter + 1e-12)
    return float((gs * iou.max(1)).sum() / gs.sum())

ck, rng, out = sys.argv[1], sys.argv[2], sys.argv[3]; a, n = map(int, rng.split(':'))
model, cfg = load_wnet(ck, 'cpu'); _, ds = wnet_datasets(cfg, 'train', 'val', None)
def probs(img, size, flip):
    c = dataclasses.replace(cfg, size=size)
    p = segment(model, c, img)['probs']
    if flip: p = (p + segment(model, c, img.flip(-1))['probs'].flip(-1)) / 2
    return p.numpy()
V = {'base': [(128, False)], 'flip': [(128, True)], 's112_128_144': [(112, False), (128, False), (144, False)],
     'flip_s112_128_144': [(112, True), (128, True), (144, True)], 's96': [(96, False)], 'flip_s96_128': [(96, True), (128, True)]}
res = {v: [] for v in V}; orc = {v: [] for v in V}; nreg = {v: [] for v in V}; t0 = time.time()
for i in range(a, n):
    s = ds[i]; img = (s['image'] * 255).round().to(torch.uint8); im = img.permute(1, 2, 0).numpy().copy()
    gts = [g.numpy() for g in s['segmentations']]; bd = [b.numpy() for b in s['boundaries']]
    memo = {}
    for v, spec in V.items():
        ps = [memo.setdefault(k, probs(img, *k)) for k in spec]
        p = np.mean(ps, 0)
        regions = connected_regions(dense_crf(im, p, sxy_bilateral=10).argmax(0))
        ucm2 = contours_ucm2(im, regions, cache_dir='/work/main/.cache/contours')
        res[v].append(evaluate_image('ucm2', ucm2, gts, bd, nthresh=99, measures='region')[1])
        orc[v].append(np.mean([oracle_cov(regions, g) for g in gts])); nreg[v].append(int(regions.max()))
    print(i, f'{time.time()-t0:.0f}s', flush=True)
pickle.dump((res, nreg), open(out + '.pkl', 'wb')); pickle.dump(orc, open(out + '.orc', 'wb'))
