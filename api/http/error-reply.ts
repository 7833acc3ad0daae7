import type { FastifyReply } from 'fastify';

/**
 * The error body of the api's plain HTTP routes, shaped like a GraphQL
 * error so that a client reads `errors[0].extensions.code` everywhere.
 * Never cached: these answers depend on who asks.
 */
export function errorReply(reply: FastifyReply, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ errors: [{ message, extensions: { ...extensions, code } }] });
}
