// GraphiQL at /graphiql: the reference GraphQL IDE (autocompletion, inline
// errors, the docs explorer, history) on netgraph's API, with example tabs
// for the analysis queries. It keeps the API key and its editors in the
// tab's sessionStorage (see ../shared/session.js) and runs a linked query
// only if it is a query, over GET (see link.js).

import { createElement as h, useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { useEditorContext, useExecutionContext } from "@graphiql/react";
import "graphiql/graphiql.css";
import "./graphiql.css";

import { send } from "../shared/graphql.js";
import { forgetLocal, graphiqlStorage, keyStore, readApiKey, writeApiKey } from "../shared/session.js";
import { examples } from "./examples.js";
import { linkedRequest, mayRunLinked } from "./link.js";

const store = keyStore();
forgetLocal(globalThis.localStorage);
const link = linkedRequest(location.search);
let linkPending = mayRunLinked(link);

/**
 * fetcher sends GraphiQL's requests with the tab's API key. The request a
 * link asked to run goes over GET, once.
 */
async function fetcher(params, opts = {}) {
  const readOnly = linkPending && params.query === link.query;
  if (readOnly) linkPending = false;
  const headers = opts.headers && typeof opts.headers === "object" ? opts.headers : {};
  return send(params, { apiKey: readApiKey(store), readOnly, headers });
}

/** AutoRun runs a linked query once the query editor holds it. */
function AutoRun() {
  const { queryEditor } = useEditorContext({ nonNull: true });
  const { run } = useExecutionContext({ nonNull: true });
  const started = useRef(false);
  useEffect(() => {
    if (queryEditor && linkPending && !started.current) {
      started.current = true;
      run();
    }
  }, [queryEditor, run]);
  return null;
}

/** KeyBar is the header above GraphiQL: a way back and the API key. */
function KeyBar({ onKeyChange }) {
  const [key, setKey] = useState(readApiKey(store));
  const save = (value) => {
    writeApiKey(store, value);
    setKey(readApiKey(store));
    onKeyChange();
  };
  return h(
    "header",
    { className: "ng-bar" },
    h("a", { href: "/", className: "ng-home" }, "netgraph dashboard"),
    h("span", { className: "ng-title" }, "GraphiQL"),
    h(
      "form",
      {
        className: "ng-key",
        onSubmit: (e) => {
          e.preventDefault();
          save(new FormData(e.currentTarget).get("key"));
        },
      },
      h("label", { htmlFor: "ng-api-key" }, "API key"),
      h("input", {
        id: "ng-api-key",
        name: "key",
        type: "password",
        autoComplete: "off",
        defaultValue: key,
        placeholder: "kept in this tab only",
      }),
      h("button", { type: "submit" }, "Use"),
      key ? h("button", { type: "button", onClick: () => save("") }, "Forget") : null,
    ),
  );
}

function App() {
  // A new key may show more of the schema: remounting GraphiQL fetches it again.
  const [generation, setGeneration] = useState(0);
  return h(
    "div",
    { className: "ng-page" },
    h(KeyBar, { onKeyChange: () => setGeneration((g) => g + 1) }),
    h(
      "main",
      { className: "ng-ide" },
      h(GraphiQL, {
        key: generation,
        fetcher,
        storage: graphiqlStorage(store),
        defaultTabs: examples,
        query: link?.query,
        variables: link?.variablesText || undefined,
        operationName: link?.operationName,
        shouldPersistHeaders: false,
        defaultEditorToolsVisibility: true,
        toolbar: { additionalContent: h(AutoRun) },
      }),
    ),
  );
}

createRoot(document.getElementById("root")).render(h(App));
