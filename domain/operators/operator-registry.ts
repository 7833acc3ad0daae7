import type { Orm } from '../ports/database';
import { hashPassword } from '../auth/passwords';
import type { Clock } from '../../core/clock';
import { UserInputError } from '../errors';
import { normalizeOperatorEmail, OperatorStatus, PlatformOperator } from './operator';
import { issueOperatorPassword } from './operator-password';

/**
 * The CLI's side of operators. `orm` is the admin connection (the one that
 * migrates): the runtime role the api and the worker use can neither insert
 * nor change an operator, so no GraphQL call, however crafted, can make one.
 */
export interface OperatorListing extends PlatformOperator {
  status: OperatorStatus;
  createdAt: Date;
  lastSignInAt: Date | null;
}

export interface IssuedOperator {
  operator: PlatformOperator;
  /** Shown once; only its argon2id hash is kept. */
  password: string;
}

export async function createOperator(orm: Orm, clock: Clock, input: { email: string; name?: string }): Promise<IssuedOperator> {
  const email = emailOrThrow(input.email);
  const name = (input.name ?? email.slice(0, email.indexOf('@'))).trim();
  if (name.length < 1 || name.length > 200) throw new UserInputError('INVALID_NAME', 'An operator name has 1 to 200 characters', ['name']);
  const password = issueOperatorPassword();
  const now = clock.now();
  const rows = await orm.em.fork().execute<PlatformOperator[]>(
    `insert into platform_operators (email, name, password_hash, created_at, updated_at) values (?, ?, ?, ?, ?)
     on conflict (email) do nothing returning id, email, name`,
    [email, name, await hashPassword(password), now, now],
  );
  if (!rows[0]) throw new UserInputError('OPERATOR_EXISTS', `an operator ${email} already exists (enable it, or issue a new password)`, ['email']);
  return { operator: rows[0], password };
}

/** Disabling closes the operator's open sessions at their next request; returns whether anything changed. */
export async function setOperatorStatus(
  orm: Orm,
  clock: Clock,
  rawEmail: string,
  status: OperatorStatus,
): Promise<{ operator: PlatformOperator; changed: boolean }> {
  const email = emailOrThrow(rawEmail);
  // One statement: the row before and after, so "already disabled" is told apart without a race.
  const rows = await orm.em.fork().execute<(PlatformOperator & { previous: OperatorStatus })[]>(
    `update platform_operators o set status = ?, updated_at = case when o.status = ? then o.updated_at else ? end
       from (select id, status as previous from platform_operators where email = ? for update) before
      where o.id = before.id
      returning o.id, o.email, o.name, before.previous`,
    [status, status, clock.now(), email],
  );
  const row = rows[0];
  if (!row) throw notFound(email);
  return { operator: { id: row.id, email: row.email, name: row.name }, changed: row.previous !== status };
}

/** A forgotten password: a new one replaces it, shown once. */
export async function reissueOperatorPassword(orm: Orm, clock: Clock, rawEmail: string): Promise<IssuedOperator> {
  const email = emailOrThrow(rawEmail);
  const password = issueOperatorPassword();
  const rows = await orm.em
    .fork()
    .execute<PlatformOperator[]>('update platform_operators set password_hash = ?, updated_at = ? where email = ? returning id, email, name', [
      await hashPassword(password),
      clock.now(),
      email,
    ]);
  if (!rows[0]) throw notFound(email);
  return { operator: rows[0], password };
}

export async function listOperators(orm: Orm): Promise<OperatorListing[]> {
  // Raw rows carry instants as text.
  const rows = await orm.em
    .fork()
    .execute<{ id: string; email: string; name: string; status: OperatorStatus; created_at: string; last_sign_in_at: string | null }[]>(
      'select id, email, name, status, created_at, last_sign_in_at from platform_operators order by email',
    );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    createdAt: new Date(row.created_at),
    lastSignInAt: row.last_sign_in_at === null ? null : new Date(row.last_sign_in_at),
  }));
}

function emailOrThrow(raw: string): string {
  const email = normalizeOperatorEmail(raw);
  if (!email) throw new UserInputError('INVALID_EMAIL', `not an e-mail address: ${raw}`, ['email']);
  return email;
}

const notFound = (email: string) => new UserInputError('OPERATOR_NOT_FOUND', `no operator ${email}`, ['email']);
