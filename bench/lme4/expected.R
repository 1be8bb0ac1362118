# Makes the lme4 reference values the unit tests compare against (tests/OnTrack.Domain.Tests/Course/Data/).
# Run from the repository root: Rscript bench/lme4/expected.R
# simulated-300.csv comes from `ontrack course simulate --clients 300 --seed 7`; noise-only.csv is made
# here (no client-level variation, so lme4 reports a singular fit).
suppressMessages(library(lme4))
dir <- "tests/OnTrack.Domain.Tests/Course/Data"
num <- function(x) formatC(x, digits = 17, format = "g")
# lme4's default optimiser (nloptwrap/BOBYQA) stops at about 1e-6 in theta and may warn that it has not
# converged; each model is therefore also refitted with tight tolerances. The tests compare estimates
# with the tight fit and require our criterion to be no worse than either.
tight <- lmerControl(optimizer = "nloptwrap", optCtrl = list(ftol_abs = 1e-15, ftol_rel = 1e-15, xtol_abs = 1e-12, xtol_rel = 1e-12, maxeval = 100000))
both <- function(formula, data, reml) {
  m0 <- suppressWarnings(suppressMessages(lmer(formula, data, REML = reml)))
  m1 <- suppressWarnings(suppressMessages(lmer(formula, data, REML = reml, control = tight)))
  d <- describe(m1, reml)
  sub("}$", sprintf(', "defaultCriterion": %s, "defaultTheta": [%s]}', num(if (reml) REMLcrit(m0) else deviance(m0)),
                    paste(num(getME(m0, "theta")), collapse = ", ")), d)
}
describe <- function(m, reml) {
  vc <- as.data.frame(VarCorr(m))
  corr <- if (nrow(vc) >= 4 && !is.na(vc$sdcor[3])) num(vc$sdcor[3]) else "null"
  resid <- vc$sdcor[nrow(vc)]
  sprintf('{"fixedEffects": [%s], "interceptSd": %s, "slopeSd": %s, "correlation": %s, "residualSd": %s, "criterion": %s, "theta": [%s], "singular": %s}',
          paste(num(fixef(m)), collapse = ", "), num(vc$sdcor[1]), num(vc$sdcor[2]), corr, num(resid),
          num(if (reml) REMLcrit(m) else deviance(m)), paste(num(getME(m, "theta")), collapse = ", "), tolower(isSingular(m)))
}
d <- read.csv(file.path(dir, "simulated-300.csv"), colClasses = c(client = "character"))
d$f <- log1p(d$session)
out <- c(
  sprintf('"remlLog1pIntake": %s', both(score ~ f * intake + (f | client), d, TRUE)),
  sprintf('"mlLog1pIntake": %s', both(score ~ f * intake + (f | client), d, FALSE)),
  sprintf('"remlLinearNoIntake": %s', both(score ~ session + (session | client), d, TRUE)))
set.seed(3)
n <- data.frame(client = rep(sprintf("c%02d", 1:30), each = 5), session = rep(1:5, 30))
n$score <- round(10 - 2 * log1p(n$session) + rnorm(nrow(n), sd = 2), 2)
write.csv(n, file.path(dir, "noise-only.csv"), row.names = FALSE, quote = FALSE)
n$f <- log1p(n$session)
out <- c(out, sprintf('"noiseOnly": %s', both(score ~ f + (f | client), n, TRUE)))
# Mostly two scores per client: too few per-client moments for OnTrack's moment start, so its
# optimiser runs from lme4's start (1, 0, 1) — the path this case checks.
ss <- sleepstudy[sleepstudy$Days < 2 | sleepstudy$Subject %in% c("308", "309"), ]
out <- c(out, sprintf('"sleepstudyMostlyTwoDays": %s', both(Reaction ~ Days + (Days | Subject), ss, TRUE)))
writeLines(c("{", paste(out, collapse = ",\n"), "}"), file.path(dir, "lme4-expected.json"))
cat("lme4", as.character(packageVersion("lme4")), "\n")
