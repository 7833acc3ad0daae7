import type { CreatePaidServiceInput } from '../../schema/graphql/paid-service.types';
import { Locale } from '../../core/enums';
import { UserInputError } from '../errors';
import { Currency, formatMoney, money } from '../../core/money';
import { requireAmount, requireCurrency, requireSameCurrency } from '../input/money';
import { requiredText } from '../input/text';
import { Localized, NamePair, nameOfPair, pairOfName } from '../localized';

/**
 * The rules of a catalogue entry, shared by creating and changing one. An
 * input names only what changes; `mergeServiceFields` lays it over what the
 * service has now, then everything is checked as a whole (a range is valid
 * or not as a pair, whichever end changed).
 */
export interface PaidServiceFields {
  code: string;
  name: Localized<string>;
  description: string;
  includes: string[];
  currency: Currency;
  minPriceMinor: number;
  maxPriceMinor: number;
  requiresDevice: boolean;
  extendsWarranty: boolean;
  warrantyExtensionMonths: number | null;
}

/** The fields as a stored service has them: one name column per language, the months undefined until set. */
type StoredFields = Omit<PaidServiceFields, 'name' | 'warrantyExtensionMonths'> & NamePair & { warrantyExtensionMonths?: number | null };

/** The fields as the table (and the audit trail) holds them: the name in one column per language. */
export function storedServiceFields(fields: PaidServiceFields): Omit<PaidServiceFields, 'name'> & NamePair {
  const { code, name, ...rest } = fields;
  return { code, ...pairOfName(name), ...rest };
}

interface MoneyLike {
  amountMinor: number;
  currency: string;
}

/** What creating or changing a service may give: any field of the creation input, each optional on a change. */
export type PaidServiceInput = { [K in keyof CreatePaidServiceInput]?: CreatePaidServiceInput[K] | null };

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;
export const MAX_INCLUDES = 20;
export const MAX_EXTENSION_MONTHS = 60;

/** What a new service needs: every field but the warranty extension. */
export function newServiceFields(input: PaidServiceInput): PaidServiceFields {
  for (const required of ['code', 'nameZhCn', 'nameEn', 'description', 'minPrice', 'maxPrice', 'requiresDevice'] as const) {
    if (input[required] == null) throw new UserInputError('REQUIRED', `${required} is required`, [required]);
  }
  const currency = requireCurrency(input.minPrice!.currency, ['minPrice', 'currency']);
  return mergeServiceFields(
    {
      code: '',
      nameZhCn: '',
      nameEn: '',
      description: '',
      includes: [],
      currency,
      minPriceMinor: 0,
      maxPriceMinor: 0,
      requiresDevice: false,
      extendsWarranty: false,
      warrantyExtensionMonths: null,
    },
    input,
  );
}

/** The service as it will be once `input` is applied to `current`; omitted fields stay. */
export function mergeServiceFields(current: StoredFields, input: PaidServiceInput): PaidServiceFields {
  const out: PaidServiceFields = {
    code: current.code,
    name: nameOfPair(current),
    description: current.description,
    includes: [...current.includes],
    currency: current.currency,
    minPriceMinor: current.minPriceMinor,
    maxPriceMinor: current.maxPriceMinor,
    requiresDevice: current.requiresDevice,
    extendsWarranty: current.extendsWarranty,
    warrantyExtensionMonths: current.warrantyExtensionMonths ?? null,
  };
  if (input.code != null) out.code = serviceCode(input.code);
  // The API names the languages one field each; a service's name holds them together.
  if (input.nameZhCn != null) out.name = { ...out.name, [Locale.ZH_CN]: requiredText(input.nameZhCn, 'nameZhCn', 200) };
  if (input.nameEn != null) out.name = { ...out.name, [Locale.EN]: requiredText(input.nameEn, 'nameEn', 200) };
  if (input.description != null) out.description = requiredText(input.description, 'description', 2000);
  if (input.includes != null) out.includes = includedLines(input.includes);
  if (input.minPrice != null) out.minPriceMinor = price(input.minPrice, out.currency, 'minPrice');
  if (input.maxPrice != null) out.maxPriceMinor = price(input.maxPrice, out.currency, 'maxPrice');
  if (input.requiresDevice != null) out.requiresDevice = input.requiresDevice;
  if (input.extendsWarranty != null) {
    out.extendsWarranty = input.extendsWarranty;
    // Turning the extension off drops its months; asking for both at once is a contradiction, refused below.
    if (!input.extendsWarranty && input.warrantyExtensionMonths == null) out.warrantyExtensionMonths = null;
  }
  if (input.warrantyExtensionMonths != null) out.warrantyExtensionMonths = input.warrantyExtensionMonths;
  checkRange(out);
  checkWarrantyExtension(out);
  return out;
}

function serviceCode(value: string): string {
  const code = value.trim().toUpperCase();
  if (!CODE.test(code)) {
    throw new UserInputError('INVALID_CODE', 'code must be 1 to 64 upper-case letters, digits, `_` or `-`, starting with a letter or digit', ['code']);
  }
  return code;
}

function includedLines(lines: string[]): string[] {
  const kept = lines.map((line) => line.trim()).filter(Boolean);
  if (kept.length > MAX_INCLUDES) throw new UserInputError('INVALID_TEXT', `includes holds at most ${MAX_INCLUDES} lines`, ['includes']);
  kept.forEach((line, i) => requiredText(line, `includes[${i}]`, 200));
  return kept;
}

/** A price of the range: at least one minor unit (a paid service is never free), in the service's currency. */
function price(value: MoneyLike, currency: Currency, field: 'minPrice' | 'maxPrice'): number {
  requireSameCurrency(requireCurrency(value.currency, [field, 'currency']), currency, [field, 'currency']);
  return requireAmount(value.amountMinor, [field, 'amountMinor'], 1);
}

function checkRange(fields: PaidServiceFields): void {
  if (fields.minPriceMinor > fields.maxPriceMinor) {
    const min = formatMoney(money(fields.minPriceMinor, fields.currency));
    const max = formatMoney(money(fields.maxPriceMinor, fields.currency));
    throw new UserInputError('INVALID_RANGE', `The lowest price (${min}) is above the highest (${max})`, ['minPrice']);
  }
}

function checkWarrantyExtension(fields: PaidServiceFields): void {
  const months = fields.warrantyExtensionMonths;
  if (!fields.extendsWarranty) {
    if (months != null) {
      throw new UserInputError('INVALID_WARRANTY_EXTENSION', 'warrantyExtensionMonths is only for a service that extends the warranty', [
        'warrantyExtensionMonths',
      ]);
    }
    return;
  }
  if (months == null) {
    throw new UserInputError('WARRANTY_MONTHS_REQUIRED', 'A service that extends the warranty says by how many months', ['warrantyExtensionMonths']);
  }
  if (!Number.isInteger(months) || months < 1 || months > MAX_EXTENSION_MONTHS) {
    throw new UserInputError('INVALID_WARRANTY_EXTENSION', `warrantyExtensionMonths must be 1 to ${MAX_EXTENSION_MONTHS}`, ['warrantyExtensionMonths']);
  }
  // The extension moves a device's warranty end, so the service is always done for a device.
  if (!fields.requiresDevice) {
    throw new UserInputError('DEVICE_REQUIRED', 'A service that extends the warranty must require a device', ['requiresDevice']);
  }
}
