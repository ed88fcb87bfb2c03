#!/usr/bin/env python
"""Speed of one ReDO training iteration (`unsupseg.redo.train.ReDOTrainer.step`): seconds per iteration at the
paper configuration (batch 20, 128 px, official widths, attention in G and D) and at the `cpu` preset, eager
(contiguous tensors, per-parameter Adam, glibc's default malloc, whole attention matrices) against optimised (the
trainer's automatic settings: channels_last, fused Adam, freed memory kept for reuse and blocked self-attention on
the CPU; bf16 autocast and TF32 on a GPU; `--compile` adds torch.compile), the FLOPs of one iteration counted by
`torch.utils.flop_counter`, the GFLOP/s it achieves, and this machine's float32 matmul GFLOP/s measured in the same
run. Each variant is timed in a fresh process (the malloc setting is process-wide), which also reports its peak
resident memory. On a shared machine the matmul rate itself drifts (136-190 GFLOP/s within a minute on the 2-core
machine this was written on), so each variant's rate is compared with the matmul rate probed right before and after
each of its timed steps; the rate measured once at the start is reported too. Prints a table, then one JSON line.

    .venv/bin/python benchmarks/redo_step.py [--paper-iters 3] [--cpu-iters 10] [--threads N] [--compile]

Targets: the optimised paper-config iteration takes <= 0.55 x the eager one of the same run (ReDO fidelity issue); it sustains
>= 0.75 x the machine's matmul rate (issue #5); the fastest cpu-preset variant takes <= 0.40 x the cpu eager step (ReDO on real data).
"""
import argparse, concurrent.futures, json, multiprocessing, os, platform, resource, statistics, time

import torch
from torch.utils.flop_counter import FlopCounterMode

from unsupseg.core import get_device
from unsupseg.redo.train import ReDOConfig, ReDOTrainer, speed_settings


def sync(device):
    "Wait for the device's queued work: GPU timers are meaningless without it (CUDA and MPS run asynchronously)."
    if device.type == 'cuda': torch.cuda.synchronize()
    elif device.type == 'mps': torch.mps.synchronize()


def matmul_gflops(device, n=2048, repeats=10):
    """Best-of-`repeats` float32 n×n matmul rate, always in true float32: TF32 is switched off for the probe (and
    restored), so that the reference rate does not change when a trainer with `tf32` has switched it on."""
    a, b = torch.randn(n, n, device=device), torch.randn(n, n, device=device)
    flags = torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = False
    try:
        for _ in range(3): a @ b
        best = float('inf')
        for _ in range(repeats):
            sync(device); t = time.perf_counter(); a @ b; sync(device)
            best = min(best, time.perf_counter() - t)
    finally: torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = flags
    return 2 * n ** 3 / best / 1e9


def reset_device_peak(device):
    if device.type == 'cuda': torch.cuda.reset_peak_memory_stats()


def device_peak_gb(device):
    "Peak memory on the accelerator (CUDA: max_memory_allocated since the reset; MPS: the driver's current allocation), None on the CPU."
    if device.type == 'cuda': return torch.cuda.max_memory_allocated() / 2 ** 30
    if device.type == 'mps': return torch.mps.driver_allocated_memory() / 2 ** 30
    return None


def batch(cfg, device):
    g = torch.Generator().manual_seed(0)
    return {'image': torch.rand(cfg.batch_size, 3, cfg.size, cfg.size, generator=g).to(device)}


def time_steps(cfg, device, iters, warmup=1):
    """Median seconds per `trainer.step` (after `warmup` steps), the settings it ran with, the process's peak RSS in GB,
    and the matmul rate probed just before and after every timed step (the machine's rate under the steps' own conditions)."""
    torch.manual_seed(0)
    reset_device_peak(device)
    tr = ReDOTrainer(cfg, device)
    b = batch(cfg, device)
    for _ in range(warmup): tr.step(b, b)
    ts, probes = [], [matmul_gflops(device, repeats=5)]
    for _ in range(iters):
        sync(device); t = time.perf_counter(); tr.step(b, b); sync(device)
        ts.append(time.perf_counter() - t)
        probes.append(matmul_gflops(device, repeats=5))
    return statistics.median(ts), tr.speed, peak_rss_gb(), statistics.median(probes), device_peak_gb(device)


def peak_rss_gb():
    "This process's peak resident memory: VmHWM on Linux (ru_maxrss would include the parent's peak, kept across exec)."
    try:
        with open('/proc/self/status') as f:
            return next(int(l.split()[1]) for l in f if l.startswith('VmHWM:')) / 2 ** 20
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2 ** (30 if platform.system() == 'Darwin' else 20)


def _time_in_child(cfg, device, iters, threads):
    torch.set_num_threads(threads)
    return time_steps(cfg, device, iters)


def time_steps_fresh(cfg, device, iters):
    "`time_steps` in a fresh process with this process's thread count."
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context('spawn')) as ex:
        return ex.submit(_time_in_child, cfg, device, iters, torch.get_num_threads()).result()


EAGER = dict(channels_last=False, fused=False, amp='off', compile=False, keep_freed_memory=False, blocked_attention=False)


def step_flops(cfg, device):
    """FLOPs of one training step (D step and F+G+δ step, forward and backward), as torch's flop counter counts them,
    with the eager settings: the work of the algorithm, whatever an optimised variant does to compute it."""
    tr = ReDOTrainer(cfg.replace(**EAGER), device)
    b = batch(cfg, device)
    tr.step(b, b)                 # the first step initialises optimiser state; count a regular one
    with FlopCounterMode(display=False) as fc: tr.step(b, b)
    return fc.get_total_flops()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--paper-iters', type=int, default=3, help='timed paper-config iterations per variant (after 1 warm-up)')
    ap.add_argument('--cpu-iters', type=int, default=10, help='timed cpu-preset iterations per variant')
    ap.add_argument('--threads', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--compile', action='store_true', help='also time the optimised variant with torch.compile')
    ap.add_argument('--device', default='auto')
    ap.add_argument('--presets', nargs=2, default=['paper', 'cpu'], metavar=('BIG', 'SMALL'),
                    help="the two configurations timed (default: paper cpu; 'cpu smoke' for a quick check)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    device = get_device(a.device)
    # every variant's trainer sets the TF32 switches from its own config (each in a fresh process); the probes never use TF32
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = False
    print(f'device={device} threads={torch.get_num_threads()} cores={os.cpu_count()} torch={torch.__version__} '
          f'python={platform.python_version()} load={os.getloadavg()[0]:.2f}')

    mm = matmul_gflops(device)
    print(f'matmul 2048x2048 float32 at the start: {mm:.1f} GFLOP/s (each row below is measured against the rate probed around its own steps)')
    variants = {'eager': EAGER, 'optimised': {}}
    if a.compile: variants['optimised+compile'] = dict(compile=True)

    rows = []
    for preset, iters in ((a.presets[0], a.paper_iters), (a.presets[1], a.cpu_iters)):
        # the paper preset at the official Flowers configuration (G width 32), the one the official timings refer to
        cfg = ReDOConfig.from_preset(preset, device=str(device), **({'dataset': 'flowers'} if preset == 'paper' else {}))
        t0 = time.perf_counter(); flops = step_flops(cfg, device)
        print(f'{preset}: batch {cfg.batch_size} at {cfg.size} px, {flops / 1e12:.3f} TFLOP per iteration (counted in {time.perf_counter() - t0:.0f} s)')
        for name, over in variants.items():
            s, sp, rss, mm_near, dev_gb = time_steps_fresh(cfg.replace(**over), device, iters)
            row = dict(preset=preset, variant=name, s_per_iter=round(s, 4), gflop_per_iter=round(flops / 1e9, 1), peak_rss_gb=round(rss, 2),
                       peak_device_gb=None if dev_gb is None else round(dev_gb, 2),
                       achieved_gflops=round(flops / s / 1e9, 1), matmul_gflops=round(mm_near, 1), fraction_of_matmul=round(flops / s / 1e9 / mm_near, 3),
                       fraction_of_start_matmul=round(flops / s / 1e9 / mm, 3),
                       settings={k: (str(v) if v is not None and not isinstance(v, bool) else v) for k, v in sp.items()})
            rows.append(row)
            print(f"  {name:18s} {s:9.3f} s/iter  {row['achieved_gflops']:7.1f} GFLOP/s  {row['fraction_of_matmul']:6.2f} x matmul {mm_near:.0f}  "
                  f"{rss:5.1f} GB peak   {row['settings']}")

    big, small = rows[:len(variants)], rows[len(variants):]      # by position: the two presets may be the same one (the tests' smoke smoke)
    p, c = (min(rs, key=lambda r: r['s_per_iter']) for rs in (big, small))
    print(f"\n{'preset':8s} {'variant':18s} {'s/iter':>9s} {'GFLOP/iter':>11s} {'GFLOP/s':>8s} {'matmul':>7s} {'x matmul':>9s} {'x start':>8s} {'host GB':>8s} {'device GB':>9s}")
    for r in rows:
        dev_gb = '-' if r['peak_device_gb'] is None else f"{r['peak_device_gb']:.2f}"
        print(f"{r['preset']:8s} {r['variant']:18s} {r['s_per_iter']:9.3f} {r['gflop_per_iter']:11.1f} {r['achieved_gflops']:8.1f} "
              f"{r['matmul_gflops']:7.1f} {r['fraction_of_matmul']:9.2f} {r['fraction_of_start_matmul']:8.2f} {r['peak_rss_gb']:8.2f} {dev_gb:>9s}")
    print("host GB: the process's peak resident memory; device GB: torch.cuda.max_memory_allocated on CUDA (the driver's allocation on MPS)")
    print("matmul: the 2048² float32 rate (best of 5) probed before and after each timed step in the same process, median; "
          "x start: against the rate measured once at the start")
    def ratio(rs):
        r = {x['variant']: x['s_per_iter'] for x in rs}
        return round(r['optimised'] / r['eager'], 3)
    ratios = [ratio(big), ratio(small)]
    print(f"optimised / eager: {a.presets[0]} {ratios[0]:.2f} (target <= 0.55: {'MET' if ratios[0] <= 0.55 else 'NOT MET'}), "
          f"{a.presets[1]} {ratios[1]:.2f}")
    small_eager = next(x['s_per_iter'] for x in small if x['variant'] == 'eager')
    small_ratio = round(c['s_per_iter'] / small_eager, 3)
    print(f"{a.presets[1]} step: fastest variant ({c['variant']}) {small_ratio:.2f} x eager "
          f"(ReDO-on-real-data target <= 0.40: {'MET' if small_ratio <= 0.4 else 'NOT MET'})")
    target = p['fraction_of_matmul'] >= 0.75
    print(f"target: paper iteration at >= 0.75 x matmul: {'MET' if target else 'NOT MET'} ({p['fraction_of_matmul']:.2f}, {p['variant']}; "
          f"{p['fraction_of_start_matmul']:.2f} against the start-of-run rate)")
    print(json.dumps({'paper_s_per_iter': p['s_per_iter'], 'paper_gflop_per_iter': p['gflop_per_iter'], 'achieved_gflops': p['achieved_gflops'],
                      'matmul_gflops': p['matmul_gflops'], 'matmul_gflops_start': round(mm, 1), 'cpu_preset_s_per_iter': c['s_per_iter'], 'paper_variant': p['variant'],
                      'cpu_variant': c['variant'], 'cpu_best_over_eager': small_ratio, 'cpu_target_met': small_ratio <= 0.4, 'target_met': target, 'paper_optimised_over_eager': ratios[0],
                      'cpu_optimised_over_eager': ratios[1], 'device': str(device), 'threads': torch.get_num_threads(),
                      'rows': rows}))


if __name__ == '__main__':
    main()
