#!/usr/bin/env bash
# Side-by-side: OnTrack's course fit against lme4's lmer on the same simulated clinic, same machine,
# same run. Reports fit-only time (each side times its own fit), whole-process time and peak memory
# (/usr/bin/time -v), their ratios, and the agreement of the estimates.
# Usage: bench/compare.sh [CLIENTS=50000] [SEED=1]   (needs r-base-core, r-cran-lme4, /usr/bin/time)
set -euo pipefail
clients=${1:-50000}
seed=${2:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/OnTrack.Cli" -c Release -v q -nologo >/dev/null
cli="$root/src/OnTrack.Cli/bin/Release/net10.0/ontrack"
"$cli" course simulate --clients "$clients" --seed "$seed" --output "$work/clinic.csv"
echo "clinic: $clients clients, $(($(wc -l < "$work/clinic.csv") - 1)) rows, $(du -h "$work/clinic.csv" | cut -f1)"

/usr/bin/time -v Rscript "$root/bench/lme4/fit.R" "$work/clinic.csv" > "$work/r.json" 2> "$work/r.time"
# Not timed: lme4 refitted with tight tolerances, the reference for the agreement of the estimates.
Rscript "$root/bench/lme4/fit.R" "$work/clinic.csv" reml log1p intake tight > "$work/r-tight.json" 2>/dev/null
/usr/bin/time -v "$cli" course fit --input "$work/clinic.csv" --client client --time session --score score --intake intake > "$work/ours.json" 2> "$work/ours.time"

python3 - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
r, o = json.load(open(f"{work}/r.json")), json.load(open(f"{work}/ours.json"))
def usage(name):
    text = open(f"{work}/{name}.time").read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", text).group(1)
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    return seconds, rss
(rw, rm), (ow, om) = usage("r"), usage("ours")
rf, of = r["seconds"]["fit"], o["seconds"]["fit"]
print(f"lme4 {r['lme4']}; rows {o['rows']}, clients {o['clients']}")
print("| measure | lme4 | OnTrack | ratio |\n|---|---|---|---|")
print(f"| fit only (s) | {rf:.3f} | {of:.3f} | {rf / of:.0f}x faster |")
print(f"| whole process: read CSV + fit + print (s) | {rw:.2f} | {ow:.2f} | {rw / ow:.1f}x faster |")
print(f"| peak memory (MB) | {rm:.0f} | {om:.0f} | {om / rm:.2f} of R's |")
rel = lambda a, b: abs(a - b) / abs(a)
def agreement(label, r):
    fe = list(o["fixedEffects"].values())
    re_ = o["randomEffects"]
    print(f"| {label} | {max(rel(a, b) for a, b in zip(r['fixedEffects'], fe)):.1e} | {rel(r['interceptSd'], re_['interceptSd']):.1e} | "
          f"{rel(r['slopeSd'], re_['slopeSd']):.1e} | {rel(r['correlation'], re_['correlation']):.1e} | {rel(r['residualSd'], o['residualSd']):.1e} | "
          f"{r['criterion']:.7f} | {o['remlCriterion'] - r['criterion']:+.2e} ({(o['remlCriterion'] - r['criterion']) / r['criterion']:+.1e}) |")
print("\n| relative difference to | fixed effects (max) | intercept SD | slope SD | correlation | residual SD | lme4 REML criterion | ours − lme4 |")
print("|---|---|---|---|---|---|---|---|")
agreement("lme4 default fit (timed above)", r)
agreement("lme4 with tight tolerances", json.load(open(f"{work}/r-tight.json")))
PY
