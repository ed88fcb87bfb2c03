#!/usr/bin/env python
"""Write README.md from nbs/index.ipynb (what `nbdev_readme` does, without Quarto).

    python tools/readme.py          # write README.md
    python tools/readme.py --check  # exit 1 if README.md differs from what the notebook gives

Markdown cells are copied as they are; code cells become ```python blocks unless they carry `#| hide`;
outputs are not copied. The line `<!-- results -->` in a markdown cell is replaced by the tables that
`unsupseg.experiments.report.results_markdown` builds from the executed runs in runs/ (never typed by hand).
"""
import difflib, sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
RESULTS = '<!-- results -->'
HEADER = '<!-- Generated from nbs/index.ipynb by tools/readme.py: edit the notebook, then run `python tools/readme.py`. -->\n\n'


def render(nb_path: Path) -> str:
    parts = []
    for c in nbformat.read(nb_path, as_version=4).cells:
        src = c.source.strip('\n')
        if c.cell_type == 'markdown':
            if RESULTS in src:
                sys.path.insert(0, str(ROOT))
                from unsupseg.experiments.report import results_markdown
                src = src.replace(RESULTS, results_markdown(ROOT / 'runs', classical_tables=False))   # their rows are in the W-Net table
            parts.append(src)
        elif c.cell_type == 'code':
            lines = src.splitlines()
            if any(l.replace(' ', '').startswith(('#|hide', '#|default_exp')) for l in lines): continue
            code = '\n'.join(l for l in lines if not l.replace(' ', '').startswith('#|'))
            if code.strip(): parts.append(f'```python\n{code}\n```')
    return HEADER + '\n\n'.join(parts) + '\n'


def main(argv):
    want = render(ROOT / 'nbs' / 'index.ipynb')
    readme = ROOT / 'README.md'
    if '--check' in argv:
        have = readme.read_text() if readme.exists() else ''
        if have != want:
            sys.stdout.writelines(difflib.unified_diff(have.splitlines(True), want.splitlines(True), 'README.md', 'from nbs/index.ipynb'))
            print('README.md is out of date with nbs/index.ipynb: run `python tools/readme.py` and commit README.md')
            return 1
        print('README.md matches nbs/index.ipynb')
        return 0
    readme.write_text(want)
    print(f'wrote {readme}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
