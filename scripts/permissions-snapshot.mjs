// Rewrites test/permissions.snapshot.txt from the built code (`npm run build` first).
// Review the diff: it is a change of who may do what.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { isObjectType, lexicographicSortSchema } = require('graphql');
const { appSchema } = require('../dist/api/graphql/build-schema.js');
const { ROLE_PERMISSIONS } = require('../dist/domain/permissions.js');

const schema = lexicographicSortSchema(await appSchema());
const lines = [];
for (const type of Object.values(schema.getTypeMap())) {
  if (!isObjectType(type) || type.name.startsWith('__')) continue;
  for (const field of Object.values(type.getFields())) {
    const permission = field.extensions?.permission;
    if (permission) lines.push(`${type.name}.${field.name}: ${permission}`);
  }
}
for (const [role, permissions] of Object.entries(ROLE_PERMISSIONS)) lines.push(`role ${role}: ${[...permissions].sort().join(', ')}`);
writeFileSync(new URL('../test/permissions.snapshot.txt', import.meta.url), `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} lines`);
