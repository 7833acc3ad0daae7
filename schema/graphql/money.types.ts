import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Currency, formatMoney, Money } from '../../core/money';

registerEnumType(Currency, {
  name: 'Currency',
  description: 'ISO 4217 currency of an amount.',
  valuesConfig: { CNY: { description: 'Chinese yuan; the minor unit is the fen (1 yuan = 100 fen).' } },
});

@ObjectType('Money', { description: "An amount: a whole number of the currency's minor unit, with its currency." })
export class MoneyObject {
  @Field(() => Int, { description: "The amount in the currency's minor unit (fen for CNY): 129900 is ¥1,299.00." }) amountMinor!: number;
  @Field(() => Currency, { description: 'The currency of the amount.' }) currency!: Currency;

  @Field({ description: 'The amount as people read it, e.g. `¥1,299.00`.' })
  get formatted(): string {
    return formatMoney(this);
  }

  static of(value: Money): MoneyObject {
    return Object.assign(new MoneyObject(), { amountMinor: value.amountMinor, currency: value.currency });
  }
}

@InputType({ description: "An amount: a whole number of the currency's minor unit, with its currency." })
export class MoneyInput {
  @Field(() => Int, { description: "The amount in the currency's minor unit (fen for CNY): 129900 is ¥1,299.00." }) amountMinor!: number;
  @Field(() => Currency, { description: 'The currency of the amount; it must be the one expected where it is used.' }) currency!: Currency;
}
