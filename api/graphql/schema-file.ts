import { join } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { appSchema } from './build-schema';
import { projectRoot } from '../../core/project-root';

/**
 * schema/schema.graphql is the API's contract as partners read it: emitted from
 * the code, committed, and checked by a test so it can never go stale.
 */
export const SCHEMA_FILE = join(projectRoot(), 'schema', 'schema.graphql');

export async function printAppSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await appSchema()))}\n`;
}
