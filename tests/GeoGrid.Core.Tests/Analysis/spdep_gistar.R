# Reference Gi* from R spdep, for GetisOrdSpdepTests. Usage: Rscript spdep_gistar.R in.csv out.csv
#   in.csv: id,x,y,v[,wkt]; the weights come from the environment: WEIGHTS = band:<metres> | knn:<k> | queen
#   out.csv: id, neighbours (space-separated, 1-based, self excluded), localG internals, localG_perm's.
suppressPackageStartupMessages({ library(spdep); library(sf) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c(wkt = "character"))
xy <- cbind(d$x, d$y)
spec <- strsplit(Sys.getenv("WEIGHTS"), ":")[[1]]
nb <- switch(spec[1],
  band = dnearneigh(xy, 0, as.numeric(spec[2])),
  knn = knn2nb(knearneigh(xy, k = as.integer(spec[2]))),
  queen = poly2nb(st_as_sfc(d$wkt), queen = TRUE))
nsim <- as.integer(Sys.getenv("NSIM"))
lw <- nb2listw(include.self(nb), style = "B", zero.policy = TRUE)
g <- localG(d$v, lw, return_internals = TRUE)
gi <- attr(g, "internals")
gp <- localG_perm(d$v, lw, nsim = nsim, iseed = as.integer(Sys.getenv("SEED")), return_internals = TRUE)
gpi <- attr(gp, "internals")
neighbours <- sapply(seq_along(nb), function(i) paste(setdiff(nb[[i]], c(0L)), collapse = " "))
out <- data.frame(id = d$id, neighbours = neighbours,
  G = gi[, 1], EG = gi[, 2], VG = gi[, 3], Z = gi[, 4], P = gi[, 5],
  simEG = gpi[, "E.Gi"], simVG = gpi[, "Var.Gi"], simZ = as.numeric(gp), pseudoP = gpi[, "Pr(folded) Sim"],
  bh = p.adjust(gi[, 5], "BH"))
write.csv(out, args[2], row.names = FALSE)
