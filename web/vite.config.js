// Builds the dashboard (index.html) and GraphiQL (graphiql.html) into dist/,
// which the Go binary embeds (web.go). The build must be repeatable: CI
// rebuilds it from a clean copy and fails if dist/ differs (.ci/frontend.sh),
// so nothing in it may depend on the time, the machine or the path.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  // The bundle must work offline and under a strict Content-Security-Policy:
  // no inlined scripts, no assets from elsewhere.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: { index: "index.html", graphiql: "graphiql.html" },
    },
  },
  worker: { format: "es" },
});
