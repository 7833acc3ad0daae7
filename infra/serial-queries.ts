/** The part of a node-postgres client that `serializeQueries` wraps. */
export interface QueryableConnection {
  query: (...args: never[]) => unknown;
}

type Callback = (error: Error | null, result?: unknown) => void;

/**
 * Makes one database connection run its queries one after the other, in the
 * order they were asked for.
 *
 * Several resolvers of one request (siblings, or the branches of a
 * `Promise.all`) may ask the request's transaction for rows at the same
 * moment, and they all share its one connection. node-postgres queues such
 * calls itself today, but warns that it will refuse them in its next major
 * version. This queue does the same thing ahead of it: each query is handed
 * to the client only once the one before has answered, so the client is never
 * asked twice at once and the statements keep the order they had.
 *
 * Only the callback form is queued: it is the one knex (and so MikroORM)
 * uses for every statement. Any other call (a promise, a submittable such as
 * a cursor) goes straight to the client, as before.
 */
export function serializeQueries(connection: QueryableConnection): void {
  // The client's own method, looked up at each call (the queue shadows it on this one connection only).
  const query = (...args: unknown[]) => (Object.getPrototypeOf(connection) as { query: (...args: unknown[]) => unknown }).query.apply(connection, args);
  let idle: Promise<void> = Promise.resolve();
  connection.query = ((...args: unknown[]) => {
    const callback = args[args.length - 1];
    if (typeof callback !== 'function') return query(...args);
    const run = () =>
      new Promise<void>((finished) => {
        query(...args.slice(0, -1), (error: Error | null, result?: unknown) => {
          finished();
          (callback as Callback)(error, result);
        });
      });
    idle = idle.then(run);
    return undefined;
  }) as QueryableConnection['query'];
}
