# netgraph: a static binary on distroless, run as a non-root user. In a
# container it must listen beyond loopback, so it serves only with API keys:
# NETGRAPH_API_KEYS_FILE names a file of "ROLE TOKEN [NAME]" lines that you
# mount (readable by uid 65532 only); without it, serve refuses to start.
#   docker build -t netgraph .
#   umask 077; printf 'admin %s admin\n' "$(openssl rand -hex 24)" > api-keys
#   sudo chown 65532 api-keys
#   docker run --rm -p 127.0.0.1:8080:8080 -v "$PWD/api-keys:/run/secrets/netgraph-api-keys:ro" \
#     -v netgraph-data:/home/nonroot netgraph                          (embedded store in /home/nonroot)
#   docker run … -e NEO4J_URI=bolt://neo4j.internal:7687 -e NEO4J_USERNAME=neo4j -e NEO4J_PASSWORD netgraph
#                                                                      (Neo4j; the password from your environment)
# NEO4J_* or NETGRAPH_NEO4J_* set the --neo4j-* flags. With a local Neo4j, see docker-compose.yml.
# TestDockerCommandLines (cmd/netgraph) checks that serve accepts what this file sets.

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
# Every flag can be set as NETGRAPH_<FLAG>. All interfaces of the container,
# with the API keys required; publish the port on 127.0.0.1 unless a proxy
# with TLS stands in front.
ENV NETGRAPH_ADDR=0.0.0.0:8080 \
    NETGRAPH_API_KEYS_FILE=/run/secrets/netgraph-api-keys
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/netgraph"]
CMD ["serve"]
