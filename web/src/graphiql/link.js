// Links to GraphiQL: /graphiql?query=…&variables=…&operationName=…&run=1
// opens a query and, with run=1, runs it straight away. Another page can
// make such a link, so what a link runs must not change data: a linked
// request runs only if its operation is a query, and goes over GET, which
// the server serves for queries only.

import { parse } from "graphql";

/**
 * linkedRequest reads a link's parameters from a location.search string:
 * the request and whether it asks to run. Variables that are not a JSON
 * object are dropped.
 */
export function linkedRequest(search) {
  const p = new URLSearchParams(search);
  const query = p.get("query");
  if (query === null) return null;
  let variables;
  const vars = p.get("variables");
  if (vars) {
    try {
      const v = JSON.parse(vars);
      if (v && typeof v === "object" && !Array.isArray(v)) variables = v;
    } catch {
      // Not JSON: left out.
    }
  }
  return {
    query,
    variables,
    variablesText: vars || "",
    operationName: p.get("operationName") || undefined,
    run: p.get("run") === "1",
  };
}

/**
 * operationKind says what the request would run: "query", "mutation",
 * "subscription", or "" if it does not parse or names no single operation.
 */
export function operationKind(query, operationName) {
  let doc;
  try {
    doc = parse(query);
  } catch {
    return "";
  }
  const ops = doc.definitions.filter((d) => d.kind === "OperationDefinition");
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  return op ? op.operation : "";
}

/** mayRunLinked reports whether a link may run its request: only a query may. */
export function mayRunLinked(req) {
  return Boolean(req && req.run && operationKind(req.query, req.operationName) === "query");
}
