# netgraph: a static binary on distroless, run as a non-root user.
#   docker build -t netgraph .
#   docker run --rm -p 8080:8080 netgraph            (embedded store in /home/nonroot)
#   docker run --rm -p 8080:8080 -e NEO4J_URI=bolt://neo4j.internal:7687 \
#     -e NEO4J_USERNAME=neo4j -e NEO4J_PASSWORD netgraph   (Neo4j; the password from your environment)
# NEO4J_* or NETGRAPH_NEO4J_* set the --neo4j-* flags. With a local Neo4j, see docker-compose.yml.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Pure Go (bbolt, the Neo4j driver): no cgo, so the binary runs on a static base.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/netgraph ./cmd/netgraph

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/netgraph /usr/local/bin/netgraph
USER nonroot:nonroot
WORKDIR /home/nonroot
# In a container the server must listen beyond loopback; every flag can be
# set as NETGRAPH_<FLAG>.
ENV NETGRAPH_ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/netgraph"]
CMD ["serve"]
