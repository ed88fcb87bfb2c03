"""Scratch: the best covering any merging of a partition's regions can reach (`common.oracle_cov`), for W-Net's CRF
regions and for the watershed of our gPb (gPb-owt-ucm's finest level)."""
import sys
import numpy as np
from skimage.segmentation import watershed
from unsupseg.wnet.predict import segment
from unsupseg.wnet.postprocess import dense_crf, connected_regions
from unsupseg.wnet.contours import oriented_strength
from common import CACHE, oracle_cov, val_images

model, cfg, images = val_images(sys.argv[1], sys.argv[2])
rows = []
for i, img, im, gts, bd in images:
    crf = connected_regions(dense_crf(im, segment(model, cfg, img)['probs'].numpy(), sxy_bilateral=10).argmax(0))
    ws = connected_regions(watershed(np.round(oriented_strength(im, cache_dir=CACHE).max(2), 3)))
    r = [np.mean([oracle_cov(regions, g) for g in gts]) for regions in (crf, ws)]   # mean over annotators
    rows.append(r + [crf.max(), ws.max()]); print(i, ['%.3f' % x for x in r], crf.max(), ws.max(), flush=True)
rows = np.array(rows); print('mean oracle covering: crf %.3f  gPb watershed %.3f ; median regions %d / %d' % (rows[:, 0].mean(), rows[:, 1].mean(), np.median(rows[:, 2]), np.median(rows[:, 3])))
