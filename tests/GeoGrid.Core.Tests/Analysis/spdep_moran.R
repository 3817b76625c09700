# Reference global Moran's I (randomisation) from R spdep. Usage: Rscript spdep_moran.R in.csv band
suppressPackageStartupMessages(library(spdep))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
lw <- nb2listw(dnearneigh(cbind(d$x, d$y), 0, as.numeric(args[2])), style = "B", zero.policy = TRUE)
m <- moran.test(d$v, lw, randomisation = TRUE, zero.policy = TRUE, alternative = "two.sided")
cat(sprintf("%.17g", c(m$estimate[1], m$estimate[2], m$estimate[3], m$statistic, m$p.value)), sep = "\n")
