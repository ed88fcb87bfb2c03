# usage: bash cmp.sh A B — compare G3 outputs: logs byte for byte, metrics.json without timings
a=$1; b=$2; bad=0; n=0
for f in $(cd $a && find . -name log.jsonl -o -name metrics.json | sort); do
  n=$((n+1))
  case $f in
    *metrics.json) filt='del(.kind,.method,.seconds,.eval_seconds,.methods[]?.seconds,.gpb_conformance?.seconds) | walk(if type=="object" then del(.seconds) else . end)';
       if ! cmp -s <(jq -S "$filt" $a/$f) <(jq -S "$filt" $b/$f); then echo "DIFF $f"; bad=1; fi;;
    *) if ! cmp -s <(grep -v '"time"' $a/$f | sed 's/"seconds": [0-9.e-]*//g; s/"elapsed": [0-9.e-]*//g') <(grep -v '"time"' $b/$f | sed 's/"seconds": [0-9.e-]*//g; s/"elapsed": [0-9.e-]*//g'); then echo "DIFF $f"; bad=1; fi;;
  esac
done
echo "$n files compared, $( [ $bad = 0 ] && echo identical || echo DIFFERENT)"
