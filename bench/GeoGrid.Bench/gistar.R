# The reference side of the Gi* benchmark: spdep's weights and localG on the same cells, timed in R.
# Usage: Rscript gistar.R cells.csv band out.csv; prints "weights_seconds gistar_seconds".
suppressPackageStartupMessages(library(spdep))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
xy <- cbind(d$x, d$y)
t0 <- proc.time()[["elapsed"]]
lw <- nb2listw(include.self(dnearneigh(xy, 0, as.numeric(args[2]))), style = "B")
t1 <- proc.time()[["elapsed"]]
g <- localG(d$v, lw, return_internals = TRUE)
t2 <- proc.time()[["elapsed"]]
write.csv(data.frame(z = as.numeric(g), p = attr(g, "internals")[, 5]), args[3], row.names = FALSE)
cat(t1 - t0, t2 - t1, "\n")
