#!/usr/bin/Rscript
# Write brokerage.json: Gould and Fernandez brokerage scores computed with R's
# sna package (Butts), for analysis/brokerage_test.go to compare against.
#
# Run from anywhere with Debian's r-cran-sna (2.7) and r-cran-jsonlite:
#
#     apt-get install -y r-cran-sna r-cran-jsonlite
#     Rscript analysis/testdata/brokerage.R
#
# Every expected value comes from sna::brokerage (never from netgraph). Each
# network is written with its people, their group, its ties (0-based indexes;
# for an undirected network each tie once, given to sna as a symmetric
# adjacency matrix, that is read both ways) and sna's raw scores, expected
# values, standard deviations and z-scores per person, in sna's column order
# w_I (coordinator), w_O (itinerant), b_IO (representative), b_OI
# (gatekeeper), b_O (liaison), t (total). NaN and Inf (a zero standard
# deviation) are written as the strings "NaN", "Inf" and "-Inf".

suppressPackageStartupMessages({
  library(sna)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
out <- file.path(here, "brokerage.json")

network <- function(name, nodes, group, ties, directed) {
  n <- length(nodes)
  a <- matrix(0, n, n)
  for (r in seq_len(nrow(ties))) {
    a[ties[r, 1] + 1, ties[r, 2] + 1] <- 1
    if (!directed) a[ties[r, 2] + 1, ties[r, 1] + 1] <- 1
  }
  b <- brokerage(a, group)
  strip <- function(m) unname(m)
  list(
    name = name, directed = directed, nodes = nodes, group = group,
    ties = unname(ties),
    raw = strip(b$raw.nli), expected = strip(b$exp.nli),
    sd = strip(b$sd.nli), z = strip(b$z.nli)
  )
}

pairs <- function(v) matrix(v, ncol = 2, byrow = TRUE)

# Zachary's karate club (as networkx.karate_club_graph numbers it), split by
# the club each member joined after the split ("H": Mr. Hi, "O": Officer).
karate <- pairs(c(
  0,1, 0,2, 0,3, 0,4, 0,5, 0,6, 0,7, 0,8, 0,10, 0,11, 0,12, 0,13, 0,17, 0,19, 0,21, 0,31,
  1,2, 1,3, 1,7, 1,13, 1,17, 1,19, 1,21, 1,30, 2,3, 2,7, 2,8, 2,9, 2,13, 2,27, 2,28, 2,32,
  3,7, 3,12, 3,13, 4,6, 4,10, 5,6, 5,10, 5,16, 6,16, 8,30, 8,32, 8,33, 9,33, 13,33, 14,32,
  14,33, 15,32, 15,33, 18,32, 18,33, 19,33, 20,32, 20,33, 22,32, 22,33, 23,25, 23,27, 23,29,
  23,32, 23,33, 24,25, 24,27, 24,31, 25,31, 26,29, 26,33, 27,33, 28,31, 28,33, 29,32, 29,33,
  30,32, 30,33, 31,32, 31,33, 32,33))
club <- strsplit("HHHHHHHHHOHHHHOOHHOHOHOOOOOOOOOOOO", "")[[1]]
club <- ifelse(club == "H", "Mr. Hi", "Officer")

# Padgett's Florentine families, marriage ties (networkx's
# florentine_families_graph), grouped by wealth in 1427 (thousands of lira,
# Padgett and Ansell 1993): under 30, 30 to 50, over 50.
families <- c("Acciaiuoli", "Albizzi", "Barbadori", "Bischeri", "Castellani", "Ginori",
              "Guadagni", "Lamberteschi", "Medici", "Pazzi", "Peruzzi", "Ridolfi",
              "Salviati", "Strozzi", "Tornabuoni")
wealth <- c(10, 36, 55, 44, 20, 32, 8, 42, 103, 48, 49, 27, 10, 146, 48)
band <- ifelse(wealth < 30, "under 30", ifelse(wealth <= 50, "30 to 50", "over 50"))
marriages <- rbind(
  c("Acciaiuoli", "Medici"), c("Albizzi", "Ginori"), c("Albizzi", "Guadagni"),
  c("Bischeri", "Guadagni"), c("Castellani", "Barbadori"), c("Castellani", "Peruzzi"),
  c("Castellani", "Strozzi"), c("Guadagni", "Lamberteschi"), c("Medici", "Albizzi"),
  c("Medici", "Barbadori"), c("Medici", "Ridolfi"), c("Medici", "Salviati"),
  c("Medici", "Tornabuoni"), c("Peruzzi", "Bischeri"), c("Peruzzi", "Strozzi"),
  c("Ridolfi", "Tornabuoni"), c("Salviati", "Pazzi"), c("Strozzi", "Bischeri"),
  c("Strozzi", "Ridolfi"), c("Tornabuoni", "Guadagni"))
florentine <- cbind(match(marriages[, 1], families) - 1, match(marriages[, 2], families) - 1)

# Random directed networks: 40 people, each arc present with probability
# 0.1, people spread over 3 groups at random; and 25 people, probability
# 0.15, over 5 groups of which one has a single member and one two (so that
# some expectations and deviations are 0).
set.seed(12)
random_arcs <- function(n, p) {
  a <- rgraph(n, tprob = p)
  which(a == 1, arr.ind = TRUE)[, c(1, 2)] - 1
}
arcs40 <- random_arcs(40, 0.1)
arcs40 <- arcs40[order(arcs40[, 1], arcs40[, 2]), ]
groups40 <- sample(c("North", "South", "West"), 40, replace = TRUE)
arcs25 <- random_arcs(25, 0.15)
arcs25 <- arcs25[order(arcs25[, 1], arcs25[, 2]), ]
groups25 <- c("Solo", "Pair", "Pair", sample(c("A", "B", "C"), 22, replace = TRUE))

networks <- list(
  network("karate by club", as.character(0:33), club, karate, FALSE),
  network("florentine by wealth", families, band, florentine, FALSE),
  network("random directed, 3 groups", as.character(0:39), groups40, arcs40, TRUE),
  network("random directed, 5 groups", as.character(0:24), groups25, arcs25, TRUE)
)
writeLines(toJSON(list(
  source = paste("R", getRversion(), "sna", packageVersion("sna")),
  networks = networks
), digits = NA, na = "string", auto_unbox = TRUE, pretty = TRUE), out)
