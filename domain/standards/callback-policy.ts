import { createHash } from 'node:crypto';
import { z } from 'zod';
import { TicketType } from '../../core/desk-enums';
import type { Ticket } from '../../schema/entities';
import { Role } from '../../core/enums';

/** The store roles that may own a complaint follow-up (those who can be responsible for a ticket). */
export const FOLLOW_UP_ROLES = [Role.STORE_MANAGER, Role.STORE_AGENT, Role.TECHNICIAN] as const;

/**
 * Which resolved tickets get a satisfaction callback and how it runs. HQ may
 * set it in its standard (`callbacks:` in the template file); a ticket keeps
 * the one it was opened under, and anything left out takes the defaults.
 */
export const callbackPolicySpec = z
  .object({
    /** Share of tickets of the other types that are called back, from 0 (none) to 1 (all). */
    otherTypesShare: z.number().min(0).max(1).optional(),
    /** Days after the survey was sent without an answer before the one reminder. */
    reminderAfterDays: z.number().positive().optional(),
    /** Days after the survey was sent before "no response" is recorded and the link stops working. */
    noResponseAfterDays: z.number().positive().optional(),
    /** Whether a completed callback with a good score closes the resolved ticket. */
    closeWhenCompleted: z.boolean().optional(),
    /** Who owns the follow-up of a low score: the reopened ticket is handed to a colleague in this store role. */
    followUpRole: z.enum(FOLLOW_UP_ROLES).optional(),
  })
  .strict()
  .refine((p) => p.reminderAfterDays == null || p.noResponseAfterDays == null || p.reminderAfterDays < p.noResponseAfterDays, {
    message: 'the reminder must come before "no response" is recorded',
  });

export type CallbackPolicySettings = z.infer<typeof callbackPolicySpec>;
export type CallbackPolicy = Required<CallbackPolicySettings>;

export const DEFAULT_CALLBACK_POLICY: CallbackPolicy = {
  otherTypesShare: 0.3,
  reminderAfterDays: 2,
  noResponseAfterDays: 5,
  closeWhenCompleted: true,
  // The four-step rule puts a dissatisfied customer with the store manager.
  followUpRole: Role.STORE_MANAGER,
};

/** The handbooks call back every complaint and every paid service, whatever the share. */
export const ALWAYS_CALLED_BACK: readonly TicketType[] = [TicketType.COMPLAINT, TicketType.PAID_SERVICE];

/** A score at or below this reopens the ticket as a complaint follow-up. */
export const FOLLOW_UP_AT_OR_BELOW = 2;

const DAY_MS = 24 * 3600_000;

/** The policy of the standard the ticket was opened under, with defaults for what it leaves out. */
export function callbackPolicyOf(ticket: Pick<Ticket, 'slaStandard'>): CallbackPolicy {
  const parsed = callbackPolicySpec.safeParse(ticket.slaStandard?.callbacks ?? {});
  const settings = parsed.success ? parsed.data : {};
  const defined = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_CALLBACK_POLICY, ...defined };
}

/**
 * Whether the ticket is called back. For the sampled types the choice comes
 * from a hash of the ticket id, not a random draw: resolving the same ticket
 * again, or re-running the decision, always answers the same.
 */
export function isCalledBack(ticket: Pick<Ticket, 'id' | 'type'>, policy: CallbackPolicy): boolean {
  if (ALWAYS_CALLED_BACK.includes(ticket.type)) return true;
  return sampleOf(ticket.id) < policy.otherTypesShare;
}

/** A number in [0, 1) spread evenly over ticket ids. */
export function sampleOf(ticketId: string): number {
  return createHash('sha256').update(`callback:${ticketId}`).digest().readUInt32BE(0) / 2 ** 32;
}

export function reminderDueAt(sentAt: Date, policy: CallbackPolicy): Date {
  return new Date(sentAt.getTime() + policy.reminderAfterDays * DAY_MS);
}

export function noResponseDueAt(sentAt: Date, policy: CallbackPolicy): Date {
  return new Date(sentAt.getTime() + policy.noResponseAfterDays * DAY_MS);
}
