// Validates a SARIF log (stdin) against the official SARIF 2.1.0 JSON schema (draft-04) shipped
// in the @microsoft/jest-sarif package, with Ajv 6, the last Ajv that speaks draft-04.
// Exit 0 when valid; the schema errors on stderr otherwise.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const ajv = new Ajv({ schemaId: 'id', allErrors: true, unknownFormats: 'ignore', logger: false });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(schema);
const log = JSON.parse(readFileSync(0, 'utf8'));
if (!validate(log)) {
  console.error(JSON.stringify(validate.errors, null, 2));
  process.exit(1);
}
console.log(`valid SARIF 2.1.0: ${log.runs[0].results.length} result(s)`);
