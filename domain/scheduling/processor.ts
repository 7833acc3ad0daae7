import type { ScheduledAction } from '../../schema/entities';
import type { TenantContext } from '../context';

/**
 * What processors may use beyond the tenant's transaction. A folder that
 * brings a port of its own adds it to this interface where the port is
 * defined (`declare module`): the message channels in notifications, Stripe
 * in billing. Scheduling, below them all, names none of them.
 */
export interface ProcessorDeps {
  /** HTTP for partner webhooks (the global fetch in production). */
  fetch: typeof fetch;
  /** Where customers open survey links, e.g. https://service.example.com. */
  publicBaseUrl: string;
  /** How long a partner endpoint gets to answer a webhook. */
  webhookTimeoutMs: number;
  /** The process log, for what a person should hear of beyond the action's own result (a refused Stripe event). */
  log?: { warn(details: Record<string, unknown>, message: string): void };
}

export type ActionOutcome =
  /** Its effect is recorded: the action is complete. */
  | { status: 'DONE'; result?: Record<string, unknown> }
  /**
   * It failed in an expected way (an endpoint answered 500): what the
   * processor wrote (the attempt's log) is kept and the action is retried
   * later, or dead-lettered after its last attempt.
   */
  | { status: 'RETRY'; error: string; result?: Record<string, unknown> }
  /**
   * Not yet: something it must follow is still on its way (an earlier
   * message to the same customer). It runs again at `until`; no attempt is
   * counted, since nothing failed.
   */
  | { status: 'DEFER'; until: Date; reason: string }
  /**
   * It cannot succeed until a person fixes something (its webhook endpoint is
   * disabled): dead-lettered at once, kept for a retry by hand, instead of
   * completing without effect or spending its attempts.
   */
  | { status: 'DEAD'; error: string };

export interface ActionRun {
  /** Bound to the action's tenant, in the transaction that completes the action. */
  ctx: TenantContext;
  /** Locked for this run; its `attempts` counts this attempt. */
  action: ScheduledAction;
  deps: ProcessorDeps;
}

/**
 * Does one action. Runs in one transaction with the action's completion:
 * what it writes and the action's new state commit together. It re-reads
 * what it acts on and returns DONE without effect when the action no longer
 * applies. A thrown error rolls its writes back and counts as a failed attempt.
 */
export type ActionProcessor = (run: ActionRun) => Promise<ActionOutcome>;

export const done = (result?: Record<string, unknown>): ActionOutcome => ({ status: 'DONE', result });
export const skipped = (reason: string): ActionOutcome => ({ status: 'DONE', result: { skipped: reason } });
export const retryLater = (error: string, result?: Record<string, unknown>): ActionOutcome => ({ status: 'RETRY', error, result });
export const deferUntil = (until: Date, reason: string): ActionOutcome => ({ status: 'DEFER', until, reason });
export const deadLetter = (error: string): ActionOutcome => ({ status: 'DEAD', error });
