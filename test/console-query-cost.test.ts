import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, DocumentNode, OperationDefinitionNode } from 'graphql';
import { queryCost } from '../api/limits/query-cost';
import { loadConfig } from '../infra/config';
import * as operations from '../console/src/gql/graphql';
import { QUEUE_NEXT_PAGES } from '../console/src/pages/desk/queue.queries';

/**
 * Every operation the console sends fits one request's default cost budget at
 * the largest page it asks for, priced for a network of 1,000 stores: a change
 * of prices (or of a console query) that would make a page answer
 * MAX_COST_EXCEEDED fails here, not in front of a store agent.
 */
const schema = buildSchema(readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8'));
const MAX_QUERY_COST = loadConfig({}).MAX_QUERY_COST;
/** Operations whose pages are smaller than the API's cap of 100. */
const PAGE_SIZES: Record<string, number> = { DeskQueuePage: QUEUE_NEXT_PAGES };

const documents = Object.entries(operations)
  .filter(([name]) => name.endsWith('Document'))
  .map(([, value]) => value as unknown as DocumentNode);

test('the console has operations to price', () => {
  expect(documents.length).toBeGreaterThan(40);
});

test.each(
  documents.map((document) => [(document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode).name!.value, document] as const),
)('%s fits the default cost budget at its largest page', (name, document) => {
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (/^(first|limit)$/i.test(definition.variable.name.value)) variables[definition.variable.name.value] = PAGE_SIZES[name] ?? 100;
  }
  expect(queryCost(schema, document, name, variables, { networkStores: 1000 }).cost).toBeLessThanOrEqual(MAX_QUERY_COST);
});
