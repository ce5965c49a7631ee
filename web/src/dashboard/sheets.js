// Spreadsheet upload in plain words: the files as the mutation takes them,
// and its preview (counts per kind, every problem where it is). Pure
// functions, tested in Node.

import { count } from "./format.js";

/** MAX_UPLOAD_BYTES is what one upload may add up to: the server's limit (graph.MaxSpreadsheetBytes). */
export const MAX_UPLOAD_BYTES = 512 * 1024;

/** SPREADSHEET_TYPES are the files the file picker offers. */
export const SPREADSHEET_TYPES = ".csv,.tsv,.xlsx,.xlsm";

/** base64 encodes bytes (a Uint8Array) as the mutation's content. */
export function base64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** tooLarge says why files ({name, size}) are too many bytes for one upload, or "" if they are not. */
export function tooLarge(files) {
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total <= MAX_UPLOAD_BYTES) return "";
  return `These files add up to ${kib(total)}; the dashboard takes up to ${kib(MAX_UPLOAD_BYTES)} at once. Import fewer at a time, or larger ones with netgraph import.`;
}

const kib = (n) => `${Math.ceil(n / 1024).toLocaleString("en-GB")} KiB`;

/** problemText says where a problem is and what it is, as netgraph import does: "people.csv line 3, column 3 (email): …". */
export function problemText(p) {
  if (!p.line) return `${p.file}: ${p.message}`;
  if (!p.column) return `${p.file} line ${p.line}: ${p.message}`;
  return `${p.file} line ${p.line}, column ${p.column} (${p.header}): ${p.message}`;
}

/** kindText says what an import does to one kind of row: "people: 2 new, 1 changed, 3 unchanged". */
export function kindText(k) {
  const parts = [];
  if (k.new) parts.push(`${k.new.toLocaleString("en-GB")} new`);
  if (k.changed) parts.push(`${k.changed.toLocaleString("en-GB")} changed`);
  if (k.unchanged) parts.push(`${k.unchanged.toLocaleString("en-GB")} unchanged`);
  return `${k.kind}: ${parts.length ? parts.join(", ") : "no rows"}`;
}

/**
 * summary is the verdict of an importSpreadsheets result: what a preview
 * would write, what an import wrote, or that problems stop it.
 */
export function summary(r) {
  if (r.problems.length > 0)
    return `${count(r.problems.length, "problem")} to fix: nothing ${r.dryRun ? "can be" : "was"} imported until every row is right.`;
  if (r.records === 0) return "Everything in these files is already in netgraph: nothing to import.";
  if (r.dryRun) return `Ready: importing writes ${count(r.records, "record")}.`;
  return `Imported: ${count(r.records, "record")} written.`;
}

/** canImport reports whether a preview may be imported: no problems and something to write. */
export const canImport = (r) => Boolean(r && r.dryRun && r.problems.length === 0 && r.records > 0);
