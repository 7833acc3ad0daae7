import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { formatDateTime } from '../../lib/format';
import { useCursorPages } from './cursor-pages';
import type { DrillPage } from './DrillList';

/** A drill-down query's connection, whichever figures it lists. */
interface Connection<Node> {
  edges: readonly { cursor?: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

const PAGE_SIZE = 20;

/**
 * What every drill-down list does before its own columns: read one page of
 * its query by cursor (fresh from the api, the page before kept on screen
 * while the next loads), and write its instants in the store's time zone.
 * A row carries its cursor, for the lists where a ticket has several lines.
 */
export function useDrillPage<Data, Variables extends OperationVariables, Node>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Omit<Variables, 'first' | 'after'>,
  connectionOf: (data: Data) => Connection<Node>,
) {
  const { i18n } = useTranslation();
  const { viewer } = useViewer();
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery<Data, Variables>(document, {
    variables: { ...variables, first: PAGE_SIZE, after: pages.after } as unknown as Variables,
    fetchPolicy: 'network-only',
  });
  const shown = data ?? previousData;
  const connection = shown === undefined ? undefined : connectionOf(shown as Data);
  const page: DrillPage<Node & { cursor: string }> | undefined = connection && {
    rows: connection.edges.map((edge) => ({ ...edge.node, cursor: edge.cursor ?? '' })),
    ...connection.pageInfo,
  };
  return {
    /** What the drill-down list takes as it is. */
    list: { page, pages, loading, error, onRetry: () => void refetch() },
    zone,
    /** An instant as the store's clock shows it, or a dash. */
    at: (value: string | null | undefined) => formatDateTime(value, zone, i18n.language) || '—',
  };
}
