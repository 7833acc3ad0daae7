import 'reflect-metadata';
import { getNamedType, graphql, GraphQLID, GraphQLSchema, isInputObjectType, isNonNullType, isObjectType } from 'graphql';
import { Arg, buildSchema, Field, getMetadataStorage, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { appSchema } from '../api/graphql/build-schema';
import { domainErrorMapper } from '../api/graphql/errors';
import { decodeGlobalIds, GlobalIdArg } from '../api/graphql/global-ids';
import { answerUserErrors, ReturnsUserErrors } from '../api/graphql/user-errors';
import { UserInputError } from '../domain/errors';
import { toGlobalId } from '../core/global-id';
import { declaredGlobalIdOf, GlobalIdOf } from '../schema/graphql/global-id-of';
import { UserError } from '../schema/graphql/user-error';

/**
 * The API decodes the global ids an input declares and answers a domain's
 * UserInputError as `userErrors`, so resolvers do neither by hand.
 */
const TICKET = '11111111-1111-4111-8111-111111111111';
const STAFF = '22222222-2222-4222-8222-222222222222';

@InputType()
class ProbeDeviceInput {
  @Field(() => ID)
  @GlobalIdOf('ProductModel')
  modelId!: string;
}

@InputType()
class ProbeStepInput {
  @Field(() => ID)
  @GlobalIdOf('Ticket')
  ticketId!: string;
}

@InputType()
class ProbeInput extends ProbeStepInput {
  @Field(() => ID, { nullable: true })
  @GlobalIdOf('StaffUser')
  staffId?: string | null;

  @Field(() => [ID], { nullable: true })
  @GlobalIdOf('Ticket')
  related?: string[] | null;

  @Field(() => [ProbeDeviceInput], { nullable: true })
  devices?: ProbeDeviceInput[] | null;

  @Field({ nullable: true })
  fail?: boolean;
}

@ObjectType()
class ProbePayload {
  @Field(() => String, { nullable: true })
  seen!: string | null;

  @Field()
  done!: boolean;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver()
class ProbeResolver {
  @Query(() => String)
  ticket(@GlobalIdArg('id', 'Ticket') id: string): string {
    return id;
  }

  @Mutation(() => ProbePayload)
  @ReturnsUserErrors({ done: false })
  probe(@Arg('input') input: ProbeInput): Omit<ProbePayload, 'userErrors'> {
    if (input.fail) throw new UserInputError('NOPE', 'Refused', ['fail']);
    return { seen: JSON.stringify(input), done: true };
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({ resolvers: [ProbeResolver], globalMiddlewares: [domainErrorMapper, decodeGlobalIds, answerUserErrors], validate: false });
});

const PROBE = 'mutation($input: ProbeInput!) { probe(input: $input) { seen done userErrors { field code message } } }';

async function probe(input: Record<string, unknown>) {
  return graphql({ schema, source: PROBE, variableValues: { input } });
}

test('declared ids reach the resolver as uuids: inherited, optional, in lists and in nested inputs', async () => {
  const result = await probe({
    ticketId: toGlobalId('Ticket', TICKET),
    staffId: toGlobalId('StaffUser', STAFF),
    related: [toGlobalId('Ticket', TICKET)],
    devices: [{ modelId: toGlobalId('ProductModel', STAFF) }],
  });
  expect(result.errors).toBeUndefined();
  expect(JSON.parse((result.data?.probe as { seen: string }).seen)).toEqual({
    ticketId: TICKET,
    staffId: STAFF,
    related: [TICKET],
    devices: [{ modelId: STAFF }],
  });
});

test('an optional id left empty is absent, as before', async () => {
  const result = await probe({ ticketId: toGlobalId('Ticket', TICKET), staffId: '' });
  expect(JSON.parse((result.data?.probe as { seen: string }).seen)).toEqual({ ticketId: TICKET, staffId: null });
});

test('an id of another type, or a malformed one, is NOT_FOUND naming the type expected', async () => {
  for (const ticketId of [toGlobalId('StaffUser', TICKET), 'not-an-id', '']) {
    const result = await probe({ ticketId });
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0].message).toBe('Ticket not found');
  }
  const nested = await probe({ ticketId: toGlobalId('Ticket', TICKET), devices: [{ modelId: toGlobalId('Ticket', TICKET) }] });
  expect(nested.errors?.[0].message).toBe('ProductModel not found');
  const argument = await graphql({ schema, source: '{ ticket(id: "x") }' });
  expect(argument.errors?.[0].message).toBe('Ticket not found');
  expect((await graphql({ schema, source: `{ ticket(id: "${toGlobalId('Ticket', TICKET)}") }` })).data).toEqual({ ticket: TICKET });
});

test('one variable feeding two fields is decoded for each, as it was sent', async () => {
  const source = 'mutation($input: ProbeInput!) { a: probe(input: $input) { seen } b: probe(input: $input) { seen } }';
  const result = await graphql({ schema, source, variableValues: { input: { ticketId: toGlobalId('Ticket', TICKET) } } });
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({ a: { seen: JSON.stringify({ ticketId: TICKET }) }, b: { seen: JSON.stringify({ ticketId: TICKET }) } });
});

test('a UserInputError becomes userErrors with the other fields empty; success answers no userErrors', async () => {
  const refused = await probe({ ticketId: toGlobalId('Ticket', TICKET), fail: true });
  expect(refused.errors).toBeUndefined();
  expect(refused.data?.probe).toEqual({ seen: null, done: false, userErrors: [{ field: ['fail'], code: 'NOPE', message: 'Refused' }] });
  const saved = await probe({ ticketId: toGlobalId('Ticket', TICKET) });
  expect(saved.data?.probe).toMatchObject({ done: true, userErrors: [] });
});

describe("the API's own operations", () => {
  let app: GraphQLSchema;
  beforeAll(async () => {
    app = await appSchema();
  });

  test('every operation answering userErrors declares it, with a value for each non-null field of its payload', () => {
    const undeclared: string[] = [];
    const unanswerable: string[] = [];
    for (const root of [app.getQueryType()!, app.getMutationType()!]) {
      for (const field of Object.values(root.getFields())) {
        const payload = getNamedType(field.type);
        if (!isObjectType(payload) || !payload.getFields().userErrors) continue;
        const declaration = field.extensions?.userErrors as { empty: Record<string, unknown> } | undefined;
        if (!declaration) {
          undeclared.push(field.name);
          continue;
        }
        for (const [name, inner] of Object.entries(payload.getFields())) {
          if (name !== 'userErrors' && isNonNullType(inner.type) && !(name in declaration.empty)) unanswerable.push(`${field.name}.${name}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
    expect(unanswerable).toEqual([]);
  });

  /** Ids the GraphQL layer leaves as sent, each with why. */
  const NOT_DECODED: Record<string, string> = {
    'AuditEntryFilter.actor': 'a StaffUser or an ApiKey: decoded by api/audit-filter.ts, which the CSV and JSON export share',
    'AuditEntryFilter.objectId': 'any node: the trail keeps the global ids as they were sent and matches them as written',
  };

  test('every ID an input type takes declares the node type it is the id of', () => {
    const undeclared: string[] = [];
    for (const type of Object.values(app.getTypeMap())) {
      if (!isInputObjectType(type)) continue;
      const inputClass = getMetadataStorage().inputTypes.find((candidate) => candidate.name === type.name)?.target;
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type) !== GraphQLID) continue;
        const name = `${type.name}.${field.name}`;
        if (name in NOT_DECODED) continue;
        if (!field.extensions?.globalIdOf && !(inputClass && declaredGlobalIdOf(inputClass, field.name))) undeclared.push(name);
      }
    }
    expect(undeclared).toEqual([]);
  });
});
