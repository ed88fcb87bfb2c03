"""What the scans share: the val images with their ground truth, the project's contour cache, and the oracle covering."""
import numpy as np, torch
from unsupseg.wnet.contours import default_cache_dir
from unsupseg.wnet.predict import load_wnet
from unsupseg.wnet.train import wnet_datasets

CACHE = default_cache_dir()      # the gPb cache (.cache/contours) that train_wnet's evaluation reads too

def val_images(ck, rng):
    "(model, cfg, iterator of (index, uint8 3×H×W tensor, H×W×3 array, segmentations, boundaries)) of val images `a:n`."
    a, n = map(int, rng.split(':'))
    model, cfg = load_wnet(ck, 'cpu')
    _, ds = wnet_datasets(cfg, 'train', 'val', None)
    def it():
        for i in range(a, min(n, len(ds))):
            s = ds[i]; img = (s['image'] * 255).round().to(torch.uint8)
            yield i, img, img.permute(1, 2, 0).numpy().copy(), [g.numpy() for g in s['segmentations']], [b.numpy() for b in s['boundaries']]
    return model, cfg, it()

def oracle_cov(regions, g):
    "The best covering of ground truth `g` that any merging of `regions` reaches: each region joins the segment it overlaps most."
    _, ia = np.unique(regions, return_inverse=True); _, ib = np.unique(g, return_inverse=True)
    M = np.zeros((ia.max() + 1, ib.max() + 1)); np.add.at(M, (ia.ravel(), ib.ravel()), 1)   # regions × gt segments
    inter = np.zeros((M.shape[1], M.shape[1])); np.add.at(inter, M.argmax(1), M)           # merged (= gt index) × gt
    inter = inter.T
    gs, ms = inter.sum(1), inter.sum(0)
    return float((gs * (inter / (gs[:, None] + ms[None] - inter + 1e-12)).max(1)).sum() / gs.sum())
