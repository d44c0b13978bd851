import { Extensions } from '@nestjs/graphql';
import type { GraphQLField, GraphQLObjectType, GraphQLSchema } from 'graphql';

const PERSONAL_DATA = 'personalData';

/**
 * Declares a GraphQL field personal data (names, contact details, address, date of birth, notes,
 * contact attempts). The declaration is the only place this is said: every read of such a field is
 * audited by the personal-data audit plugin, and the schema test walks these declarations.
 */
export const PersonalData = (): PropertyDecorator & MethodDecorator => Extensions({ [PERSONAL_DATA]: true });

export function isPersonalData(field: GraphQLField<unknown, unknown> | undefined): boolean {
  return field?.extensions?.[PERSONAL_DATA] === true;
}

/** Every declared personal field of a schema, as `Type.field`. */
export function personalDataFields(schema: GraphQLSchema): Array<{ type: GraphQLObjectType; field: string }> {
  const found: Array<{ type: GraphQLObjectType; field: string }> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!('getFields' in type) || type.name.startsWith('__') || !('isTypeOf' in type)) continue;
    const object = type as GraphQLObjectType;
    for (const [name, field] of Object.entries(object.getFields())) {
      if (isPersonalData(field as GraphQLField<unknown, unknown>)) found.push({ type: object, field: name });
    }
  }
  return found;
}
