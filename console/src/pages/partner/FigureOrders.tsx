import { useQuery } from '@apollo/client/react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { FigurePeriodInput, PartnerWorkOrderFigureOrdersQuery, WorkOrderFigure } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { useCursorPages } from '../figures/cursor-pages';
import { ExportButtons } from '../figures/ExportButtons';
import { WORK_ORDER_FIGURE_ORDERS } from './figures.queries';
import { STATUS_COLOR } from './work-order-moves';

type Order = PartnerWorkOrderFigureOrdersQuery['workOrderFigureOrders']['edges'][number]['node'];

const PAGE_SIZE = 20;

/** The work orders behind one figure, newest received first, 20 a page. */
export function FigureOrders({
  period,
  figure,
  timeZone,
  onClose,
}: {
  period: FigurePeriodInput;
  figure: WorkOrderFigure;
  timeZone: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['partner', 'enums']);
  const pages = useCursorPages();
  const { data, previousData, error, loading, refetch } = useQuery(WORK_ORDER_FIGURE_ORDERS, {
    variables: { period, figure, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'network-only',
  });
  const shown = (data ?? previousData)?.workOrderFigureOrders;
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, timeZone, i18n.language) : '—');
  const title = t('figures.drill.title', { figure: t(`enums:WorkOrderFigure.${figure}`) });
  return (
    <Card
      data-testid="partner-figures-drill"
      title={
        <Typography.Title level={2} className="partner-figures-card-title">
          {title}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <ExportButtons
            route="work-order-figure-orders"
            params={{ ...period, figure }}
            labels={{ csv: t('figures.export.ordersCsv'), json: t('figures.export.ordersJson') }}
          />
          <Button onClick={onClose}>{t('figures.drill.close')}</Button>
        </Space>
      }
    >
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Table<Order>
        rowKey="id"
        loading={loading}
        dataSource={shown?.edges.map((edge) => edge.node) ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('figures.drill.empty') }}
        columns={[
          { title: t('columns.reference'), dataIndex: 'reference' },
          { title: t('columns.device'), dataIndex: 'deviceModel', render: (model: string | null) => model ?? '—' },
          {
            title: t('columns.status'),
            dataIndex: 'status',
            render: (status: string) => <Tag color={STATUS_COLOR[status]}>{t(`enums:WorkOrderStatus.${status}`)}</Tag>,
          },
          { title: t('columns.received'), dataIndex: 'createdAt', render: when },
          { title: t('columns.deadline'), dataIndex: 'storeDueAt', render: when },
          { title: t('figures.drill.repairedAt'), dataIndex: 'repairedAt', render: when },
          { title: t('figures.drill.reworks'), dataIndex: 'reworks' },
        ]}
      />
      <Space className="partner-figures-pager">
        <Button disabled={pages.page === 0} onClick={pages.previous}>
          {t('figures.drill.previous')}
        </Button>
        <Typography.Text>{t('figures.drill.page', { page: pages.page + 1 })}</Typography.Text>
        <Button disabled={!shown?.pageInfo.hasNextPage || loading} onClick={() => pages.next(shown?.pageInfo.endCursor)}>
          {t('figures.drill.next')}
        </Button>
      </Space>
    </Card>
  );
}
