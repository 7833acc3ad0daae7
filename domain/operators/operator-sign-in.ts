import type { Orm } from '../ports/database';
import { decoyPasswordHash, verifyPassword } from '../auth/passwords';
import type { Clock } from '../../core/clock';
import type { PlatformOperator } from './operator';

/**
 * The api's side of operators, on the runtime connection. That role can read
 * no row of `platform_operators`; three narrow database functions answer its
 * only questions: the hash to check a sign-in against, whether a signed-in
 * operator is still active, and noting the sign-in.
 */
export interface OperatorDeps {
  orm: Orm;
  clock: Clock;
}

/** The operator these credentials belong to, or null; a wrong e-mail costs the same time as a wrong password. */
export async function verifyOperatorCredentials(deps: OperatorDeps, email: string, password: string): Promise<PlatformOperator | null> {
  const em = deps.orm.em.fork();
  const rows = await em.execute<{ id: string; password_hash: string }[]>('select id, password_hash from operator_sign_in_candidate(?)', [email.trim()]);
  const candidate = rows[0];
  const passwordOk = await verifyPassword(candidate?.password_hash ?? (await decoyPasswordHash()), password);
  if (!candidate || !passwordOk) return null;
  await em.execute('select operator_record_sign_in(?, ?)', [candidate.id, deps.clock.now()]);
  // Read back through the same door every later request uses: disabled in between means refused.
  return activeOperator(deps, candidate.id);
}

/** The operator with this id while it is active; null once it is disabled (or never was). */
export async function activeOperator(deps: Pick<OperatorDeps, 'orm'>, operatorId: string): Promise<PlatformOperator | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(operatorId)) return null;
  const rows = await deps.orm.em.fork().execute<PlatformOperator[]>('select id, email, name from operator_active(?)', [operatorId]);
  return rows[0] ?? null;
}
