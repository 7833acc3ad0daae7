import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../lib/format';
import { ClocksSection } from './ClocksSection';
import { KnownErrors } from './KnownErrors';
import { NowProvider } from '../../lib/now';
import { PartsSection } from './PartsSection';
import { TicketActions } from './TicketActions';
import { TICKET, PARTNERS } from './ticket.queries';
import './desk.css';

/** Everything about one ticket, and what can be done to it now. */
export default function TicketPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation(['desk', 'enums']);
  const { viewer, can } = useViewer();
  const zone = viewer!.tenant.timeZone;
  const { data, error, refetch } = useQuery(TICKET, { variables: { id: id! }, fetchPolicy: 'cache-and-network' });
  const partners = useQuery(PARTNERS, { skip: !can('DISPATCH_WRITE') });
  const [stale, setStale] = useState(false);
  const reload = () => {
    setStale(false);
    void refetch();
  };
  const ticket = data?.ticket;
  if (!ticket) return error ? <ProblemAlert error={error} onRetry={reload} /> : <PageLoading />;
  const partnerName = (partnerId: string) => partners.data?.networkPartners.find((partner) => partner.id === partnerId)?.name ?? partnerId;
  const timeline = ticket.timeline.edges.map((edge) => edge.node);

  return (
    <NowProvider>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div className="desk-page-head">
          <Typography.Title level={2}>
            {t('ticket.title', { number: ticket.number })} <Tag data-ticket-status={ticket.status}>{t(`enums:TicketStatus.${ticket.status}`)}</Tag>
          </Typography.Title>
          <Space wrap>
            <Link to={`/desk/tickets/${encodeURIComponent(ticket.id)}/receipt`}>{t('ticket.receipt')}</Link>
            {viewer?.role === 'STORE_MANAGER' && <Link to={`/manage/tickets/${encodeURIComponent(ticket.id)}/money`}>{t('ticket.money')}</Link>}
          </Space>
        </div>
        {stale && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('common:errors.STALE')}
            action={
              <Button size="small" onClick={reload}>
                {t('common:actions.reload')}
              </Button>
            }
          />
        )}
        {error && <ProblemAlert error={error} onRetry={reload} />}
        <KnownErrors />
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card className="desk-section">
              <Descriptions title={<h3 className="desk-card-title">{t('ticket.facts')}</h3>} column={1} size="small">
                <Descriptions.Item label={t('ticket.customer')}>
                  {ticket.customer.name} · {ticket.customer.phone}
                  {ticket.customer.email ? ` · ${ticket.customer.email}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('ticket.device')}>
                  {ticket.device
                    ? `${ticket.device.model.name} · ${ticket.device.serialNumber}${ticket.device.purchaseDate ? ` · ${t('ticket.purchased', { date: formatDate(ticket.device.purchaseDate, zone, i18n.language) })}` : ''}`
                    : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('ticket.type')}>
                  {t(`enums:TicketType.${ticket.type}`)} · {t(`enums:TicketPriority.${ticket.priority}`)} · {t(`enums:TicketChannel.${ticket.channel}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('ticket.problem')}>{ticket.problem}</Descriptions.Item>
                {ticket.warrantyAtRegistration && (
                  <Descriptions.Item label={t('ticket.warranty')}>
                    {t(`enums:WarrantyStatus.${ticket.warrantyAtRegistration.status}`)}: {ticket.warrantyAtRegistration.reason}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('ticket.assignee')}>{ticket.assignee?.name ?? t('queue.unassigned')}</Descriptions.Item>
                <Descriptions.Item label={t('ticket.registered')}>{formatDateTime(ticket.createdAt, zone, i18n.language)}</Descriptions.Item>
                {ticket.resolution && <Descriptions.Item label={t('ticket.resolution')}>{ticket.resolution}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card className="desk-section">
              <TicketActions ticket={ticket} onDone={reload} onStale={() => setStale(true)} />
            </Card>
            <Card className="desk-section">
              <PartsSection ticket={ticket} onDone={reload} onStale={() => setStale(true)} />
            </Card>
            <Card className="desk-section">
              <section aria-labelledby="desk-visits-title">
                <h3 id="desk-visits-title">{t('ticket.visits.title')}</h3>
                {ticket.appointments.length === 0 && <p>{t('ticket.visits.none')}</p>}
                <ul className="desk-plain-list">
                  {ticket.appointments.map((visit) => (
                    <li key={visit.id}>
                      {t('ticket.visits.line', {
                        start: formatDateTime(visit.windowStart, zone, i18n.language),
                        end: formatDateTime(visit.windowEnd, zone, i18n.language),
                        technician: visit.technician.name,
                        address: visit.address,
                      })}{' '}
                      <Tag>{t(`enums:AppointmentStatus.${visit.status}`)}</Tag>
                    </li>
                  ))}
                </ul>
              </section>
            </Card>
            <Card className="desk-section">
              <section aria-labelledby="desk-dispatches-title">
                <h3 id="desk-dispatches-title">{t('ticket.dispatches.title')}</h3>
                {ticket.dispatches.length === 0 && <p>{t('ticket.dispatches.none')}</p>}
                <ul className="desk-plain-list">
                  {ticket.dispatches.map((dispatch) => (
                    <li key={dispatch.id}>
                      {t('ticket.dispatches.line', { partner: partnerName(dispatch.partnerId), at: formatDateTime(dispatch.createdAt, zone, i18n.language) })}{' '}
                      <Tag>{t(`enums:WorkOrderStatus.${dispatch.partnerStatus}`)}</Tag>
                      {dispatch.partnerNote && <span>{dispatch.partnerNote}</span>}
                      {dispatch.partnerUpdatedAt && <span> ({formatDateTime(dispatch.partnerUpdatedAt, zone, i18n.language)})</span>}
                    </li>
                  ))}
                </ul>
              </section>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card className="desk-section">
              <ClocksSection clocks={ticket.slaClocks} />
            </Card>
            <Card className="desk-section">
              <section aria-labelledby="desk-timeline-title">
                <h3 id="desk-timeline-title">{t('ticket.timeline.title')}</h3>
                <ol className="desk-timeline" reversed>
                  {[...timeline].reverse().map((event, index) => (
                    <li key={`${event.occurredAt}-${index}`}>
                      <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt, zone, i18n.language)}</time> {event.summary}
                      {event.visibility === 'CUSTOMER' && <Tag className="desk-tag desk-tag-info">{t('ticket.timeline.toCustomer')}</Tag>}
                    </li>
                  ))}
                </ol>
              </section>
            </Card>
          </Col>
        </Row>
      </Space>
    </NowProvider>
  );
}
