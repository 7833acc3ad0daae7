import { Property } from '@mikro-orm/core';
import { Field, Int } from 'type-graphql';
import { columnAndField } from './column-fields';
import { clockNow } from './entity-clock';

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
