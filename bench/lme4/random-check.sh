#!/usr/bin/env bash
# Fits random data sets (bench/lme4/random-datasets.R) with lme4 and with `ontrack course fit` and
# prints the relative differences per case. Usage: bench/lme4/random-check.sh [CASES=20] [SEED=1]
set -euo pipefail
cases=${1:-20}; seed=${2:-1}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/OnTrack.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/OnTrack.Cli/bin/Release/net10.0/ontrack"
Rscript "$root/bench/lme4/random-datasets.R" "$work" "$cases" "$seed"
echo "| case | setting | fixed (max) | SDs, corr (max) | residual SD | criterion: ours vs tight lme4 | vs default lme4 | singular (lme4/ours) |"
echo "|---|---|---|---|---|---|---|---|"
for k in $(seq 1 "$cases"); do
  if ! "$cli" course fit --input "$work/case-$k.csv" --client client --time session --score score --intake intake > "$work/ours-$k.json" 2> "$work/err-$k.txt"; then
    echo "| $k | $(python3 -c "import json; print(json.load(open('$work/case-$k.json'))['setting'])") | error: $(tr '\n' ' ' < "$work/ours-$k.json") | | | | | |"
    continue
  fi
  python3 - "$work/case-$k.json" "$work/ours-$k.json" "$k" <<'PY'
import json, sys
r, o, k = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
rel = lambda a, b: abs(a - b) / max(abs(a), 1e-300)
fe = max(rel(a, b) for a, b in zip(r["fixedEffects"], o["fixedEffects"].values()))
re_ = o["randomEffects"]
pairs = [(r["interceptSd"], re_["interceptSd"]), (r["slopeSd"], re_["slopeSd"])]
if r["correlation"] is not None and re_["correlation"] is not None:
    pairs.append((r["correlation"], re_["correlation"]))
sds = max(abs(a - b) if a == 0 else rel(a, b) for a, b in pairs)
crit = o["remlCriterion"]
print(f"| {k} | {r['setting']} | {fe:.1e} | {sds:.1e} | {rel(r['residualSd'], o['residualSd']):.1e} | {(crit - r['criterion']) / abs(r['criterion']):+.1e} | {(crit - r['defaultCriterion']) / abs(r['defaultCriterion']):+.1e} | {r['singular']}/{str(o['singular']).lower()} |")
PY
done
