"""Scratch: the best covering any merging of a partition's regions can reach (each region given the GT segment it overlaps most, per GT)."""
import sys, pickle, numpy as np, torch
from unsupseg.wnet.predict import load_wnet, segment
from unsupseg.wnet.train import wnet_datasets
from unsupseg.wnet.postprocess import dense_crf, connected_regions
from unsupseg.wnet.contours import oriented_strength
from skimage.segmentation import watershed

def covering(seg, gt):       # covering of gt by seg: Σ_R |R| max_S overlap(R,S)/N  (R in gt)
    out = 0.
    for r in np.unique(gt):
        m = gt == r; best = 0.
        for s in np.unique(seg[m]):
            ms = seg == s
            best = max(best, (m & ms).sum() / (m | ms).sum())
        out += m.sum() * best
    return out / gt.size

def oracle(regions, gt):
    lab = np.zeros_like(regions)
    for r in np.unique(regions):
        m = regions == r; v, c = np.unique(gt[m], return_counts=True); lab[m] = v[c.argmax()]
    return lab

ck, rng = sys.argv[1], sys.argv[2]; a, n = map(int, rng.split(':'))
model, cfg = load_wnet(ck, 'cpu'); _, ds = wnet_datasets(cfg, 'train', 'val', None)
rows = []
for i in range(a, n):
    s = ds[i]; img = (s['image'] * 255).round().to(torch.uint8); im = img.permute(1, 2, 0).numpy().copy()
    gts = [g.numpy() for g in s['segmentations']]
    q = dense_crf(im, segment(model, cfg, img)['probs'].numpy(), sxy_bilateral=10)
    crf = connected_regions(q.argmax(0))
    E = oriented_strength(im, cache_dir='/work/main/.cache/contours')
    ws = connected_regions(watershed(np.round(E.max(2), 3)))
    r = []
    for regions in (crf, ws):
        # mean over GTs of the covering of GT j by the oracle merge for GT j (the best any merge reaches, per annotator)
        r.append(np.mean([covering(oracle(regions, g), g) for g in gts]))
    rows.append(r + [crf.max(), ws.max()]); print(i, ['%.3f' % x for x in r], crf.max(), ws.max(), flush=True)
rows = np.array(rows); print('mean oracle covering: crf %.3f  gPb watershed %.3f ; median regions %d / %d' % (rows[:, 0].mean(), rows[:, 1].mean(), np.median(rows[:, 2]), np.median(rows[:, 3])))
