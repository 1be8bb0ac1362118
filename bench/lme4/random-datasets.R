# Random well- and ill-conditioned data sets for bench/lme4/random-check.sh: varied client counts,
# scores per client, variances, correlations (including near ±1 and zero slope variance) and noise.
# Writes OUT/case-K.csv and OUT/case-K.json (lme4 refitted with tight tolerances, plus its default fit).
# Usage: Rscript bench/lme4/random-datasets.R OUT CASES SEED
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]; cases <- as.integer(args[2]); set.seed(as.integer(args[3]))
tight <- lmerControl(optimizer = "nloptwrap", optCtrl = list(ftol_abs = 1e-15, ftol_rel = 1e-15, xtol_abs = 1e-12, xtol_rel = 1e-12, maxeval = 100000))
num <- function(x) formatC(x, digits = 17, format = "g")
for (k in seq_len(cases)) {
  clients <- sample(c(15, 40, 200, 1000), 1)
  sd0 <- sample(c(0, 0.5, 3, 10), 1); sd1 <- sample(c(0, 0.3, 2), 1); rho <- sample(c(-0.95, -0.3, 0, 0.6, 0.99), 1)
  sigma <- sample(c(0.5, 2, 6), 1)
  rows <- do.call(rbind, lapply(seq_len(clients), function(i) {
    n <- sample(2:12, 1); t <- sort(sample(1:20, n))
    z <- rnorm(2); u0 <- sd0 * z[1]; u1 <- sd1 * (rho * z[1] + sqrt(1 - rho^2) * z[2])
    a <- round(rnorm(1, 15, 5))
    f <- log1p(t)
    data.frame(client = sprintf("k%d-%04d", k, i), session = t, intake = a,
               score = round(2 + 0.9 * a - (0.5 + 0.1 * a) * f + u0 + u1 * f + rnorm(n, sd = sigma), 3))
  }))
  write.csv(rows, file.path(out, sprintf("case-%d.csv", k)), row.names = FALSE, quote = FALSE)
  rows$f <- log1p(rows$session)
  m <- suppressWarnings(suppressMessages(lmer(score ~ f * intake + (f | client), rows, control = tight)))
  m0 <- suppressWarnings(suppressMessages(lmer(score ~ f * intake + (f | client), rows)))
  vc <- as.data.frame(VarCorr(m))
  writeLines(sprintf('{"fixedEffects": [%s], "interceptSd": %s, "slopeSd": %s, "correlation": %s, "residualSd": %s, "criterion": %s, "defaultCriterion": %s, "singular": %s, "setting": "clients %d sd0 %g sd1 %g rho %g sigma %g"}',
    paste(num(fixef(m)), collapse = ", "), num(vc$sdcor[1]), num(vc$sdcor[2]), if (is.na(vc$sdcor[3])) "null" else num(vc$sdcor[3]), num(sigma(m)),
    num(REMLcrit(m)), num(REMLcrit(m0)), tolower(isSingular(m)), clients, sd0, sd1, rho, sigma), file.path(out, sprintf("case-%d.json", k)))
}
