import { Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NetworkAtRiskQuery } from '../../gql/graphql';
import { formatDateTime, splitDuration } from '../../lib/format';
import { targetText } from '../../lib/target-text';
import { BAD, WARNING } from './tag-colors';

type Row = NetworkAtRiskQuery['ticketsAtRisk'][number];
type Clock = Row['clocks'][number];
type Store = NetworkAtRiskQuery['tenants']['edges'][number]['node'];

/**
 * One of a store's tickets at risk, as HQ may read it. The ticket itself is
 * the store's (`ticket(id:)` and `node(id:)` need TICKET_READ, which no HQ
 * role has, and read the caller's own tenant only), so HQ sees what the
 * network's at-risk list gives: its number, kind and status, every clock with
 * its target and deadline in the store's time zone, the escalation level
 * reached, and how to reach the store to act on it. Nothing here changes the
 * ticket.
 */
export function AtRiskTicketDrawer({ row, store, now, onClose }: { row: Row | null; store: Store | undefined; now: number; onClose: () => void }) {
  const { t, i18n } = useTranslation(['hq', 'enums']);
  const zone = store?.timeZone ?? 'Asia/Shanghai';
  const when = (clock: Clock) => {
    if (clock.state === 'BREACHED') return t('network.breachedAt', { time: formatDateTime(clock.breachedAt, zone, i18n.language) });
    if (!clock.dueAt) return t('network.ticket.noDue');
    const left = splitDuration(Date.parse(clock.dueAt) - now);
    const due = t('network.dueAt', { time: formatDateTime(clock.dueAt, zone, i18n.language) });
    return left.negative
      ? due
      : `${due} · ${t('network.left', { hours: left.days * 24 + left.hours, minutes: String(left.minutes).padStart(2, '0'), seconds: String(left.seconds).padStart(2, '0') })}`;
  };
  return (
    <Drawer open={row !== null} onClose={onClose} size={640} title={row ? t('network.ticket.title', { number: row.number }) : ''} destroyOnHidden>
      {row && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('network.ticket.readOnly')}</Typography.Paragraph>
          <Descriptions bordered column={1} size="small">
            <Descriptions.Item label={t('network.columns.store')}>{row.storeName}</Descriptions.Item>
            <Descriptions.Item label={t('network.ticket.kind')}>
              {t(`enums:TicketType.${row.type}`)} · {t(`enums:TicketStatus.${row.status}`)} · {t(`enums:TicketPriority.${row.priority}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('network.columns.escalation')}>
              {row.escalationLevel ? t('network.level', { level: row.escalationLevel, name: row.escalationLevelName }) : t('network.noLevel')}
            </Descriptions.Item>
            <Descriptions.Item label={t('network.ticket.phone')}>
              {store?.contactPhone ? <a href={`tel:${store.contactPhone.replace(/\s/g, '')}`}>{store.contactPhone}</a> : t('network.ticket.unknown')}
            </Descriptions.Item>
            <Descriptions.Item label={t('network.ticket.address')}>{store?.contactAddress ?? t('network.ticket.unknown')}</Descriptions.Item>
          </Descriptions>
          <section aria-labelledby="hq-ticket-clocks">
            <Typography.Title level={2} id="hq-ticket-clocks" className="hq-card-title">
              {t('network.ticket.clocks')}
            </Typography.Title>
            <Table<Clock>
              rowKey="metric"
              size="small"
              pagination={false}
              dataSource={row.clocks}
              columns={[
                { title: t('network.columns.clock'), key: 'metric', render: (_, clock) => t(`enums:SlaMetric.${clock.metric}`) },
                { title: t('network.ticket.target'), key: 'target', render: (_, clock) => targetText(t, clock.targetAmount, clock.targetUnit) },
                {
                  title: t('network.columns.state'),
                  key: 'state',
                  render: (_, clock) => (
                    <Tag color={clock.state === 'BREACHED' ? BAD : clock.state === 'AT_RISK' ? WARNING : undefined}>{t(`enums:ClockState.${clock.state}`)}</Tag>
                  ),
                },
                { title: t('network.columns.when'), key: 'when', render: (_, clock) => when(clock) },
              ]}
            />
          </section>
        </Space>
      )}
    </Drawer>
  );
}
