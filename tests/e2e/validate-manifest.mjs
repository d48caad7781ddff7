#!/usr/bin/env node
// Validate Teams app manifest.json files against the official Teams manifest schema (JSON Schema draft-04).
//
//   node validate-manifest.mjs --schema <teams-manifest-X.Y.json> manifest1.json [manifest2.json ...]
//
// Output mirrors shared/schemas/validate-card.mjs: "ok   <file>" or "FAIL <file>" followed by indented
// "<json pointer>: <message>" lines. Exit status: 0 = all valid, 1 = some invalid, 2 = usage error or ajv missing.
// Needs ajv-draft-04 and ajv-formats (tests/e2e/package.json).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'noop.js'));
function load(name) {
  try { return require(name); } catch (e) { if (e.code === 'MODULE_NOT_FOUND') return null; throw e; }
}

const args = process.argv.slice(2);
const si = args.indexOf('--schema');
const schemaPath = si === -1 ? null : args[si + 1];
if (si !== -1) args.splice(si, 2);
if (!schemaPath || !args.length) {
  console.error('usage: node validate-manifest.mjs --schema teams-manifest.json manifest.json [...]');
  process.exit(2);
}

const Ajv04 = load('ajv-draft-04');
const addFormats = load('ajv-formats');
if (!Ajv04 || !addFormats) {
  console.error("validate-manifest: cannot find 'ajv-draft-04' and 'ajv-formats'. Run: npm ci --prefix tests/e2e");
  process.exit(2);
}

const ajv = new (Ajv04.default || Ajv04)({ strict: false, allErrors: true });
(addFormats.default || addFormats)(ajv);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
// The manifest's own "$schema" is a URL string the schema allows; the schema file itself is not registered by id.
const validate = ajv.compile(schema);

const describe = (e) => {
  const p = e.params || {};
  if (e.keyword === 'additionalProperties') return `unknown property "${p.additionalProperty}"`;
  if (e.keyword === 'required') return `missing required property "${p.missingProperty}"`;
  if (e.keyword === 'enum') return `${e.message}: ${JSON.stringify(p.allowedValues)}`;
  return e.message;
};

let failed = 0;
for (const file of args) {
  let manifest;
  try { manifest = JSON.parse(readFileSync(file, 'utf8')); } catch (e) {
    console.log(`FAIL ${file}\n  cannot read/parse: ${e.message}`); failed++; continue;
  }
  if (validate(manifest)) { console.log(`ok   ${file}`); continue; }
  failed++;
  console.log(`FAIL ${file}`);
  for (const line of new Set(validate.errors.map((e) => `${e.instancePath || '/'}: ${describe(e)}`))) console.log(`  ${line}`);
}
process.exit(failed ? 1 : 0);
