import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GlobalIdOf } from './global-id-of';
import { VersionedInput, versionYouRead } from './versioned-input';
import { Currency } from '../../core/money';
import { RepairQuote } from '../entities';
import { QuoteLineKind } from '../../core/paid-service-enums';
import { MoneyInput } from './money.types';
import { PayloadWith } from './payload';

@InputType({ description: 'A line of a repair quote; its amount is computed by the server.' })
export class QuoteLineInput {
  @Field(() => QuoteLineKind, { description: 'Parts or labour.' }) kind!: QuoteLineKind;
  @Field({ description: 'What is charged, in words the customer understands; 1 to 500 characters.' }) description!: string;
  @Field(() => Int, { description: 'How many, 1 to 1000.' }) quantity!: number;
  @Field(() => MoneyInput, { description: "Price of one unit, in the quote's currency; 0 to ¥100,000.00." }) unitPrice!: MoneyInput;
}

@InputType({ description: 'A new repair quote on a ticket, as a draft.' })
export class CreateQuoteInput {
  @Field(() => ID, { description: 'The ticket.' })
  @GlobalIdOf('Ticket')
  ticketId!: string;

  @Field(() => Currency, { defaultValue: Currency.CNY, description: 'Currency of the quote and of every line.' }) currency!: Currency;
  @Field(() => [QuoteLineInput], { description: 'Parts and labour lines, at most 50 (may be empty while drafting).' }) lines!: QuoteLineInput[];

  @Field({ description: "The last day (inclusive, YYYY-MM-DD in the store's calendar) the customer may accept it; today to 90 days ahead." })
  validUntil!: string;

  @Field(() => String, { nullable: true, description: 'What the customer is told with the quote (diagnosis, conditions).' }) note?: string | null;
}

@InputType({ description: 'Changes to a draft quote; omitted fields stay.' })
export class UpdateQuoteInput extends VersionedInput('quoteId', 'RepairQuote', 'The quote.', versionYouRead('quote')) {
  @Field(() => [QuoteLineInput], { nullable: true, description: 'The whole new list of lines, replacing the old one.' }) lines?: QuoteLineInput[] | null;
  @Field(() => String, { nullable: true, description: 'New last valid day (YYYY-MM-DD).' }) validUntil?: string | null;
  @Field(() => String, { nullable: true, description: 'New note; an empty text removes it.' }) note?: string | null;
}

@InputType({ description: 'A quote to move on: send it, or record that the customer accepted it.' })
export class QuoteStepInput extends VersionedInput('quoteId', 'RepairQuote', 'The quote.', versionYouRead('quote')) {}

@InputType({ description: 'The customer declined a sent quote.' })
export class DeclineQuoteInput extends QuoteStepInput {
  @Field(() => String, { nullable: true, description: "The customer's reason, if they gave one (shown on the timeline)." }) reason?: string | null;
}

@InputType({ description: 'The store withdraws a draft or a sent quote.' })
export class WithdrawQuoteInput extends QuoteStepInput {
  @Field({ description: 'Why (shown to the customer if the quote was sent).' }) reason!: string;
}

@ObjectType({ description: 'Result of a repair quote mutation.' })
export class RepairQuotePayload extends PayloadWith('quote', () => RepairQuote, 'The quote as saved.') {}
