import { Enum, Property } from '@mikro-orm/core';
import { Field, Int } from 'type-graphql';

/**
 * A column that its GraphQL type also shows, declared once: the ORM's column
 * (read first, as when the two decorators were stacked) and the field with
 * its description. Columns the API does not show keep `@Property` alone.
 */
function columnAndField(column: (prototype: object, property: string) => void, field: PropertyDecorator): PropertyDecorator {
  return (prototype, property) => {
    column(prototype, String(property));
    field(prototype, property);
  };
}

/** Required text. */
export function TextColumn(description: string): PropertyDecorator {
  return columnAndField(
    Property({ type: 'text' }),
    Field(() => String, { description }),
  );
}

/** Text that may be null. */
export function OptionalTextColumn(description: string): PropertyDecorator {
  return columnAndField(
    Property({ type: 'text', nullable: true }),
    Field(() => String, { nullable: true, description }),
  );
}

/** A whole number. */
export function IntColumn(description: string): PropertyDecorator {
  return columnAndField(
    Property({ type: 'integer' }),
    Field(() => Int, { description }),
  );
}

/** A moment that may be null (not happened yet). */
export function OptionalTimeColumn(description: string): PropertyDecorator {
  return columnAndField(
    Property({ type: 'datetime', nullable: true }),
    Field(() => Date, { nullable: true, description }),
  );
}

/** One value of a TypeScript enum, checked in SQL and registered in the schema. */
export function EnumColumn(items: () => object, description: string): PropertyDecorator {
  return columnAndField(Enum({ items }), Field(items, { description }));
}

/** A whole number that may be null. */
export function OptionalIntColumn(description: string): PropertyDecorator {
  return columnAndField(
    Property({ type: 'integer', nullable: true }),
    Field(() => Int, { nullable: true, description }),
  );
}

/** A moment that is always known. */
export function TimeColumn(description: string): PropertyDecorator {
  return columnAndField(
    Property({ type: 'datetime' }),
    Field(() => Date, { description }),
  );
}

/** A yes or no. */
export function BooleanColumn(description: string): PropertyDecorator {
  return columnAndField(
    Property({ type: 'boolean' }),
    Field(() => Boolean, { description }),
  );
}

/** One value of a TypeScript enum, or null. */
export function OptionalEnumColumn(items: () => object, description: string): PropertyDecorator {
  return columnAndField(Enum({ items, nullable: true }), Field(items, { nullable: true, description }));
}
