# usage: bash g4.sh CHECKOUT OUT — first 30 iterations of a committed ReDO and W-Net run, with CHECKOUT's code
set -e
co=$1; out=$2; mkdir -p $out
export PYTHONPATH=$co OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
U="/work/main/.venv/bin/unsupseg"
cd $co
$U run nbs/train_redo.ipynb -p preset cpu -p seed 0 -p iterations 30 --root $out --run-id redo --no-html > $out/redo.out 2>&1
$U run nbs/train_wnet.ipynb -p preset cpu -p dataset bsds500 -p k 16 -p iterations 30 -p crf false -p eval_images 1 --root $out --run-id wnet --no-html > $out/wnet.out 2>&1
echo done
