import { buildSchema, GraphQLError, parse, OperationDefinitionNode } from 'graphql';
import { createApiMetrics } from '../api/http/metrics';
import { clientErrorCode } from '../api/graphql/errors';
import { AccessError, UserInputError } from '../domain/errors';

/**
 * Every label of /metrics comes from a known set: operation names the schema
 * bounds (tested through HTTP in http-endpoints.test.ts), operation types, and
 * outcomes that are the codes clients are shown, never a code an error made up.
 */
describe('error codes as metric labels', () => {
  test('a code the server does not know is counted as INTERNAL_SERVER_ERROR, as the client is told', () => {
    expect(clientErrorCode(new GraphQLError('odd', { extensions: { code: 'MADE_UP_CODE_42' } }))).toBe('INTERNAL_SERVER_ERROR');
    expect(clientErrorCode(new GraphQLError('no code at all'))).toBe('INTERNAL_SERVER_ERROR');
  });

  test("known codes, domain errors and the limits' rejections keep the code the client sees", () => {
    expect(clientErrorCode(new GraphQLError('who?', { extensions: { code: 'UNAUTHENTICATED' } }))).toBe('UNAUTHENTICATED');
    expect(clientErrorCode(new GraphQLError('gone', { originalError: new AccessError('NOT_FOUND', 'Ticket not found') }))).toBe('NOT_FOUND');
    expect(clientErrorCode(new GraphQLError('bad', { originalError: new UserInputError('TOO_LONG', 'too long') }))).toBe('BAD_USER_INPUT');
    expect(
      clientErrorCode(new GraphQLError('Syntax Error: Query depth limit of 12 exceeded, found 13.', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })),
    ).toBe('MAX_DEPTH_EXCEEDED');
  });

  test('operations failing with 30 invented codes add one outcome series, not 30', async () => {
    const metrics = createApiMetrics();
    const schema = buildSchema('type Query { viewer: String }');
    const document = parse('query viewer { viewer }');
    for (let i = 0; i < 30; i++) {
      const listener = await metrics.plugin.requestDidStart!({} as never);
      await listener!.willSendResponse!({
        operationName: 'viewer',
        operation: document.definitions[0] as OperationDefinitionNode,
        errors: [new GraphQLError('odd', { extensions: { code: `INVENTED_${i}` } })],
        schema,
      } as never);
    }
    const series = (await metrics.registry.metrics()).split('\n').filter((line) => line.startsWith('graphql_operations_total{'));
    expect(series).toEqual(['graphql_operations_total{operation="viewer",type="query",outcome="INTERNAL_SERVER_ERROR"} 30']);
  });
});
