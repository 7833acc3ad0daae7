import type { Client } from 'pg';

/** Statements sent to PostgreSQL while counting: the transaction plumbing apart from the reads and writes. */
export interface StatementCount {
  total: number;
  begin: number;
  commit: number;
  /** `select set_config(...)`, or request_begin_* which binds the tenant and verifies the caller in the same statement. */
  setConfig: number;
  /** Everything but BEGIN, COMMIT/ROLLBACK and the statement binding the tenant. */
  work: number;
  /** Statements whose text matches the pattern given to `countStatements`. */
  matching?: number;
}

/**
 * Counts every statement the process sends at the pg driver, by its SQL text,
 * until `stop`; with `pattern`, also those whose text matches it.
 */
export function countStatements(pattern?: RegExp): { stop(): StatementCount } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const original = pg.Client.prototype.query;
  const count: StatementCount = { total: 0, begin: 0, commit: 0, setConfig: 0, work: 0, ...(pattern ? { matching: 0 } : {}) };
  pg.Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const first = args[0];
    const text = (typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '')).trim().toLowerCase();
    count.total += 1;
    if (pattern?.test(text)) count.matching! += 1;
    if (text.startsWith('begin')) count.begin += 1;
    else if (text.startsWith('commit') || text.startsWith('rollback')) count.commit += 1;
    else if (text.startsWith('select set_config') || text.startsWith('select * from request_begin_')) count.setConfig += 1;
    else count.work += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return {
    stop() {
      pg.Client.prototype.query = original;
      return { ...count };
    },
  };
}
