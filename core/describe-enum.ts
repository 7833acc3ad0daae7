import { registerEnumType } from 'type-graphql';

/**
 * Registers an enum with the schema, with a description for the type and one
 * for every value: a value added to the enum without its description does not
 * compile.
 */
export function describeEnum<E extends Record<string, string>>(enumObject: E, name: string, description: string, values: Record<keyof E, string>): void {
  const valuesConfig = Object.fromEntries(Object.entries(values).map(([value, said]) => [value, { description: said }]));
  registerEnumType(enumObject, { name, description, valuesConfig: valuesConfig as { [K in keyof E]: { description: string } } });
}
