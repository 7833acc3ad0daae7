import type { RepairQuote, ServiceOrderLine, Ticket } from '../../schema/entities';
import { Locale } from '../../core/enums';
import { ServiceOrderKind, ServiceOrderLineKind } from '../../core/service-order-enums';
import type { TenantContext } from '../context';
import { UserInputError } from '../errors';
import { Currency, formatMoney, MAX_AMOUNT_MINOR, money } from '../../core/money';
import { Localized, NamePair, nameOfPair, pairOfName } from '../localized';
import { listOf, localizedMessage } from '../notifications/messages/catalogue';
import { priceFor } from '../paid-services/price-for';
import { payableQuote } from '../quotes/payable-quote';

/**
 * What an order sells, priced by the server when it is drafted: each service
 * at the store's price now (through `priceFor`, so nothing is sold that the
 * store does not offer or at a price outside HQ's range), or a quote for its
 * total. The result is copied onto the order's lines and never recomputed.
 */
export interface LineDraft {
  kind: ServiceOrderLineKind;
  serviceId: string | null;
  code: string | null;
  name: Localized<string>;
  unitPriceMinor: number;
  amountMinor: number;
  warrantyExtensionMonths: number | null;
}

export interface OrderItems {
  kind: ServiceOrderKind;
  quote: RepairQuote | null;
  currency: Currency;
  lines: LineDraft[];
  totalMinor: number;
}

/** Services in one order: what a customer buys at the counter at once. */
export const MAX_SERVICES = 20;

export async function pricedServices(ctx: TenantContext, ticket: Ticket, serviceIds: readonly string[]): Promise<OrderItems> {
  if (serviceIds.length === 0) throw new UserInputError('ORDER_EMPTY', 'Choose at least one service', ['serviceIds']);
  if (serviceIds.length > MAX_SERVICES) throw new UserInputError('TOO_MANY_SERVICES', `An order holds at most ${MAX_SERVICES} services`, ['serviceIds']);
  const lines: LineDraft[] = [];
  let currency: Currency | null = null;
  for (const [index, serviceId] of serviceIds.entries()) {
    const field = ['serviceIds', String(index)];
    if (serviceIds.indexOf(serviceId) !== index) throw new UserInputError('DUPLICATE_SERVICE', 'Each service appears once in an order', field);
    const {
      service,
      amountMinor,
      currency: priceCurrency,
    } = await priceFor(ctx, serviceId).catch((error: unknown) => {
      throw error instanceof UserInputError ? new UserInputError(error.code, error.message, field) : error;
    });
    if (service.requiresDevice && !ticket.deviceId) {
      throw new UserInputError('DEVICE_REQUIRED', `${service.code} is done on a device: record the customer's device on ticket ${ticket.number} first`, field);
    }
    currency ??= priceCurrency;
    if (priceCurrency !== currency) throw new UserInputError('CURRENCY_MISMATCH', `Every service of an order is priced in ${currency}`, field);
    lines.push({
      kind: ServiceOrderLineKind.SERVICE,
      serviceId: service.id,
      code: service.code,
      name: nameOfPair(service),
      unitPriceMinor: amountMinor,
      amountMinor,
      warrantyExtensionMonths: service.extendsWarranty ? (service.warrantyExtensionMonths ?? null) : null,
    });
  }
  return { kind: ServiceOrderKind.SERVICES, quote: null, currency: currency!, lines, totalMinor: checkedTotal(lines, currency!) };
}

/** A quote the customer can pay now (sent and still valid, or accepted) of this very ticket, for its total. */
export async function pricedQuote(ctx: TenantContext, ticket: Ticket, quoteId: string): Promise<OrderItems> {
  const { quote, total } = await payableQuote(ctx, quoteId);
  if (quote.ticketId !== ticket.id) throw new UserInputError('QUOTE_OF_ANOTHER_TICKET', `The quote is not one of ticket ${ticket.number}`, ['quoteId']);
  if (total.amountMinor <= 0) throw new UserInputError('QUOTE_EMPTY', 'The quote totals nothing; there is nothing to pay', ['quoteId']);
  const line: LineDraft = {
    kind: ServiceOrderLineKind.QUOTE,
    serviceId: null,
    code: null,
    name: localizedMessage('order.quoteLine', { ticketNumber: ticket.number }),
    unitPriceMinor: total.amountMinor,
    amountMinor: total.amountMinor,
    warrantyExtensionMonths: null,
  };
  return { kind: ServiceOrderKind.QUOTE, quote, currency: total.currency, lines: [line], totalMinor: checkedTotal([line], total.currency) };
}

function checkedTotal(lines: LineDraft[], currency: Currency): number {
  const total = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  if (total > MAX_AMOUNT_MINOR) {
    throw new UserInputError('TOTAL_TOO_LARGE', `An order totals at most ${formatMoney(money(MAX_AMOUNT_MINOR, currency))}`, ['serviceIds']);
  }
  return total;
}

/** A line as its table stores it: the name in one column per language. */
export function lineColumns(line: LineDraft): Omit<LineDraft, 'name'> & NamePair {
  const { name, ...rest } = line;
  return { ...rest, ...pairOfName(name) };
}

/** A stored line's name in every language. */
export function lineName(line: Pick<ServiceOrderLine, 'nameZhCn' | 'nameEn'>): Localized<string> {
  return nameOfPair(line);
}

/** "Dust cleaning, Extended warranty 1 year": what an order is for, in one language. */
export function describeLines(names: readonly Localized<string>[], locale: Locale): string {
  return listOf(
    names.map((name) => name[locale]),
    locale,
  );
}
