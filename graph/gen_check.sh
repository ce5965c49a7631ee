#!/usr/bin/env bash
# gen_check.sh fails when the gqlgen output in graph/ is not what
# schema.graphqls and gqlgen.yml generate: someone edited the schema without
# running `go generate ./graph`, or edited generated code by hand.
#
# It runs gqlgen in a temporary copy of the files generation reads, so the
# work tree is never touched and uncommitted work elsewhere does not matter.
#
# Usage (from anywhere): bash graph/gen_check.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$root"
# The domain package (bound in gqlgen.yml), the module files and graph/, and
# every other package of the module that graph/ imports (the analysis
# engine), which gqlgen loads when it regenerates the resolvers.
cp go.mod go.sum gqlgen.yml schema.graphqls ./*.go "$tmp"/
cp -R graph "$tmp"/graph
module="$(go list -m)"
for pkg in $(go list -deps ./graph); do
	dir="${pkg#"$module"/}"
	case "$pkg" in
	"$module"/graph | "$module"/graph/*) ;; # copied above
	"$module"/*)
		mkdir -p "$tmp/$dir"
		cp "$dir"/*.go "$tmp/$dir"/
		;;
	esac
done

(cd "$tmp" && go tool gqlgen generate)

if ! diff -ru "$root/graph" "$tmp/graph"; then
	echo >&2
	echo "graph/gen_check.sh: generated code is out of date; run 'go generate ./graph' and commit the result" >&2
	exit 1
fi
echo "graph/gen_check.sh: generated code is up to date"
