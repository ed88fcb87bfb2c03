#!/usr/bin/env python
"""The GPU checklist: run once on a machine with a GPU (CUDA or MPS) to check the paths the CPU-only CI cannot run.

1. a few training iterations of each method (W-Net, ReDO) at the `paper` preset on the GPU: seconds per iteration and
   peak GPU memory (`torch.cuda.max_memory_allocated`);
2. a kill-and-resume: a W-Net run on the GPU is killed with SIGKILL after a few checkpoints and restarted in the same
   folder; it must finish with every iteration logged once and (on CUDA, up to non-deterministic kernels) the losses
   of an uninterrupted run;
3. the sweep's GPU assignment for 2 workers from the GPUs this process may use (`CUDA_VISIBLE_DEVICES` respected);
4. `benchmarks/redo_step.py` with GPU timers (synchronised) and its peak device memory.

Prints a line per check, then one JSON line; exit status 1 if a check failed. `--dry-run` runs the same code on the
CPU at the `smoke` preset (seconds), with two pretend GPUs for the assignment: it checks the script, not a GPU.

    .venv/bin/python benchmarks/gpu_smoke.py [--device auto] [--iters 3] [--dry-run] [--skip-bench]
"""
import argparse, json, os, platform, signal, subprocess, sys, tempfile, time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unsupseg.core import get_device
from unsupseg.experiments.sweep import gpu_assignment, visible_gpus
from unsupseg.redo.train import ReDOConfig, ReDOTrainer
from unsupseg.wnet.train import WNetConfig, WNetTrainer

RESUME_CHILD = r'''
import sys, torch
from unsupseg.wnet.train import WNetConfig, train_wnet
class Blobs(torch.utils.data.Dataset):
    def __init__(self, n=8, size=32):
        g = torch.Generator().manual_seed(0)
        self.x = torch.rand(n, 3, 2, 2, generator=g).repeat_interleave(size // 2, 2).repeat_interleave(size // 2, 3)
    def __len__(self): return len(self.x)
    def __getitem__(self, i): return {'image': self.x[i]}
cfg = WNetConfig.from_preset('smoke', iterations=int(sys.argv[2]), log_every=1, checkpoint_every=1, device=sys.argv[3])
out = train_wnet(cfg, Blobs(), sys.argv[1])
print('final', out['ncut'], out['rec'])
'''


def sync(device):
    if device.type == 'cuda': torch.cuda.synchronize()
    elif device.type == 'mps': torch.mps.synchronize()


def peak_gb(device):
    if device.type == 'cuda': return round(torch.cuda.max_memory_allocated(device) / 2 ** 30, 3)
    if device.type == 'mps': return round(torch.mps.driver_allocated_memory() / 2 ** 30, 3)
    return None


def time_method(name, trainer, batches, iters, device):
    "Median seconds of `iters` steps after one warm-up, and the peak device memory."
    if device.type == 'cuda': torch.cuda.reset_peak_memory_stats(device)
    trainer.step(*batches)
    ts = []
    for _ in range(iters):
        sync(device); t = time.perf_counter(); losses = trainer.step(*batches); sync(device)
        ts.append(time.perf_counter() - t)
    finite = all(v == v and abs(v) != float('inf') for v in losses.values() if isinstance(v, float))
    return {'s_per_iter': round(sorted(ts)[len(ts) // 2], 4), 'peak_gb': peak_gb(device), 'losses_finite': finite}


def kill_and_resume(device, iterations=12, kill_after=4):
    env = {**os.environ, 'PYTHONPATH': str(ROOT) + os.pathsep + os.environ.get('PYTHONPATH', ''), 'UNSUPSEG_PROGRESS': 'off'}
    def run(folder, kill=None):
        p = subprocess.Popen([sys.executable, '-c', RESUME_CHILD, str(folder), str(iterations), str(device)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        if kill is None:
            out, err = p.communicate()
            if p.returncode != 0: raise RuntimeError(f'training child failed: {err.strip().splitlines()[-1] if err.strip() else p.returncode}')
            return out
        log, t0 = Path(folder) / 'log.jsonl', time.time()
        while time.time() - t0 < 300 and p.poll() is None and not (log.exists() and log.read_text().count('\n') >= kill): time.sleep(0.05)
        p.send_signal(signal.SIGKILL); p.communicate()
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        run(a); run(b, kill=kill_after); killed_at = (Path(b) / 'log.jsonl').read_text().count('\n'); run(b)
        la, lb = ([json.loads(l) for l in (Path(d) / 'log.jsonl').read_text().splitlines()] for d in (a, b))
    steps_ok = [r['step'] for r in lb] == list(range(1, iterations + 1))
    diff = max(abs(x[k] - y[k]) for x, y in zip(la, lb) for k in ('ncut', 'rec'))
    return {'killed_after': killed_at, 'steps_once': steps_ok, 'max_abs_diff': diff, 'ok': steps_ok and killed_at < iterations and diff < 1e-3}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--device', default='auto', help='auto (default), cuda, cuda:N or mps')
    ap.add_argument('--iters', type=int, default=3, help='timed iterations per method (after one warm-up)')
    ap.add_argument('--dry-run', action='store_true', help='run the checks on the CPU at the smoke preset (no GPU needed)')
    ap.add_argument('--skip-bench', action='store_true', help='skip benchmarks/redo_step.py (the longest check)')
    a = ap.parse_args()
    if a.iters < 1: sys.exit('gpu_smoke.py: --iters must be >= 1')
    try: device = torch.device('cpu') if a.dry_run else get_device(a.device)
    except (ValueError, RuntimeError) as e: sys.exit(f'gpu_smoke.py: {e}')
    if device.type == 'cpu' and not a.dry_run: sys.exit('gpu_smoke.py: no GPU found (CUDA or MPS); use --dry-run to check the script on the CPU')
    preset = 'smoke' if a.dry_run else 'paper'
    print(f'device={device} preset={preset} torch={torch.__version__} python={platform.python_version()} cores={os.cpu_count()}'
          + (f' gpu={torch.cuda.get_device_name(device)}' if device.type == 'cuda' else ''))
    out = {'gpu_smoke': 1, 'dry_run': a.dry_run, 'device': str(device), 'preset': preset, 'torch': torch.__version__}
    ok = True

    for name, make in (('wnet', lambda: (WNetTrainer(WNetConfig.from_preset(preset, device=str(device)), device), 1)),
                       ('redo', lambda: (ReDOTrainer(ReDOConfig.from_preset(preset, device=str(device)), device), 2))):
        try:
            torch.manual_seed(0)
            tr, streams = make()
            cfg = tr.cfg
            b = {'image': torch.rand(cfg.batch_size, 3, cfg.size, cfg.size)}
            r = time_method(name, tr, [b] * streams, a.iters, device)
            del tr
        except Exception as e:      # a failure of one check is reported, and the others still run
            r = {'error': f'{type(e).__name__}: {e}'.splitlines()[0]}
        r['ok'] = 'error' not in r and r['losses_finite']
        ok &= r['ok']; out[name] = r
        print(f'{name} at {preset}: {r}')
        if device.type == 'cuda': torch.cuda.empty_cache()

    try: r = kill_and_resume(device)
    except Exception as e: r = {'error': f'{type(e).__name__}: {e}'.splitlines()[0], 'ok': False}
    ok &= r['ok']; out['resume'] = r
    print(f'kill and resume: {r}')

    vis = ['0', '1'] if a.dry_run else visible_gpus()
    if len(vis) >= 2: r = {'visible': vis, 'assignment': gpu_assignment(vis, 2), 'ok': True}
    else: r = {'visible': vis, 'skipped': 'needs 2 visible GPUs', 'ok': True}
    out['sweep_assignment'] = r
    print(f'sweep assignment for 2 workers: {r}')

    if not a.skip_bench:
        args = ['--presets', 'smoke', 'smoke', '--paper-iters', '1', '--cpu-iters', '1', '--threads', '1'] if a.dry_run else ['--paper-iters', '3', '--cpu-iters', '5']
        p = subprocess.run([sys.executable, str(ROOT / 'benchmarks' / 'redo_step.py'), '--device', str(device), *args], capture_output=True, text=True,
                           env={**os.environ, 'PYTHONPATH': str(ROOT) + os.pathsep + os.environ.get('PYTHONPATH', '')})
        if p.returncode == 0:
            js = json.loads(p.stdout.strip().splitlines()[-1])
            paper = min((x for x in js['rows'] if x['preset'] == js['rows'][0]['preset']), key=lambda x: x['s_per_iter'])
            r = {'paper_s_per_iter': js['paper_s_per_iter'], 'paper_variant': js['paper_variant'], 'achieved_gflops': js['achieved_gflops'],
                 'peak_device_gb': paper.get('peak_device_gb'), 'ok': True}
        else: r = {'error': (p.stderr.strip().splitlines() or [f'exit {p.returncode}'])[-1], 'ok': False}
        ok &= r['ok']; out['bench'] = r
        print(f'redo_step benchmark: {r}')
    out['ok'] = bool(ok)
    print(json.dumps(out))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
