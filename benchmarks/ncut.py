#!/usr/bin/env python
"""Soft N-cut loss: forward + backward time and peak extra memory of unsupseg's exact implementation
next to the straightforward `unfold` + autograd version, at B=2, K=64, 224×224, r=5 (the W-Net paper's
window), plus the relative error of both against a dense float64 reference on a small image.
Each measurement runs in its own process so that peak memory is its own. Prints a table, then one JSON line.

    .venv/bin/python benchmarks/ncut.py [--device auto] [--repeats 3] [--skip-unfold]
"""
import argparse, json, os, platform, resource, subprocess, sys, time

CHILD = r'''
import json, resource, sys, time
import torch
from unsupseg.core import get_device
from unsupseg.wnet.ncut import soft_ncut_loss, soft_ncut_loss_unfold
method, device, repeats, B, K, S = sys.argv[1], get_device(sys.argv[2]), int(sys.argv[3]), *map(int, sys.argv[4:7])
def rss_gb():
    with open('/proc/self/statm') as f: return int(f.read().split()[1]) * resource.getpagesize() / 2**30
def sync():
    if device.type == 'cuda': torch.cuda.synchronize()
    elif device.type == 'mps': torch.mps.synchronize()
g = torch.Generator().manual_seed(0)
img = torch.rand(B, 3, S, S, generator=g).to(device)
logits = torch.randn(B, K, S, S, generator=g).to(device).requires_grad_()
def step():
    loss = (soft_ncut_loss(logits.softmax(1), img, method=method) if method != 'unfold'
            else soft_ncut_loss_unfold(logits.softmax(1), img))
    loss.backward(); logits.grad = None
    return loss.item()
base = rss_gb()
if device.type == 'cuda': torch.cuda.reset_peak_memory_stats(); base_cuda = torch.cuda.memory_allocated()
times = []
for i in range(repeats + (1 if method != 'unfold' else 0)):   # one warm-up for ours (builds the cached CSR structure)
    sync(); t = time.perf_counter(); value = step(); sync(); times.append(time.perf_counter() - t)
if method != 'unfold': times = times[1:]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20 - base   # ru_maxrss is in KiB on Linux
out = dict(method=method, device=str(device), seconds=sorted(times)[len(times) // 2], peak_extra_gb=peak, loss=value)
if device.type == 'cuda': out['cuda_peak_extra_gb'] = (torch.cuda.max_memory_allocated() - base_cuda) / 2**30
print(json.dumps(out))
'''

ACCURACY = r'''
import json, torch
from unsupseg.wnet.ncut import soft_ncut_loss, soft_ncut_loss_unfold
g = torch.Generator().manual_seed(0)
B, K, H, W = 2, 5, 24, 19
img = torch.rand(B, 3, H, W, generator=g, dtype=torch.float64)
logits = torch.randn(B, K, H, W, generator=g, dtype=torch.float64)
# dense reference, straight from Eq. 2 and 6 with the full N×N matrix
f = (img * 255).flatten(2)
yx = torch.stack(torch.meshgrid(torch.arange(H), torch.arange(W), indexing='ij'), -1).reshape(-1, 2).double()
dx2 = torch.cdist(yx, yx).square()
def dense(p):
    out = []
    for b in range(B):
        Wm = torch.exp(-torch.cdist(f[b].T, f[b].T).square() / 100) * torch.exp(-dx2 / 16) * (dx2.sqrt() < 5)
        q = p[b].flatten(1)
        out.append(K - (((q @ Wm) * q).sum(1) / (q * Wm.sum(1)).sum(1)).sum())
    return torch.stack(out).mean()
def loss_and_grad(fn):
    x = logits.clone().requires_grad_(); l = fn(x.softmax(1)); l.backward(); return l.detach(), x.grad
lr, gr = loss_and_grad(dense)
res = {}
for name, fn in [('sparse', lambda p: soft_ncut_loss(p, img, method='sparse')), ('shift', lambda p: soft_ncut_loss(p, img, method='shift')),
                 ('unfold', lambda p: soft_ncut_loss_unfold(p, img))]:
    l, gg = loss_and_grad(fn)
    res[name] = max(((l - lr).abs() / lr.abs()).item(), ((gg - gr).abs().max() / gr.abs().max()).item())
print(json.dumps(res))
'''


def child(code, *args):
    r = subprocess.run([sys.executable, '-c', code, *map(str, args)], capture_output=True, text=True)
    if r.returncode != 0: sys.exit(f'benchmark child failed ({args}):\n{r.stderr[-3000:]}')
    return json.loads(r.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--device', default='auto')
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--batch', type=int, default=2)
    ap.add_argument('--classes', type=int, default=64)
    ap.add_argument('--size', type=int, default=224)
    ap.add_argument('--skip-unfold', action='store_true', help='skip the slow straightforward version')
    a = ap.parse_args()
    import torch
    print(f'cores={os.cpu_count()} torch={torch.__version__} threads={torch.get_num_threads()} python={platform.python_version()}')
    print(f'B={a.batch} K={a.classes} {a.size}x{a.size} r=5 sigma_I=10 sigma_X=4; median of {a.repeats} forward+backward passes')
    from unsupseg.core import get_device
    try: dev = get_device(a.device)
    except (ValueError, RuntimeError) as e: sys.exit(f'ncut.py: {e}')
    methods = ('sparse', 'shift')
    if dev.type == 'mps':      # no sparse CSR kernels on MPS: the loss itself uses 'shift' there (method='auto')
        methods = ('shift',)
        print("note: MPS has no sparse CSR kernel; the CSR method is skipped and 'ours' is shift-and-accumulate")
    acc = child(ACCURACY)
    rows = [child(CHILD, m, a.device, a.repeats, a.batch, a.classes, a.size) for m in methods]
    if not a.skip_unfold: rows.append(child(CHILD, 'unfold', a.device, 1, a.batch, a.classes, a.size))
    print(f"{'method':<28} {'device':<7} {'fwd+bwd s':>10} {'peak extra GB':>14} {'loss':>10} {'rel err vs dense':>17}")
    names = {'sparse': 'ours (CSR, default)', 'shift': 'ours (shift-and-accumulate)', 'unfold': 'unfold + autograd'}
    for r in rows:
        print(f"{names[r['method']]:<28} {r['device']:<7} {r['seconds']:10.3f} {r['peak_extra_gb']:14.3f} {r['loss']:10.6f} {acc[r['method']]:17.1e}")
    ours = rows[0]
    unf = next((r for r in rows if r['method'] == 'unfold'), None)
    if unf: print(f"speed-up of ours over unfold: {unf['seconds'] / ours['seconds']:.1f}x; memory ratio {unf['peak_extra_gb'] / max(ours['peak_extra_gb'], 1e-9):.1f}x")
    print(json.dumps({'ours_s': round(ours['seconds'], 4), 'ours_peak_gb': round(ours['peak_extra_gb'], 4),
                      'unfold_s': round(unf['seconds'], 4) if unf else None, 'unfold_peak_gb': round(unf['peak_extra_gb'], 4) if unf else None,
                      'max_rel_err_vs_dense': max(acc['sparse'], acc['shift']), 'device': ours['device'], 'cores': os.cpu_count(),
                      'batch': a.batch, 'classes': a.classes, 'size': a.size}))


if __name__ == '__main__':
    main()
