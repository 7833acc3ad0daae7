import { AWAITING_ANSWER, CallbackChannel } from '../../core/callback-enums';
import { Callback, Tenant, Ticket } from '../../schema/entities';
import { TenantStatus } from '../../core/enums';
import { inTenantTransaction } from '../tenant-transaction';
import { Orm } from '../ports/database';
import type { Clock } from '../../core/clock';
import { SYSTEM_PRINCIPAL, TenantContext } from '../context';
import { UserInputError } from '../errors';
import { lockCallback, staleness } from './callback-access';
import { lockPendingCallbackActions } from './callback-actions';
import { validAnswer } from './callback-answer';
import { completeCallback } from './callback-completion';
import { hashSurveyToken, looksLikeSurveyToken } from './survey-token';
import type { AnswerSurveyInput } from '../../schema/graphql/callback.types';

/** What answering a survey needs: the customer is not a login, so there is no tenant context yet. */
export interface SurveyDeps {
  orm: Orm;
  clock: Clock;
}

/** One answer for an unknown, used, replaced, expired or cancelled link: which one it was is nobody's business. */
const invalidToken = () => new UserInputError('INVALID_TOKEN', 'This survey link is not valid any more', ['token']);

/**
 * The customer answers the survey through the link's token alone. The token
 * names its tenant only through a narrow database function; everything else
 * runs under that tenant's RLS, in one transaction: either the answer and all
 * it sets off are saved, or nothing is.
 */
export async function answerSurvey(deps: SurveyDeps, input: AnswerSurveyInput): Promise<void> {
  const answer = validAnswer(input);
  if (!looksLikeSurveyToken(input.token)) throw invalidToken();
  const hash = hashSurveyToken(input.token);
  const matches = await deps.orm.em.fork().execute<{ tenant_id: string; id: string }[]>('select tenant_id, id from callback_by_token_hash(?)', [hash]);
  if (matches.length !== 1) throw invalidToken();
  const { tenant_id: tenantId, id } = matches[0];
  await inTenantTransaction(deps.orm, tenantId, async (em) => {
    const tenant = await em.findOne(Tenant, { id: tenantId });
    if (!tenant || tenant.status !== TenantStatus.ACTIVE) throw invalidToken();
    const ctx: TenantContext = { tenantId, tenantKind: tenant.kind, principal: SYSTEM_PRINCIPAL, em, clock: deps.clock };
    const unlocked = await em.findOne(Callback, { tenantId, id });
    if (!unlocked) throw invalidToken();
    await lockPendingCallbackActions(ctx, unlocked.ticketId);
    // Re-read under the lock: a reminder that ran meanwhile replaced the token, another answer used it.
    const callback = await lockCallback(ctx, id);
    const ticket = await em.findOne(Ticket, { tenantId, id: unlocked.ticketId });
    if (!callback || !ticket || !answerable(callback, ticket, hash, deps.clock.now())) throw invalidToken();
    await completeCallback(ctx, ticket, callback, answer, { channel: CallbackChannel.SURVEY_LINK, calledById: null });
    await em.flush();
  });
}

function answerable(callback: Callback, ticket: Ticket, hash: string, now: Date): boolean {
  return (
    callback.tokenHash === hash &&
    AWAITING_ANSWER.includes(callback.state) &&
    // the expiry action may not have run yet; the link stops working on time regardless
    callback.tokenExpiresAt != null &&
    callback.tokenExpiresAt > now &&
    staleness(callback, ticket) === null
  );
}
