# Fits lmer(change ~ intake + (1 | therapist)) by REML per area on an `ontrack match simulate` CSV (or
# any CSV with the columns therapist, area, intake, change) with tolerances far below lme4's defaults,
# and prints the estimates and each therapist's conditional mode and SD as JSON: the expected values in
# tests/OnTrack.Domain.Tests/Matching/Data/.
# Usage: Rscript bench/lme4/therapist-effects.R FILE.csv > FILE-lme4.json
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c(therapist = "character", area = "character"))
control <- lmerControl(optimizer = "nloptwrap",
                       optCtrl = list(ftol_abs = 1e-15, ftol_rel = 1e-15, xtol_abs = 1e-12, xtol_rel = 1e-12, maxeval = 100000),
                       check.conv.singular = "ignore", check.conv.grad = "ignore", check.conv.hess = "ignore")
num <- function(x) formatC(x, digits = 17, format = "g")
areas <- sort(unique(d$area))
cat(sprintf('{\n  "lme4": "%s",\n  "areas": {\n', as.character(packageVersion("lme4"))))
for (k in seq_along(areas)) {
  a <- areas[k]
  s <- d[d$area == a, ]
  s$therapist <- factor(s$therapist)
  m <- lmer(change ~ intake + (1 | therapist), data = s, REML = TRUE, control = control)
  fe <- fixef(m)
  vc <- as.data.frame(VarCorr(m))
  re <- ranef(m, condVar = TRUE)$therapist
  # lme4 >= 1.1-x calls it "postVar" (condVar is the argument); one 1x1xJ array for one scalar term.
  pv <- attr(re, "postVar")
  cases <- table(s$therapist)
  ids <- rownames(re)
  therapists <- sprintf('      {"id": "%s", "cases": %d, "effect": %s, "condSd": %s}',
                        ids, as.integer(cases[ids]), num(re[, 1]), num(sqrt(pv[1, 1, ])))
  cat(sprintf('    "%s": {\n', a))
  cat(sprintf('      "cases": %d, "therapistCount": %d,\n', nrow(s), nlevels(s$therapist)))
  cat(sprintf('      "fixedEffects": {"intercept": %s, "intake": %s},\n', num(fe[["(Intercept)"]]), num(fe[["intake"]])))
  cat(sprintf('      "therapistSd": %s, "residualSd": %s, "remlCriterion": %s, "theta": %s, "singular": %s,\n',
              num(vc$sdcor[1]), num(sigma(m)), num(REMLcrit(m)), num(getME(m, "theta")), tolower(isSingular(m))))
  cat('      "therapists": [\n')
  cat(paste(therapists, collapse = ",\n"))
  cat(sprintf('\n      ]\n    }%s\n', if (k < length(areas)) "," else ""))
}
cat("  }\n}\n")
