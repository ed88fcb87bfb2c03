#!/usr/bin/env python
"""Convert between a notebook and "percent" text, for editing notebooks without Jupyter.

    python tools/nbpct.py to-text nbs/00_core.ipynb > /tmp/core.py    # edit it, then
    python tools/nbpct.py to-nb /tmp/core.py nbs/00_core.ipynb

Cells start with `# %%` (code), `# %% [markdown]` (markdown; each line prefixed with `# `), and may
carry tags: `# %% tags=["parameters"]`. The notebook in nbs/ stays the source of truth; the text
form is a throwaway. Outputs are not kept (`to-nb` writes a notebook without outputs). When the target
notebook exists, cells whose type and source are unchanged keep their ids, so exported modules and diffs
only change where the text did.
"""
import json, re, sys
from pathlib import Path

import nbformat

HEAD = re.compile(r'^# %%(?P<md> \[markdown\])?(?: tags=(?P<tags>\[.*\]))?\s*$')


def to_text(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    out = []
    for c in nb.cells:
        tags = c.metadata.get('tags')
        t = f' tags={json.dumps(tags)}' if tags else ''
        if c.cell_type == 'markdown':
            out.append(f'# %% [markdown]{t}')
            out += [('# ' + l) if l else '#' for l in c.source.splitlines()]
        else:
            out.append(f'# %%{t}')
            out += c.source.splitlines()
        out.append('')
    return '\n'.join(out)


def to_nb(text):
    cells, cur = [], None
    for line in text.splitlines():
        m = HEAD.match(line)
        if m:
            cur = dict(md=bool(m['md']), tags=json.loads(m['tags']) if m['tags'] else None, lines=[])
            cells.append(cur)
        elif cur is not None:
            cur['lines'].append(line)
    nb = nbformat.v4.new_notebook()
    nb.metadata = {'kernelspec': {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'}}
    for c in cells:
        lines = c['lines']
        while lines and not lines[-1].strip(): lines.pop()
        if c['md']:
            src = '\n'.join(l[2:] if l.startswith('# ') else l.lstrip('#') for l in lines)
            cell = nbformat.v4.new_markdown_cell(src)
        else:
            cell = nbformat.v4.new_code_cell('\n'.join(lines))
        if c['tags']: cell.metadata['tags'] = c['tags']
        nb.cells.append(cell)
    return nb


if __name__ == '__main__':
    cmd, *args = sys.argv[1:]
    if cmd == 'to-text': sys.stdout.write(to_text(args[0]))
    elif cmd == 'to-nb':
        nb = to_nb(Path(args[0]).read_text())
        if Path(args[1]).exists():      # keep the ids of unchanged cells
            free = {}
            for c in nbformat.read(args[1], as_version=4).cells:
                if 'id' in c: free.setdefault((c.cell_type, c.source), []).append(c.id)
            for c in nb.cells:
                ids = free.get((c.cell_type, c.source))
                if ids: c.id = ids.pop(0)
        nbformat.write(nb, args[1])
    else: sys.exit(f'unknown command {cmd!r}; use to-text or to-nb')
