# usage: bash g3.sh CHECKOUT OUT  — smoke runs of issue 21's golden set G3 (logs + metrics), with CHECKOUT's code
set -e
co=$1; out=$2; mkdir -p $out
export PYTHONPATH=$co OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
U="/work/main/.venv/bin/unsupseg"
cd $co
$U run nbs/train_redo.ipynb -p preset smoke --root $out --run-id redo --no-html > $out/redo.out 2>&1
$U run nbs/train_wnet.ipynb -p preset smoke --root $out --run-id wnet --no-html > $out/wnet.out 2>&1
$U run nbs/train_wnet.ipynb -p preset smoke -p dataset bsds500 -p eval_images 2 --root $out --run-id wnet_bsds --no-html > $out/wnet_bsds.out 2>&1
$U run nbs/bsds_baselines.ipynb -p n_images 3 -p workers 1 --root $out --run-id classical --no-html > $out/classical.out 2>&1
$U run nbs/quickstart.ipynb --root $out --run-id quick --no-html > $out/quick.out 2>&1
echo done
