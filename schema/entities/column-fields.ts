import { Enum, Property } from '@mikro-orm/core';
import { Field, Int } from 'type-graphql';

type FieldType = NonNullable<Parameters<typeof Field>[0]>;

/**
 * A column that its GraphQL type also shows, declared once: the ORM's column
 * (read first, as when the two decorators were stacked) and the field with
 * its description, if any. Columns the API does not show keep `@Property` alone.
 */
export function columnAndField(column: (prototype: object, property: string) => void, field: PropertyDecorator | null): PropertyDecorator {
  return (prototype, property) => {
    column(prototype, String(property));
    field?.(prototype, property);
  };
}

/** A column of one SQL type shown as one GraphQL type; an optional one is nullable in both. */
function shownColumn(sqlType: string, fieldType: FieldType, optional: boolean): (description: string) => PropertyDecorator {
  const nullable = optional ? { nullable: true } : {};
  return (description) => columnAndField(Property({ type: sqlType, ...nullable }), Field(fieldType, { ...nullable, description }));
}

/** Required text. */
export const TextColumn = shownColumn('text', () => String, false);
/** Text that may be null. */
export const OptionalTextColumn = shownColumn('text', () => String, true);
/** A whole number. */
export const IntColumn = shownColumn('integer', () => Int, false);
/** A whole number that may be null. */
export const OptionalIntColumn = shownColumn('integer', () => Int, true);
/** A moment that is always known. */
export const TimeColumn = shownColumn('datetime', () => Date, false);
/** A moment that may be null (not happened yet). */
export const OptionalTimeColumn = shownColumn('datetime', () => Date, true);
/** A yes or no. */
export const BooleanColumn = shownColumn('boolean', () => Boolean, false);

/** One value of a TypeScript enum, checked in SQL and registered in the schema. */
export function EnumColumn(items: () => object, description: string): PropertyDecorator {
  return columnAndField(Enum({ items }), Field(items, { description }));
}

/** One value of a TypeScript enum, or null. */
export function OptionalEnumColumn(items: () => object, description: string): PropertyDecorator {
  return columnAndField(Enum({ items, nullable: true }), Field(items, { nullable: true, description }));
}
