// SPDX-License-Identifier: Apache-2.0
// Parses AsyncAPI documents with the AsyncAPI project's own parser and prints, as one JSON array
// on standard output, each file's diagnostics: [{file, parsed, diagnostics: [{severity, code,
// message, path, line}], readBack}]. Severity is the parser's word: error, warning, info or hint.
// Usage: node validate.mjs FILE...   Exit code 0 when every file was read, 2 on a usage error.
import { readFile } from 'node:fs/promises';
import { Parser } from '@asyncapi/parser';

const SEVERITY = ['error', 'warning', 'info', 'hint'];

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: node validate.mjs FILE...\n');
  process.exit(2);
}
// What the parser read, for the test to compare with the flow: names must come back exactly.
function readBack(document) {
  const entries = (collection, f) => Object.fromEntries(collection.all().map((x) => [x.id(), f(x)]));
  return {
    title: document.info().title(),
    servers: entries(document.servers(), (s) => s.protocol()),
    channels: entries(document.channels(), (c) => ({ address: c.address(), title: c.title() ?? null,
      messages: c.messages().all().map((m) => m.id()) })),
    operations: entries(document.operations(), (o) => ({ action: o.action(),
      channels: o.channels().all().map((c) => c.id()) })),
    messages: entries(document.components().messages(), (m) => ({ title: m.title() ?? null,
      headers: m.hasHeaders() ? Object.keys(m.headers().properties() ?? {}) : [] })),
  };
}

const parser = new Parser();
const results = [];
for (const file of files) {
  const text = await readFile(file, 'utf8');
  const { document, diagnostics } = await parser.parse(text, { source: file });
  results.push({
    file,
    parsed: document !== undefined,
    readBack: document === undefined ? null : readBack(document),
    diagnostics: diagnostics.map((d) => ({
      severity: SEVERITY[d.severity] ?? String(d.severity),
      code: String(d.code),
      message: d.message,
      path: (d.path ?? []).join('/'),
      line: d.range ? d.range.start.line + 1 : 0,
    })),
  });
}
process.stdout.write(JSON.stringify(results) + '\n');
