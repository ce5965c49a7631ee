// Lints every .cypher file under ../cypher with @neo4j-cypher/language-support:
// syntax and semantic errors (Neo4j's own front end), and, because the graph
// model below is declared, labels, relationship types and property keys that
// the store does not use (typos). The only diagnostic tolerated is
// "Parameter $x is not defined": parameters are supplied by the Go code at run
// time. Any other diagnostic, an empty file or a file with more than one
// statement is printed as file:line:col and fails the run.
//
// Usage: node lint.mjs [dir]   (run.sh installs the pinned package first)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery, isNotParamError } from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '..', 'cypher'));

// The graph model of store/neo4jstore (see its package doc). Keep in step with it.
const schema = {
  defaultLanguage: 'CYPHER 5',
  labels: ['Person', 'Organisation', 'Network', 'NetgraphMeta', 'AuditEntry', 'MembershipRequest'],
  relationshipTypes: ['WORKS_AT', 'MEMBER_OF', 'TIE', 'PARTNERS_WITH', 'DISMISSED'],
  propertyKeys: [
    // entities
    'id', 'externalId', 'name', 'email', 'title', 'profession', 'region', 'interests', 'consent',
    'sector', 'type', 'purpose', 'specialty', 'createdAt', 'updatedAt',
    // a network's register profile (mapping.go networkProps; a document is
    // three properties named after it)
    'aims', 'hostOrganisationId', 'contactName', 'contactEmail', 'membershipPolicy', 'website', 'status',
    'termsOfReferenceTitle', 'termsOfReferenceLink', 'termsOfReferenceReviewDate',
    'memorandumTitle', 'memorandumLink', 'memorandumReviewDate',
    // relations
    'role', 'since', 'kind', 'strength', 'lastInteraction', 'key',
    // the data-version node
    'dataVersion', 'lock',
    // audit log entries (id, role and kind as above)
    'at', 'subject', 'requestId', 'operation', 'ids', 'count',
    // dismissed introductions (at as above)
    'by', 'reason',
    // membership requests (requests.go requestProps; id, status, createdAt and reason as above)
    'personId', 'networkId', 'message', 'decidedBy', 'decidedAt',
    // keys of import rows: the linter counts `row.fromId` inside a node pattern
    // as a property read of that node
    'fromId', 'toId',
  ],
};

function cypherFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return cypherFiles(p);
      return e.name.endsWith('.cypher') ? [p] : [];
    })
    .sort();
}

const files = cypherFiles(root);
if (files.length === 0) {
  console.error(`lint: no .cypher files under ${root}`);
  process.exit(1);
}

let problems = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const name = relative(process.cwd(), file);
  if (text.trim() === '') {
    console.log(`${name}:1:1: error: empty statement file`);
    problems++;
    continue;
  }
  const { diagnostics, symbolTables } = lintCypherQuery(text, schema);
  if (symbolTables.length > 1) {
    console.log(`${name}:1:1: error: ${symbolTables.length} statements; the store runs one statement per file`);
    problems++;
  }
  for (const d of diagnostics.filter(isNotParamError)) {
    const severity = d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info';
    const { line, character } = d.range.start;
    console.log(`${name}:${line + 1}:${character + 1}: ${severity}: ${d.message}`);
    problems++;
  }
}

console.log(`lint: ${files.length} files, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
