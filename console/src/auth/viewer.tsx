import { useQuery } from '@apollo/client/react';
import { createContext, ReactNode, useContext } from 'react';
import { graphql } from '../gql';
import type { ViewerQuery } from '../gql/graphql';

export const VIEWER = graphql(`
  query Viewer {
    viewer {
      role
      permissions
      user {
        id
        name
        email
      }
      tenant {
        id
        slug
        name
        kind
        timeZone
        locale
      }
    }
  }
`);

export type Viewer = ViewerQuery['viewer'];

interface ViewerState {
  viewer: Viewer | null;
  can(permission: string): boolean;
}

const ViewerContext = createContext<ViewerState>({ viewer: null, can: () => false });

/** Who is signed in, their tenant and what they may do, for every page; the api still decides every call. */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const { data } = useQuery(VIEWER, { fetchPolicy: 'network-only' });
  const viewer = data?.viewer ?? null;
  const permissions = new Set(viewer?.permissions ?? []);
  return <ViewerContext.Provider value={{ viewer, can: (permission) => permissions.has(permission) }}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerState {
  return useContext(ViewerContext);
}
