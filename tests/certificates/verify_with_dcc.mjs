// Verifies one credential with the Digital Credentials Consortium's verifier-core, as an
// outside verifier would, and prints its answer as JSON on stdout.
//
//   node verify_with_dcc.mjs credential.json schema-dir
//
// No network: the verifier's own document loader holds the contexts it knows and resolves
// did:key locally; whatever it fetches goes through fetch(), which here answers only
// http://127.0.0.1 (a status list served by the test) and the Open Badges JSON Schemas
// from schema-dir. Every other address is refused and listed in the answer as `refused`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const [credentialPath, schemaDir] = process.argv.slice(2);
const SCHEMAS = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/';
const refused = [];
const fetched = [];
const realFetch = globalThis.fetch;

globalThis.fetch = async (resource, options) => {
  const url = typeof resource === 'string' ? resource : (resource.url ?? String(resource));
  if (url.startsWith('http://127.0.0.1:')) {
    fetched.push(url);
    return realFetch(resource, options);
  }
  if (schemaDir && url.startsWith(SCHEMAS)) {
    const name = path.basename(new URL(url).pathname);
    const body = await readFile(path.join(schemaDir, name), 'utf8');
    return new Response(body, { headers: { 'Content-Type': 'application/json' } });
  }
  refused.push(url);
  throw new TypeError(`No network in this check: ${url}`);
};

const { verifyCredential } = await import('@digitalcredentials/verifier-core');
const credential = JSON.parse(await readFile(credentialPath, 'utf8'));
const result = await verifyCredential({ credential, knownDIDRegistries: [] });

const errors = (result.errors ?? []).map(({ name, message }) => ({ name, message }));
const log = (result.log ?? []).map(({ id, valid, error }) => ({
  id,
  valid,
  ...(error ? { error: { name: error.name, message: error.message } } : {}),
}));
const schema = (result.additionalInformation ?? []).find((entry) => entry.id === 'schema_check');
process.stdout.write(JSON.stringify({ errors, log, schema, fetched, refused }, null, 2) + '\n');
