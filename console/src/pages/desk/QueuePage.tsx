import { Button, Segmented, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { TicketStatus } from '../../gql/graphql';
import { Countdown, UrgencyTag } from './Countdown';
import { NowProvider } from '../../lib/now';
import { OPEN_STATUSES } from './open-statuses';
import { QueueRow, useQueueTickets } from './useQueueTickets';
import { VirtualRows } from './VirtualRows';
import './desk.css';

const ROW_HEIGHT = 52;

/**
 * The store's work queue: open tickets, most urgent first, each with its next
 * deadline counting down live. A technician starts on their own tickets.
 */
export default function QueuePage() {
  const { t } = useTranslation(['desk', 'enums']);
  const { viewer } = useViewer();
  const navigate = useNavigate();
  const [scope, setScope] = useState<'mine' | 'all'>(viewer?.role === 'TECHNICIAN' ? 'mine' : 'all');
  const [status, setStatus] = useState<TicketStatus | 'ALL'>('ALL');
  const statuses = useMemo(() => (status === 'ALL' ? OPEN_STATUSES : [status]), [status]);
  const { rows, error, loading, complete, reload } = useQueueTickets(statuses, scope === 'mine' ? (viewer?.user?.id ?? null) : null);

  return (
    <NowProvider>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div className="desk-page-head">
          <Typography.Title level={2}>{t('queue.title')}</Typography.Title>
          <Space wrap>
            <Segmented
              aria-label={t('queue.scope')}
              value={scope}
              onChange={(value) => setScope(value as 'mine' | 'all')}
              options={[
                { value: 'mine', label: t('queue.mine') },
                { value: 'all', label: t('queue.all') },
              ]}
            />
            <Select
              aria-label={t('queue.status')}
              value={status}
              onChange={setStatus}
              style={{ width: 180 }}
              options={[{ value: 'ALL', label: t('queue.allOpen') }, ...OPEN_STATUSES.map((value) => ({ value, label: t(`enums:TicketStatus.${value}`) }))]}
            />
            <Button onClick={reload} loading={loading}>
              {t('queue.refresh')}
            </Button>
            <Button type="primary" onClick={() => navigate('/desk/register')}>
              {t('queue.register')}
            </Button>
          </Space>
        </div>
        <ProblemAlert error={error} onRetry={reload} />
        {rows && !complete && loading && (
          <Typography.Text type="secondary" role="status" data-queue-loading-more>
            {t('queue.loadingMore', { count: rows.length })}
          </Typography.Text>
        )}
        {rows && <QueueTable rows={rows} />}
      </Space>
    </NowProvider>
  );
}

function QueueTable({ rows }: { rows: QueueRow[] }) {
  const { t } = useTranslation(['desk', 'enums']);
  const height = Math.min(Math.max(rows.length, 1) * ROW_HEIGHT, 640);
  return (
    <div role="table" aria-label={t('queue.title')} aria-rowcount={rows.length + 1} className="desk-queue">
      <div role="rowgroup">
        <div role="row" className="desk-queue-row desk-queue-header">
          <span role="columnheader">{t('queue.col.number')}</span>
          <span role="columnheader">{t('queue.col.customer')}</span>
          <span role="columnheader">{t('queue.col.device')}</span>
          <span role="columnheader">{t('queue.col.status')}</span>
          <span role="columnheader">{t('queue.col.assignee')}</span>
          <span role="columnheader">{t('queue.col.deadline')}</span>
        </div>
      </div>
      {rows.length === 0 ? (
        <div role="rowgroup">
          <div role="row" className="desk-queue-empty">
            <span role="cell">{t('queue.empty')}</span>
          </div>
        </div>
      ) : (
        <VirtualRows
          items={rows}
          rowHeight={ROW_HEIGHT}
          height={height}
          label={t('queue.rows')}
          renderRow={(row, index, style) => <QueueLine key={row.ticket.id} row={row} index={index} style={style} />}
        />
      )}
    </div>
  );
}

function QueueLine({ row, index, style }: { row: QueueRow; index: number; style: React.CSSProperties }) {
  const { t } = useTranslation(['desk', 'enums']);
  const { ticket, urgency } = row;
  const marked = urgency.breached ? 'breached' : urgency.atRisk ? 'at-risk' : 'ok';
  return (
    <div role="row" aria-rowindex={index + 2} data-ticket-row data-urgency={marked} className={`desk-queue-row desk-queue-${marked}`} style={style}>
      <span role="cell">
        <Link to={`/desk/tickets/${encodeURIComponent(ticket.id)}`}>{ticket.number}</Link>
      </span>
      <span role="cell">{ticket.customer.name}</span>
      <span role="cell">{ticket.device ? `${ticket.device.model.name} · ${ticket.device.serialNumber}` : '—'}</span>
      <span role="cell">{t(`enums:TicketStatus.${ticket.status}`)}</span>
      <span role="cell">{ticket.assignee?.name ?? t('queue.unassigned')}</span>
      <span role="cell">
        <UrgencyTag breached={urgency.breached} atRisk={urgency.atRisk} />
        {urgency.clock && <span className="desk-queue-metric">{t(`enums:SlaMetric.${urgency.clock.metric}`)} </span>}
        <Countdown dueMs={urgency.dueMs} />
      </span>
    </div>
  );
}
