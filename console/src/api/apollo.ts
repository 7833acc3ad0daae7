import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { authFetch } from './auth-fetch';

/** The console's only way to the data: the public GraphQL API, as any partner system uses it. */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', fetch: authFetch }),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
