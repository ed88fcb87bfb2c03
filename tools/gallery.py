#!/usr/bin/env python
"""The README's gallery figure (docs/gallery.png): test images of the embedded *objects* data, their ground truth, the
mask of a committed ReDO run (its selected model, the foreground channel it chose on validation), the centred-ellipse
baseline, and what ReDO's discriminator sees (the object redrawn by the generator, and the background redrawn).

    python tools/gallery.py [--run runs/redo-cpu/preset-seed0] [--out docs/gallery.png] [--n 8]

The run's checkpoint is local (checkpoints are not committed): `unsupseg sweep studies/redo-cpu.yaml` recreates it,
with the same numbers (the run's metrics.json). The per-image IoU printed under each mask is computed here; the
title's mean test IoU is recomputed on the whole test split and checked against the run's metrics.json.
"""
import argparse, json, sys
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--run', default='runs/redo-cpu/preset-seed0', help='a committed ReDO run folder (its local checkpoint is read)')
    ap.add_argument('--out', default='docs/gallery.png')
    ap.add_argument('--n', type=int, default=8, help='test images shown (the first n of the test split)')
    a = ap.parse_args(argv)
    import matplotlib; matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    from unsupseg.redo.train import load_redo
    from unsupseg.metrics.foreground import centred_ellipse, mask_iou
    from unsupseg.redo.train import predict_masks, redo_datasets

    run = ROOT / a.run
    if not (run / 'metrics.json').is_file(): sys.exit(f"gallery: {a.run} is not a finished run folder (no metrics.json)")
    try: tr = load_redo(run, 'best', device='cpu')
    except FileNotFoundError as e:
        sys.exit(f"gallery: {e}. Checkpoints are not committed; recreate the run with the command in its report "
                 f"(for runs/redo-cpu: unsupseg sweep studies/redo-cpu.yaml)")
    metrics = json.loads((run / 'metrics.json').read_text())
    ch = json.loads((tr.checkpoint_path.parent / 'best.json').read_text())['channel']
    test = redo_datasets(tr.cfg)[2]
    masks, gt = predict_masks(tr.F, test, tr.device)
    pred = masks[:, ch] > 0.5
    iou = mask_iou(pred, gt)
    if abs(iou.mean() - metrics['test']['iou']) > 1e-6:
        sys.exit(f"gallery: the checkpoint gives test IoU {iou.mean():.4f}, the run's metrics.json {metrics['test']['iou']:.4f}: "
                 f"{tr.checkpoint_path} is not the checkpoint of these numbers")
    ell = centred_ellipse(gt.shape[1:], float(gt.mean()))
    ell_iou = mask_iou(np.broadcast_to(ell, gt.shape), gt)

    n = min(a.n, len(test))
    x = torch.stack([test[i]['image'] for i in range(n)])
    torch.manual_seed(0)
    with torch.no_grad(): _, _, fakes = tr.fakes(x * 2 - 1, tr.noise(n))
    fakes = ((fakes.reshape(n, tr.cfg.n_regions, *x.shape[1:]) + 1) / 2).clamp(0, 1)
    rows = [('image', [x[i].permute(1, 2, 0).numpy() for i in range(n)], None),
            ('ground truth', [gt[i] for i in range(n)], None),
            (f'ReDO mask', [pred[i] for i in range(n)], iou),
            ('centred ellipse', [ell] * n, ell_iou),
            ('object redrawn', [fakes[i, ch].permute(1, 2, 0).numpy() for i in range(n)], None),
            ('background redrawn', [fakes[i, 1 - ch].permute(1, 2, 0).numpy() for i in range(n)], None)]
    fig, axs = plt.subplots(len(rows), n, figsize=(1.25 * n + 1.2, 1.3 * len(rows)), squeeze=False)
    for r, (name, ims, scores) in enumerate(rows):
        for j in range(n):
            ax = axs[r, j]
            ax.imshow(ims[j], cmap='gray', vmin=0, vmax=1, interpolation='nearest'); ax.set_xticks([]); ax.set_yticks([])
            if scores is not None: ax.set_xlabel(f'IoU {scores[j]:.2f}', fontsize=7, labelpad=1)
        axs[r, 0].set_ylabel(name, fontsize=8)
    p = json.loads((run / 'params.json').read_text())
    fig.suptitle(f"ReDO (official model, {p.get('preset')} preset, seed {metrics['seed']}, {metrics['iterations']} iterations on 2 CPU cores) "
                 f"on the embedded objects data, {tr.cfg.size} px\nmean test IoU {iou.mean():.3f} over {len(test)} test images; "
                 f"centred ellipse {ell_iou.mean():.3f}; all-foreground {metrics['baselines']['all_foreground']['iou']:.3f}",
                 fontsize=8)
    fig.tight_layout()
    out = ROOT / a.out
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=80)
    print(f'wrote {out.relative_to(ROOT)} ({out.stat().st_size / 1024:.0f} KB) from {a.run} (checkpoint {tr.checkpoint_path.relative_to(ROOT)}, '
          f'iteration {tr.iteration}): mean test IoU {iou.mean():.4f} = metrics.json; centred ellipse {ell_iou.mean():.4f}')


if __name__ == '__main__':
    main()
