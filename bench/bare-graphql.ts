import { ApolloServer } from '@apollo/server';
import fastifyApollo from '@as-integrations/fastify';
import Fastify from 'fastify';
import { buildSchema, graphql, GraphQLSchema } from 'graphql';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The baselines of the edge benchmark: the same schema subset as the ping
 * (`{ viewer { role } }`, answered with a constant), served by a bare Apollo
 * Server 5 on Fastify and by bare graphql-js over node:http. Nothing else:
 * no authentication, transaction, limits or logging.
 */
export interface BareServer {
  url: string;
  close(): Promise<void>;
}

const VIEWER_SDL = 'type Viewer { role: String! } type Query { viewer: Viewer! }';

function viewerSchema(): { schema: GraphQLSchema; rootValue: unknown } {
  const schema = buildSchema(VIEWER_SDL);
  return { schema, rootValue: { viewer: () => ({ role: 'STORE_MANAGER' }) } };
}

export async function startBareApollo(): Promise<BareServer> {
  const apollo = new ApolloServer({ typeDefs: VIEWER_SDL, resolvers: { Query: { viewer: () => ({ role: 'STORE_MANAGER' }) } } });
  await apollo.start();
  const app = Fastify({ logger: false });
  await app.register(fastifyApollo(apollo));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      await apollo.stop();
      await app.close();
    },
  };
}

export async function startBareGraphqlJs(): Promise<BareServer> {
  const { schema, rootValue } = viewerSchema();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
      void graphql({ schema, source: query, rootValue, variableValues: variables }).then((result) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(result));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
