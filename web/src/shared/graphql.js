// Talking to /graphql: the one place that sends requests, for the dashboard
// and GraphiQL alike.

/** The API's path on the server that serves the page. */
export const ENDPOINT = "/graphql";

/**
 * requestInit builds the fetch options of a POST carrying one GraphQL
 * request, with the API key as a bearer token when there is one.
 */
export function postInit({ query, variables, operationName }, apiKey, extraHeaders = {}) {
  const headers = { "Content-Type": "application/json", Accept: "application/json", ...extraHeaders };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  const body = { query };
  if (variables && Object.keys(variables).length > 0) body.variables = variables;
  if (operationName) body.operationName = operationName;
  return { method: "POST", headers, body: JSON.stringify(body) };
}

/**
 * getURL is the URL of a GET carrying one GraphQL request. The server runs
 * queries only over GET, never mutations, so a request that must not change
 * data (a query someone else linked to) goes this way.
 */
export function getURL({ query, variables, operationName }) {
  const params = new URLSearchParams({ query });
  if (variables && Object.keys(variables).length > 0) params.set("variables", JSON.stringify(variables));
  if (operationName) params.set("operationName", operationName);
  return `${ENDPOINT}?${params}`;
}

/**
 * send runs one GraphQL request and returns the response's JSON body
 * ({data, errors}) whatever the HTTP status, as GraphQL servers answer
 * refusals (401, 403, 429) with a body too. readOnly sends it over GET.
 */
export async function send(request, { apiKey = "", readOnly = false, headers = {}, signal } = {}) {
  let res;
  if (readOnly) {
    const h = { Accept: "application/json", ...headers };
    if (apiKey) h.Authorization = `Bearer ${apiKey}`;
    res = await fetch(getURL(request), { method: "GET", headers: h, signal });
  } else {
    res = await fetch(ENDPOINT, { ...postInit(request, apiKey, headers), signal });
  }
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 200)}`, extensions: { status: res.status } }] };
  }
}

/** GraphQLError is a response's errors, thrown by query. */
export class GraphQLError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join("; "));
    this.errors = errors;
    /** The first error's extensions.code, e.g. UNAUTHENTICATED or FORBIDDEN. */
    this.code = errors[0]?.extensions?.code || "";
  }
}

/**
 * query runs request and returns its data, or throws a GraphQLError if the
 * response carries errors.
 */
export async function query(request, options) {
  const body = await send(request, options);
  if (body.errors && body.errors.length > 0) throw new GraphQLError(body.errors);
  return body.data;
}
