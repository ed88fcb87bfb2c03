"""Scratch: cues computed on the CRF output (K class channels as a histogram) vs on the image, on CRF regions."""
import sys, time, pickle
import numpy as np, torch
from unsupseg.wnet.predict import segment
from unsupseg.wnet.postprocess import dense_crf, connected_regions
from unsupseg.wnet.contours import oriented_strength, owt_levels, chi2_gradients, GPB_UCM_SCALE
from unsupseg.metrics.bsds import evaluate_image
from common import CACHE, val_images

ck, rng, out = sys.argv[1], sys.argv[2], sys.argv[3]
model, cfg, images = val_images(ck, rng)
V = ['img', 'crf_r5_10_20', 'crf_r3_5_10', 'crf_onehot', 'img+0.5crf', 'img+1crf', 'img+2crf']
res = {v: [] for v in V}; t0 = time.time()
for i, img, im, gts, bd in images:
    q = dense_crf(im, segment(model, cfg, img)['probs'].numpy(), sxy_bilateral=10)
    lab = q.argmax(0); regions = connected_regions(lab)
    Eimg = oriented_strength(im, cache_dir=CACHE) / GPB_UCM_SCALE
    Ec = chi2_gradients(q, (5, 10, 20)).mean(0).transpose(1, 2, 0)
    Ec2 = chi2_gradients(q, (3, 5, 10)).mean(0).transpose(1, 2, 0)
    Eoh = chi2_gradients(np.eye(q.shape[0], dtype=np.float32)[:, lab], (5, 10, 20)).mean(0).transpose(1, 2, 0)
    E = {'img': Eimg, 'crf_r5_10_20': Ec, 'crf_r3_5_10': Ec2, 'crf_onehot': Eoh,
         'img+0.5crf': (Eimg + 0.5 * Ec) / 1.5, 'img+1crf': (Eimg + Ec) / 2, 'img+2crf': (Eimg + 2 * Ec) / 3}
    for v in V:
        ucm2 = np.clip(owt_levels(E[v], regions), 0, 1)
        res[v].append(evaluate_image('ucm2', ucm2, gts, bd, nthresh=99, measures='region')[1])
    print(i, f'{time.time()-t0:.0f}s', flush=True)
pickle.dump((res, {v: [0] for v in V}), open(out + '.pkl', 'wb'))
