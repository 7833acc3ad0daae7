import type { QuoteLineInput } from '../../schema/graphql/quote.types';
import { QuoteLineKind } from '../../core/paid-service-enums';
import type { RepairQuote } from '../../schema/entities';
import { UserInputError } from '../errors';
import { Currency, formatMoney, MAX_AMOUNT_MINOR, Money, money } from '../../core/money';
import { requireAmount, requireCurrency, requireSameCurrency } from '../input/money';
import { requiredText } from '../input/text';

/**
 * A quote's lines as the client sends them, checked and priced by the server:
 * each line's amount and the totals are computed here, never taken from the
 * client. Pure: no database.
 */
export interface PricedLine {
  position: number;
  kind: QuoteLineKind;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
}

export interface PricedLines {
  lines: PricedLine[];
  partsTotalMinor: number;
  labourTotalMinor: number;
  totalMinor: number;
}

export const MAX_LINES = 50;
export const MAX_QUANTITY = 1000;
/** ¥100,000.00 a unit: anything dearer is a typing error, not a repair. */
export const MAX_UNIT_PRICE_MINOR = 10_000_000;

export function priceLines(input: QuoteLineInput[], currency: Currency): PricedLines {
  if (input.length > MAX_LINES) throw new UserInputError('TOO_MANY_LINES', `A quote has at most ${MAX_LINES} lines`, ['lines']);
  const lines = input.map((line, index) => priceLine(line, index, currency));
  const sum = (kind: QuoteLineKind) => lines.filter((line) => line.kind === kind).reduce((total, line) => total + line.amountMinor, 0);
  const partsTotalMinor = sum(QuoteLineKind.PARTS);
  const labourTotalMinor = sum(QuoteLineKind.LABOUR);
  const totalMinor = partsTotalMinor + labourTotalMinor;
  if (totalMinor > MAX_AMOUNT_MINOR) {
    throw new UserInputError('TOTAL_TOO_LARGE', `A quote totals at most ${formatMoney(money(MAX_AMOUNT_MINOR, currency))}`, ['lines']);
  }
  return { lines, partsTotalMinor, labourTotalMinor, totalMinor };
}

function priceLine(line: QuoteLineInput, index: number, currency: Currency): PricedLine {
  const at = (...path: string[]) => ['lines', String(index), ...path];
  if (!Object.values(QuoteLineKind).includes(line.kind)) throw new UserInputError('INVALID_LINE_KIND', 'A line is PARTS or LABOUR', at('kind'));
  const description = requiredText(line.description, `lines[${index}].description`, 500);
  if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
    throw new UserInputError('INVALID_QUANTITY', `Quantity must be 1 to ${MAX_QUANTITY}`, at('quantity'));
  }
  requireSameCurrency(requireCurrency(line.unitPrice.currency, at('unitPrice', 'currency')), currency, at('unitPrice', 'currency'));
  const unitPriceMinor = requireAmount(line.unitPrice.amountMinor, at('unitPrice', 'amountMinor'));
  if (unitPriceMinor > MAX_UNIT_PRICE_MINOR) {
    throw new UserInputError('INVALID_AMOUNT', `A unit price is at most ${formatMoney(money(MAX_UNIT_PRICE_MINOR, currency))}`, at('unitPrice', 'amountMinor'));
  }
  const amountMinor = unitPriceMinor * line.quantity;
  if (amountMinor > MAX_AMOUNT_MINOR) {
    throw new UserInputError('TOTAL_TOO_LARGE', `A line totals at most ${formatMoney(money(MAX_AMOUNT_MINOR, currency))}`, at('quantity'));
  }
  return { position: index + 1, kind: line.kind, description, quantity: line.quantity, unitPriceMinor, amountMinor };
}

/** What the customer pays for a quote, as the server computed it. */
export function quoteTotal(quote: Pick<RepairQuote, 'totalMinor' | 'currency'>): Money {
  return money(quote.totalMinor, quote.currency);
}

/** "¥1,299.00 (parts ¥1,000.00, labour ¥299.00)", the way a quote's price is told. */
export function describeTotal(quote: Pick<RepairQuote, 'totalMinor' | 'partsTotalMinor' | 'labourTotalMinor' | 'currency'>): string {
  const m = (amountMinor: number) => formatMoney(money(amountMinor, quote.currency));
  return `${m(quote.totalMinor)} (parts ${m(quote.partsTotalMinor)}, labour ${m(quote.labourTotalMinor)})`;
}
