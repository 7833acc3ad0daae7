import { TicketStatus } from '../../core/desk-enums';
import type { TenantContext } from '../context';
import type { EventOf } from '../events/domain-events';
import { on, Subscription } from '../events/dispatcher';
import { startCallbackIfDue } from './callback-start';

/** A resolution may be followed by a satisfaction callback, planned with the move itself. */
async function planCallbackOnResolution(ctx: TenantContext, { ticket, to }: EventOf<'TicketMoved'>): Promise<void> {
  if (to === TicketStatus.RESOLVED) await startCallbackIfDue(ctx, ticket);
}

export const callbackSubscriptions: readonly Subscription[] = [on('callbacks', 'TicketMoved', planCallbackOnResolution)];
