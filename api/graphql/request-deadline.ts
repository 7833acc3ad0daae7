import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Orm } from '../../domain/ports/database';

/**
 * Every GraphQL request has a deadline (REQUEST_TIMEOUT_MS). Past it the
 * caller is answered at once with REQUEST_TIMEOUT, the statement its
 * transaction is running is cancelled, and the transaction is rolled back
 * whenever the work behind it ends: nothing of a late request is committed,
 * and one tenant's slow request holds no other caller's answer.
 *
 * A request that has begun to commit is past the point of no return: it is
 * let finish, and answered with what it did, so a caller is never told "timed
 * out" about a change that was saved.
 */
export class RequestDeadline {
  private state: 'running' | 'committing' | 'expired' = 'running';
  private cancelling: Promise<void> = Promise.resolve();
  private backend: { orm: Orm; pid: number } | null = null;

  get expired(): boolean {
    return this.state === 'expired';
  }

  /** The database session running the request's transaction: the one to cancel if the deadline passes. */
  attach(orm: Orm, pid: number): void {
    this.backend = { orm, pid };
  }

  /** True when the request may commit: from then on the deadline no longer applies. */
  beginCommit(): boolean {
    if (this.state === 'expired') return false;
    this.state = 'committing';
    return true;
  }

  /** True when the deadline took effect (the request had not begun to commit). */
  expire(): boolean {
    if (this.state !== 'running') return false;
    this.state = 'expired';
    const backend = this.backend;
    if (backend) this.cancelling = cancelStatement(backend.orm, backend.pid);
    return true;
  }

  /**
   * Waits for the cancel sent at expiry: the transaction's connection must not
   * go back to the pool while a cancel aimed at it is still on its way, or the
   * cancel could hit the next request to use that connection.
   */
  settled(): Promise<void> {
    return this.cancelling;
  }
}

async function cancelStatement(orm: Orm, pid: number): Promise<void> {
  // Outside the request's transaction: its own connection is busy with the statement to cancel.
  await orm.em
    .fork()
    .getConnection()
    .execute('select pg_cancel_backend(?)', [pid])
    .then(
      () => undefined,
      () => undefined,
    );
}

const deadlines = new WeakMap<FastifyRequest, RequestDeadline>();

/** The deadline of a request being served by a handler that `withRequestDeadline` wraps. */
export function deadlineOf(request: FastifyRequest): RequestDeadline | undefined {
  return deadlines.get(request);
}

export function requestTimeoutError(timeoutMs: number): GraphQLError {
  return new GraphQLError(`The request took longer than ${timeoutMs} ms and was cancelled; nothing it changed was saved`, {
    extensions: { code: 'REQUEST_TIMEOUT', timeoutMs },
  });
}

/** Answers the request with REQUEST_TIMEOUT if `handler` has not answered within `timeoutMs`. */
export function withRequestDeadline<Handler extends (...args: never[]) => unknown>(handler: Handler, timeoutMs: number): Handler {
  const bounded = async function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
    const deadline = new RequestDeadline();
    deadlines.set(request, deadline);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    });
    const work = Promise.resolve(Reflect.apply(handler, this, [request, reply]) as unknown);
    try {
      const first = await Promise.race([work, timedOut]);
      if (first !== TIMED_OUT || !deadline.expire()) return await work;
    } finally {
      clearTimeout(timer);
    }
    // The work goes on in the background until its statement is cancelled; it then rolls back (finishRequestTransaction).
    work.catch((error: unknown) => request.log.warn({ err: error }, 'a request past its deadline ended with an error'));
    const error = requestTimeoutError(timeoutMs);
    request.log.warn({ timeoutMs }, 'request past its deadline: answered REQUEST_TIMEOUT');
    return reply
      .code(503)
      .header('retry-after', '1')
      .send({ errors: [{ message: error.message, extensions: error.extensions }] });
  };
  return bounded as unknown as Handler;
}

const TIMED_OUT = Symbol('timed out');
