import { ReferenceKind, type EntityName } from '@mikro-orm/core';
import type { EntityManager } from './ports/database';

/**
 * Reading related rows in the same statement as their parents: a relation's
 * columns are selected under a prefix (`customer__name`), then cut out of the
 * row and mapped to an entity. The column list comes from the entity's
 * metadata, so a column added to the entity is read without anyone listing it.
 */
export function prefixedColumns<T extends object>(em: EntityManager, entity: EntityName<T>, alias: string, prefix: string): string {
  const meta = em.getMetadata().get(entity);
  return meta.props
    .filter((prop) => prop.kind === ReferenceKind.SCALAR && prop.persist !== false && prop.fieldNames?.length)
    .flatMap((prop) => prop.fieldNames)
    .map((field) => `${alias}.${field} as "${prefix}__${field}"`)
    .join(', ');
}

/** The row's own columns, and each prefix's columns without the prefix (null when the joined row is absent). */
export function splitJoinedRow(
  row: Record<string, unknown>,
  prefixes: readonly string[],
): { own: Record<string, unknown>; joined: Map<string, Record<string, unknown> | null> } {
  const own: Record<string, unknown> = {};
  const joined = new Map<string, Record<string, unknown>>();
  for (const [column, value] of Object.entries(row)) {
    const cut = column.indexOf('__');
    const prefix = cut > 0 ? column.slice(0, cut) : null;
    if (prefix === null || !prefixes.includes(prefix)) {
      own[column] = value;
      continue;
    }
    let part = joined.get(prefix);
    if (!part) joined.set(prefix, (part = {}));
    part[column.slice(cut + 2)] = value;
  }
  // A left join that found nothing gives a row of nulls: no related row.
  const present = new Map<string, Record<string, unknown> | null>();
  for (const prefix of prefixes) {
    const part = joined.get(prefix);
    present.set(prefix, part && part.id != null ? part : null);
  }
  return { own, joined: present };
}
