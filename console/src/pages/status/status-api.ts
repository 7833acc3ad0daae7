import type {
  CustomerStatusByLinkQuery,
  CustomerStatusByLinkQueryVariables,
  CustomerStatusByNumberQuery,
  CustomerStatusByNumberQueryVariables,
} from '../../gql/graphql';

/**
 * The two public queries of the status page, sent with a plain fetch: the
 * page carries no GraphQL client and no session (the customer has no
 * account). The operations are typed by the console's code generator from
 * the magic comments.
 */
const BY_LINK = /* GraphQL */ `
  query CustomerStatusByLink($token: String!) {
    customerTicketStatus(token: $token) {
      ticketNumber
      type
      status
      statusSince
      registeredAt
      resolvedAt
      closedAt
      assigneeFirstName
      store {
        name
        phone
        address
        timeZone
        hours {
          weekday
          intervals
        }
      }
      promises {
        metric
        state
        dueAt
        doneAt
        missedAt
        provisional
      }
      promiseHistory {
        kind
        at
        partDescription
        previousDate
        date
        reason
        previousWindowStart
        previousWindowEnd
        windowStart
        windowEnd
        nextUpdateBy
      }
      parts {
        description
        quantity
        status
        expectedOn
        firstPromisedOn
        arrivedAt
        late
      }
      visits {
        windowStart
        windowEnd
        status
        technicianFirstName
      }
      nextStep {
        kind
        dueAt
        expectedOn
        nextUpdateBy
      }
      timeline {
        kind
        occurredAt
        text
      }
    }
  }
`;

const BY_NUMBER = /* GraphQL */ `
  query CustomerStatusByNumber($ticketNumber: String!, $phoneLast4: String!) {
    customerTicketStatusByNumber(ticketNumber: $ticketNumber, phoneLast4: $phoneLast4) {
      ticketNumber
      type
      status
      statusSince
      registeredAt
      resolvedAt
      closedAt
      assigneeFirstName
      store {
        name
        phone
        address
        timeZone
        hours {
          weekday
          intervals
        }
      }
      promises {
        metric
        state
        dueAt
        doneAt
        missedAt
        provisional
      }
      promiseHistory {
        kind
        at
        partDescription
        previousDate
        date
        reason
        previousWindowStart
        previousWindowEnd
        windowStart
        windowEnd
        nextUpdateBy
      }
      parts {
        description
        quantity
        status
        expectedOn
        firstPromisedOn
        arrivedAt
        late
      }
      visits {
        windowStart
        windowEnd
        status
        technicianFirstName
      }
      nextStep {
        kind
        dueAt
        expectedOn
        nextUpdateBy
      }
      timeline {
        kind
        occurredAt
        text
      }
    }
  }
`;

export type TicketStatusView = CustomerStatusByLinkQuery['customerTicketStatus'];

/** Why the page cannot be shown: no such ticket (or wrong digits), too many tries (wait `seconds`), the network, anything else. */
export type StatusProblem = { code: 'NOT_FOUND' } | { code: 'THROTTLED'; seconds: number } | { code: 'NETWORK' } | { code: 'UNEXPECTED' };

export type StatusAnswer = { ticket: TicketStatusView } | { problem: StatusProblem };

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { extensions?: { code?: string; retryAfterMs?: number } }[];
}

async function ask<T, V>(query: string, variables: V): Promise<{ data: T } | { problem: StatusProblem }> {
  let answer: GraphQLAnswer<T>;
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({ query, variables }),
    });
    answer = (await response.json()) as GraphQLAnswer<T>;
  } catch {
    return { problem: { code: 'NETWORK' } };
  }
  const error = answer.errors?.[0];
  if (error || !answer.data) {
    const code = error?.extensions?.code;
    if (code === 'NOT_FOUND') return { problem: { code } };
    if (code === 'THROTTLED') return { problem: { code, seconds: Math.max(1, Math.ceil((error?.extensions?.retryAfterMs ?? 1000) / 1000)) } };
    return { problem: { code: 'UNEXPECTED' } };
  }
  return { data: answer.data };
}

export async function statusByLink(token: string): Promise<StatusAnswer> {
  const answer = await ask<CustomerStatusByLinkQuery, CustomerStatusByLinkQueryVariables>(BY_LINK, { token });
  return 'data' in answer ? { ticket: answer.data.customerTicketStatus } : answer;
}

export async function statusByNumber(ticketNumber: string, phoneLast4: string): Promise<StatusAnswer> {
  const answer = await ask<CustomerStatusByNumberQuery, CustomerStatusByNumberQueryVariables>(BY_NUMBER, { ticketNumber, phoneLast4 });
  return 'data' in answer ? { ticket: answer.data.customerTicketStatusByNumber } : answer;
}
