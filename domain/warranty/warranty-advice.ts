import { TicketType, WarrantyStatus } from '../../core/desk-enums';
import type { WarrantyDecision } from './warranty-decision';

/**
 * What a warranty decision means for the ticket the desk is about to
 * register, in words the agent can tell the customer before saving.
 */
export interface WarrantyAdvice {
  /**
   * Whether the product may be taken back or exchanged under the terms: in
   * the return or exchange window, sold by this store (or the network when HQ
   * allows). A return/exchange ticket without it is resolved only with a
   * manager's override and a reason, as the ticket's lifecycle enforces.
   */
  returnOrExchangeAllowed: boolean;
  /** A return/exchange ticket that needs a manager's override (`overrideReturnDecision`) before it can be resolved. */
  overrideNeeded: boolean;
  advice: string;
}

export function allowsReturnOrExchange(decision: Pick<WarrantyDecision, 'status' | 'returnOrExchangeOffered'>): boolean {
  return decision.returnOrExchangeOffered && (decision.status === WarrantyStatus.RETURN_ELIGIBLE || decision.status === WarrantyStatus.EXCHANGE_ELIGIBLE);
}

const COVER: Record<WarrantyStatus, string> = {
  [WarrantyStatus.RETURN_ELIGIBLE]: 'free return or exchange',
  [WarrantyStatus.EXCHANGE_ELIGIBLE]: 'free exchange',
  [WarrantyStatus.IN_WARRANTY]: 'free repair under warranty',
  [WarrantyStatus.EXTENDED]: 'free repair under the extended warranty',
  [WarrantyStatus.MAIN_PARTS_ONLY]: 'main parts repaired free; other parts and labour paid, quoted first',
  [WarrantyStatus.OUT_OF_WARRANTY]: 'paid repair: quote parts and labour first',
};

export function adviseOn(decision: WarrantyDecision, ticketType?: TicketType | null): WarrantyAdvice {
  const allowed = allowsReturnOrExchange(decision);
  const overrideNeeded = ticketType === TicketType.RETURN_EXCHANGE && !allowed;
  let advice = `${COVER[decision.status]} (${decision.reason})`;
  if (overrideNeeded) {
    advice = `no return or exchange under the terms (${decision.reason}); a store manager's override with a reason is needed before it can be resolved as one`;
  } else if (ticketType && ticketType !== TicketType.RETURN_EXCHANGE && allowed) {
    advice = `${advice}; the customer may ask for a ${decision.status === WarrantyStatus.RETURN_ELIGIBLE ? 'return or exchange' : 'exchange'} instead`;
  }
  return { returnOrExchangeAllowed: allowed, overrideNeeded, advice };
}
