import { Property } from '@mikro-orm/core';
import { Field, Int } from 'type-graphql';
import { clockNow } from './entity-clock';

/** Both decorators on one property, the column first as the ORM reads it. */
function columnAndField(column: (prototype: object, property: string) => void, field: PropertyDecorator | null): PropertyDecorator {
  return (prototype, property) => {
    column(prototype, String(property));
    field?.(prototype, property);
  };
}

/** When the row was inserted, from the entity clock; with a description, also a field of its GraphQL type. */
export function CreatedAt(description?: string): PropertyDecorator {
  const column = Property({ type: 'datetime', onCreate: clockNow, defaultRaw: 'now()' });
  return columnAndField(column, description ? Field({ description }) : null);
}

/** When the row last changed, from the entity clock; with a description, also a field of its GraphQL type. */
export function UpdatedAt(description?: string): PropertyDecorator {
  const column = Property({ type: 'datetime', onCreate: clockNow, onUpdate: clockNow, defaultRaw: 'now()' });
  return columnAndField(column, description ? Field({ description }) : null);
}

/** The optimistic-lock counter the ORM increments on every flush that changes the row, shown to the API as an `Int`. */
export function VersionColumn(description: string): PropertyDecorator {
  return columnAndField(
    Property({ type: 'integer', version: true }),
    Field(() => Int, { description }),
  );
}
