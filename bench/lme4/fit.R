# Fits lmer(score ~ f * intake + (f | client)) on an `ontrack course simulate` CSV (or any CSV with the
# same columns) and prints the estimates as JSON with fit-only time, for bench/compare.sh and for the
# expected values stored in tests/OnTrack.Domain.Tests/Course/Data/.
# Usage: Rscript bench/lme4/fit.R FILE.csv [reml|ml] [log1p|linear] [intake|nointake] [default|tight]
# "tight" refits with tolerances far below lme4's defaults (its BOBYQA stops at about 1e-6 in theta and
# on large files warns that it has not converged), to compare estimates with the true optimum.
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]
method <- if (length(args) >= 2) args[2] else "reml"
scale <- if (length(args) >= 3) args[3] else "log1p"
useIntake <- if (length(args) >= 4) args[4] == "intake" else TRUE
control <- if (length(args) >= 5 && args[5] == "tight") {
  lmerControl(optimizer = "nloptwrap", optCtrl = list(ftol_abs = 1e-15, ftol_rel = 1e-15, xtol_abs = 1e-12, xtol_rel = 1e-12, maxeval = 100000))
} else lmerControl()
t0 <- proc.time()[["elapsed"]]
d <- read.csv(file, colClasses = c(client = "character"))
t1 <- proc.time()[["elapsed"]]
d$f <- if (scale == "log1p") log1p(d$session) else d$session
form <- if (useIntake) score ~ f * intake + (f | client) else score ~ f + (f | client)
m <- lmer(form, data = d, REML = (method == "reml"), control = control)
t2 <- proc.time()[["elapsed"]]
vc <- as.data.frame(VarCorr(m))
fe <- fixef(m)
num <- function(x) formatC(x, digits = 17, format = "g")
cat("{\n")
cat(sprintf('  "lme4": "%s",\n', as.character(packageVersion("lme4"))))
cat(sprintf('  "rows": %d, "clients": %d,\n', nrow(d), length(unique(d$client))))
cat(sprintf('  "fixedEffects": [%s],\n', paste(num(fe), collapse = ", ")))
cat(sprintf('  "terms": [%s],\n', paste0('"', names(fe), '"', collapse = ", ")))
cat(sprintf('  "interceptSd": %s, "slopeSd": %s, "correlation": %s, "residualSd": %s,\n',
            num(vc$sdcor[1]), num(vc$sdcor[2]), num(vc$sdcor[3]), num(sigma(m))))
cat(sprintf('  "criterion": %s,\n', num(if (method == "reml") REMLcrit(m) else deviance(m))))
cat(sprintf('  "theta": [%s],\n', paste(num(getME(m, "theta")), collapse = ", ")))
cat(sprintf('  "singular": %s, "feval": %d,\n', tolower(isSingular(m)), m@optinfo$feval))
cat(sprintf('  "seconds": {"read": %.3f, "fit": %.3f}\n', t1 - t0, t2 - t1))
cat("}\n")
