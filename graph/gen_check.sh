#!/usr/bin/env bash
# gen_check.sh fails when the generated files are not what their sources
# generate: metrics.graphqls (the CentralityMetric enum, written from the
# metric registry in analysis/metrics.go) and the gqlgen output in graph/
# (from schema.graphqls, metrics.graphqls and gqlgen.yml). Someone changed
# the registry or the schema without running `go generate ./graph`, or edited
# generated files by hand.
#
# It runs `go generate ./graph` in a temporary copy of the files generation
# reads, so the work tree is never touched and uncommitted work elsewhere does
# not matter.
#
# Usage (from anywhere): bash graph/gen_check.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$root"
# The domain package (bound in gqlgen.yml), the module files and graph/, and
# every other package of the module that graph/ imports (the analysis
# engine), which gqlgen loads when it regenerates the resolvers, and those
# the metric enum's generator imports (the registry).
cp go.mod go.sum gqlgen.yml schema.graphqls metrics.graphqls ./*.go "$tmp"/
cp -R graph "$tmp"/graph
module="$(go list -m)"
# Files a package embeds (report's HTML template) are part of it too.
for pkg in $(go list -deps ./graph ./graph/internal/metricenum); do
	dir="${pkg#"$module"/}"
	case "$pkg" in
	"$module"/graph | "$module"/graph/*) ;; # copied above
	"$module"/*)
		mkdir -p "$tmp/$dir"
		cp "$dir"/*.go "$tmp/$dir"/
		for f in $(go list -f '{{join .EmbedFiles " "}}' "$pkg"); do
			mkdir -p "$tmp/$dir/$(dirname "$f")"
			cp "$dir/$f" "$tmp/$dir/$f"
		done
		;;
	esac
done

(cd "$tmp" && go generate ./graph)

if ! diff -u "$root/metrics.graphqls" "$tmp/metrics.graphqls" || ! diff -ru "$root/graph" "$tmp/graph"; then
	echo >&2
	echo "graph/gen_check.sh: generated files are out of date; run 'go generate ./graph' and commit the result" >&2
	exit 1
fi
echo "graph/gen_check.sh: generated files are up to date"
