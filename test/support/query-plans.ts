import type { Client } from 'pg';

/** A statement as the process sent it to PostgreSQL: its text and its parameters. */
export interface SentStatement {
  text: string;
  values: unknown[];
}

/**
 * Records every statement the process sends through the pg driver until
 * `stop`, so that a test can EXPLAIN exactly what the application ran.
 */
export function recordStatements(): { stop(): SentStatement[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const original = pg.Client.prototype.query;
  const sent: SentStatement[] = [];
  pg.Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[] } | undefined;
    if (typeof first === 'string') sent.push({ text: first, values: Array.isArray(args[1]) ? (args[1] as unknown[]) : [] });
    else if (first?.text) sent.push({ text: first.text, values: first.values ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return {
    stop() {
      pg.Client.prototype.query = original;
      return sent;
    },
  };
}

/** One node of an EXPLAIN (FORMAT JSON) plan. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

export function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The plans of a request's reads, planned as the request ran them: on the
 * runtime role's connection, in a transaction that first repeats the
 * request's own `set_config` calls (its tenant, its network scope), then
 * EXPLAINs each read with its parameters. Rolled back.
 */
export async function explainAsSent(app: Client, statements: SentStatement[]): Promise<{ text: string; plan: PlanNode }[]> {
  const settings = statements.filter((s) => /^\s*select set_config/i.test(s.text));
  const reads = statements.filter((s) => /^\s*(select|with)\b/i.test(s.text) && !/^\s*select set_config/i.test(s.text));
  await app.query('begin');
  try {
    for (const setting of settings) await app.query(setting.text, setting.values);
    const plans: { text: string; plan: PlanNode }[] = [];
    for (const read of reads) {
      const result = await app.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (format json) ${read.text}`, read.values);
      plans.push({ text: read.text, plan: result.rows[0]['QUERY PLAN'][0].Plan });
    }
    return plans;
  } finally {
    await app.query('rollback');
  }
}

/** The plan as EXPLAIN prints it, indented, for failure messages. */
export function describePlan(plan: PlanNode, depth = 0): string {
  const target = [plan['Index Name'] && `using ${plan['Index Name']}`, plan['Relation Name'] && `on ${plan['Relation Name']}`].filter(Boolean).join(' ');
  return [
    `${'  '.repeat(depth)}${plan['Node Type']} ${target} (rows=${plan['Plan Rows']})`,
    ...(plan.Plans ?? []).map((child) => describePlan(child, depth + 1)),
  ].join('\n');
}
