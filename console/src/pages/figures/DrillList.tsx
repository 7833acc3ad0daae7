import { Button, Card, Space, Table, type TableColumnsType, Typography } from 'antd';

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { CursorPages } from './cursor-pages';
import { ExportButtons } from './ExportButtons';

/** What every drill-down row carries, whichever family of figures it is behind. */
export interface DrillRow {
  ticketId: string;
  number: string;
  storeName: string;
}

/** The list's page as the drill-down query answered it. */
export interface DrillPage<Row> {
  rows: Row[];
  hasNextPage: boolean;
  endCursor?: string | null;
}

/**
 * The tickets behind one figure, 20 a page by cursor, for the service, the
 * volume and the customer-care figures alike: the ticket's number (at a
 * store, a link to its page), its store (for HQ), the family's own columns,
 * and the export of the whole list as CSV or JSON from the family's route
 * with the same filter.
 */
export function DrillList<Row extends DrillRow>({
  testId,
  title,
  page,
  loading,
  error,
  onRetry,
  columns,
  rowKey,
  pages,
  exportRoute,
  exportParams,
  onClose,
}: {
  testId: string;
  title: string;
  page: DrillPage<Row> | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  columns: TableColumnsType<Row>;
  rowKey: (row: Row) => string;
  pages: CursorPages;
  exportRoute: string;
  exportParams: Record<string, string | null | undefined>;
  onClose: () => void;
}) {
  const { t } = useTranslation(['figures']);
  const { viewer } = useViewer();
  const isStore = viewer?.tenant.kind === 'STORE';
  return (
    <Card
      data-testid={testId}
      title={
        <Typography.Title level={2} className="figures-card-title">
          {title}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <ExportButtons route={exportRoute} params={exportParams} labels={{ csv: t('figures:export.ticketsCsv'), json: t('figures:export.ticketsJson') }} />
          <Button onClick={onClose}>{t('figures:drill.close')}</Button>
        </Space>
      }
    >
      <ProblemAlert error={error} onRetry={onRetry} />
      <Table<Row>
        rowKey={rowKey}
        loading={loading}
        dataSource={page?.rows ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('figures:drill.empty') }}
        columns={[
          {
            title: t('figures:drill.number'),
            dataIndex: 'number',
            render: (number: string, row) => (isStore ? <Link to={`/desk/tickets/${encodeURIComponent(row.ticketId)}`}>{number}</Link> : number),
          },
          ...(isStore ? [] : [{ title: t('figures:drill.store'), dataIndex: 'storeName' }]),
          ...columns,
        ]}
      />
      <Space className="figures-pager">
        <Button disabled={pages.page === 0} onClick={pages.previous}>
          {t('figures:drill.previous')}
        </Button>
        <Typography.Text>{t('figures:drill.page', { page: pages.page + 1 })}</Typography.Text>
        <Button disabled={!page?.hasNextPage || loading} onClick={() => pages.next(page?.endCursor)}>
          {t('figures:drill.next')}
        </Button>
      </Space>
    </Card>
  );
}
