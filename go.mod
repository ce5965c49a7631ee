module github.com/netgraph/netgraph

go 1.26
