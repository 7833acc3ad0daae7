import { ReferenceKind, SCALAR_TYPES, type EntityClass, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from './ports/database';

/**
 * A raw row as an entity the request only reads: hydrated as `em.map` does,
 * but not registered in the unit of work. No snapshot is taken of it, and the
 * flush at the request's commit does not compare it for changes: on a page of
 * 20 tickets those two were a third of the api's time. Nothing written to it
 * is ever saved. An entity the request already manages comes back refreshed,
 * as from `em.map`.
 */
export function readOnlyEntity<T extends object>(em: EntityManager, entity: EntityClass<T>, row: Record<string, unknown>): T {
  const meta = em.getMetadata().get<T>(entity.name);
  const data = em.getDriver().mapResult(row as never, meta) as Record<string, unknown>;
  const validator = em.getValidator();
  for (const [name, value] of Object.entries(data)) {
    const prop = (meta.properties as Record<string, EntityProperty<T> | undefined>)[name];
    // The same coercions as `em.map` (a bigint column read as text, say, to the property's number).
    if (prop?.kind === ReferenceKind.SCALAR && SCALAR_TYPES.includes(prop.runtimeType) && !prop.customType && (prop.setter || !prop.getter)) {
      data[name] = validator.validateProperty(prop, value, data);
    }
  }
  return em.getEntityFactory().create<T>(entity, data as never, { merge: false, refresh: true, convertCustomTypes: true });
}
