import sys, pickle, numpy as np
from unsupseg.wnet.predict import _pooled
R, N = {}, {}
for f in sys.argv[1:]:
    res, nreg = pickle.load(open(f, 'rb'))
    for v in res: R.setdefault(v, []).extend(res[v]); N.setdefault(v, []).extend(nreg[v])
for v in R:
    r = _pooled(R[v], 'ucm2', 99)
    print(f"{v:24s} n={len(R[v])} SC {r['sc_ods']:.4f}/{r['sc_ois']:.4f} PRI {r['pri_ods']:.3f} VI {r['vi_ods']:.3f} regions(median) {np.median(N[v]):.0f}")
