# Reference values for LifestyleAssociationsTests: R's t.test(a, b) is Welch's by default (var.equal = FALSE).
# Run with: Rscript welch-reference.R
options(digits = 15)
show <- function(name, a, b) {
  r <- t.test(a, b)
  cat(name, "\n")
  cat(sprintf("  mean a %.12f  mean b %.12f  diff %.12f\n", r$estimate[1], r$estimate[2], r$estimate[1] - r$estimate[2]))
  cat(sprintf("  df %.12f  lower %.12f  upper %.12f\n", r$parameter, r$conf.int[1], r$conf.int[2]))
}
# Mood 1-10 on 14 days after long nights vs 16 days after short nights.
a1 <- c(7, 6, 8, 7, 5, 7, 8, 6, 7, 9, 6, 7, 8, 7)
b1 <- c(5, 6, 4, 5, 7, 5, 6, 4, 5, 6, 3, 5, 6, 5, 4, 6)
show("moods", a1, b1)
# Unequal spread and sizes, fractional values.
a2 <- c(2.5, 3.1, 9.4, 0.2, 5.5, 7.7, 1.9, 6.6, 4.0, 8.8, 3.3, 0.9, 5.0, 7.1, 2.2)
b2 <- c(4.1, 4.3, 3.9, 4.0, 4.2, 4.4, 3.8, 4.1, 4.0, 4.2, 3.9, 4.1, 4.0, 4.3, 3.9, 4.2, 4.0, 4.1, 4.2, 3.8)
show("spread", a2, b2)

# Output (R 4.2.2):
# moods
#   mean a 7.000000000000  mean b 5.125000000000  diff 1.875000000000
#   df 27.375218423899  lower 1.100816847226  upper 2.649183152774
# spread
#   mean a 4.546666666667  mean b 4.075000000000  diff 0.471666666667
#   df 14.071551872025  lower -1.125568511360  upper 2.068901844693
