import type { StoreCommitmentsQuery, StoreCommitmentsQueryVariables } from '../../gql/graphql';
import type { StatusProblem } from './status-api';

/**
 * The public query of a store's commitments page, sent with a plain fetch
 * like the status page's: no GraphQL client, no session. The words come from
 * the api in the language asked for, worded from the standard in force.
 */
const COMMITMENTS = /* GraphQL */ `
  query StoreCommitments($store: String!, $locale: Locale!) {
    storeCommitments(store: $store, locale: $locale) {
      slug
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
      commitments {
        kind
        tier
        text
      }
    }
  }
`;

export type StoreCommitmentsView = StoreCommitmentsQuery['storeCommitments'];

export type CommitmentsAnswer = { page: StoreCommitmentsView } | { problem: StatusProblem };

interface GraphQLAnswer {
  data?: StoreCommitmentsQuery | null;
  errors?: { extensions?: { code?: string; retryAfterMs?: number } }[];
}

export async function storeCommitments(store: string, language: string): Promise<CommitmentsAnswer> {
  const variables: StoreCommitmentsQueryVariables = { store, locale: language === 'en' ? 'EN' : 'ZH_CN' };
  let answer: GraphQLAnswer;
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({ query: COMMITMENTS, variables }),
    });
    answer = (await response.json()) as GraphQLAnswer;
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
  return { page: answer.data.storeCommitments };
}
