import { readFileSync } from 'node:fs';
import { GraphQLObjectType, isObjectType, lexicographicSortSchema } from 'graphql';
import { appSchema } from '../api/graphql/build-schema';
import { declaredPermission } from '../api/graphql/guard';
import { ROLE_PERMISSIONS } from '../domain/permissions';
import { printAppSchema, SCHEMA_FILE } from '../api/graphql/schema-file';

test('schema/schema.graphql is up to date (run `npm run schema:emit`)', async () => {
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printAppSchema());
});

/**
 * Who can do what, as a reviewed list: every root operation and every guarded
 * field with the permission it declares. A diff here is a change of access
 * rights and must be reviewed as such (`test/permissions.snapshot.txt`).
 */
test('every operation declares a permission, and the list matches the reviewed snapshot', async () => {
  const schema = lexicographicSortSchema(await appSchema());
  const lines: string[] = [];
  const undeclared: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const root = type === schema.getQueryType() || type === schema.getMutationType();
    for (const field of Object.values((type as GraphQLObjectType).getFields())) {
      const permission = declaredPermission(field.extensions);
      if (permission) lines.push(`${type.name}.${field.name}: ${permission}`);
      else if (root) undeclared.push(`${type.name}.${field.name}`);
    }
  }
  expect(undeclared).toEqual([]);
  for (const [role, permissions] of Object.entries(ROLE_PERMISSIONS)) lines.push(`role ${role}: ${[...permissions].sort().join(', ')}`);
  const snapshot = readFileSync(`${__dirname}/permissions.snapshot.txt`, 'utf8').trim().split('\n');
  expect(lines).toEqual(snapshot);
});

test('descriptions on every type and field', async () => {
  const schema = await appSchema();
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Boolean', 'Int', 'Float', 'ID', 'Query', 'Mutation'].includes(type.name)) continue;
    if (!type.description) missing.push(type.name);
    if ('getFields' in type) {
      for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
    }
  }
  expect(missing).toEqual([]);
});
