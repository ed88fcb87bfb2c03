"""Golden outputs of issue 21 (G1 summaries, G2 README text and headlines), computed in the cwd's checkout into argv[1]."""
import sys, json, os
from pathlib import Path
os.environ['IN_TEST'] = ''
out = Path(sys.argv[1]); (out / 'G1').mkdir(parents=True, exist_ok=True); (out / 'G2').mkdir(parents=True, exist_ok=True)
root = Path('runs').resolve()
from unsupseg.experiments.report import (add_mask_stats, claim_verdicts, collect_runs, run_scale, classical_rows, study_baselines,
                                         summarize, write_summary, results_markdown, tracked_files)
from unsupseg.experiments.sweep import load_spec
from unsupseg import cli
for sj in sorted(root.glob('**/summary.json')):
    rel = sj.parent.relative_to(root)
    spec = Path('studies') / f'{rel}.yaml'
    sub_root = root / rel.parent if len(rel.parts) > 1 else root
    sp = load_spec(str(spec.resolve()))
    metrics = sp.get('metrics') or ['test.iou', 'test.acc']
    runs = add_mask_stats(collect_runs(sp, sub_root), sp, sub_root, compute=False)
    summary = summarize(runs, metrics); baselines = study_baselines(runs)
    classical = classical_rows(sp['baselines'], sub_root) if sp.get('baselines') else None
    verdicts = claim_verdicts(sp.get('claims'), runs, baselines, classical)
    write_summary(sp, summary, sub_root, out / 'G1' / f"{str(rel).replace('/', '_')}.json", scale=run_scale(runs), baselines=baselines,
                  verdicts=verdicts, classical=classical)
(out / 'G2' / 'results.md').write_text(results_markdown(classical_tables=True))
tracked = tracked_files(root)
lines = []
for mj in sorted(root.glob('**/metrics.json')):
    if mj.resolve() in tracked: lines.append(f'== {mj.parent.relative_to(root)}\n' + '\n'.join(cli.headline(mj.parent)))
(out / 'G2' / 'headlines.txt').write_text('\n'.join(lines) + '\n')
print('golden written to', out)
