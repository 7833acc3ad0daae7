import { useMutation } from '@apollo/client/react';
import { Alert, Button, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { formatDate, formatDateTime } from '../../lib/format';
import { ActionModal } from './ActionModal';
import { CHANGE_PART_DATE, PART_ARRIVED } from './ticket.queries';
import type { DeskTicket } from './TicketActions';

type Part = DeskTicket['partsOrders'][number];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The parts on order: expected dates and every change of them, a late one marked; change a date, mark one arrived. */
export function PartsSection({ ticket, onDone, onStale }: { ticket: DeskTicket; onDone: () => void; onStale: () => void }) {
  const { t, i18n } = useTranslation(['desk', 'enums']);
  const { viewer, can } = useViewer();
  const zone = viewer!.tenant.timeZone;
  const [changing, setChanging] = useState<Part | null>(null);
  const [arrive] = useMutation(PART_ARRIVED);
  const [busy, setBusy] = useState<string | null>(null);

  async function markArrived(part: Part) {
    setBusy(part.id);
    try {
      const errors = (await arrive({ variables: { input: { partsOrderId: part.id, expectedVersion: ticket.version } } })).data!.markPartArrived.userErrors;
      if (errors.some((error) => error.code === 'STALE')) onStale();
      else onDone();
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="desk-parts-title" className="desk-section">
      <h3 id="desk-parts-title">{t('ticket.parts.title')}</h3>
      {ticket.partsOrders.length === 0 && <p>{t('ticket.parts.none')}</p>}
      <ul className="desk-plain-list">
        {ticket.partsOrders.map((part) => (
          <li key={part.id} data-part={part.partNumber}>
            <Space wrap>
              <strong>{part.description}</strong>
              <span>{t('ticket.parts.line', { partNumber: part.partNumber, quantity: part.quantity, supplier: part.supplier })}</span>
              <Tag>{t(`enums:PartsOrderStatus.${part.status}`)}</Tag>
              {part.late && <Tag className="desk-tag desk-tag-breached">{t('ticket.parts.late')}</Tag>}
            </Space>
            <div>
              {part.status === 'ARRIVED'
                ? t('ticket.parts.arrivedAt', { at: formatDateTime(part.arrivedAt, zone, i18n.language) })
                : t('ticket.parts.expected', { date: formatDate(part.expectedOn, zone, i18n.language) })}
            </div>
            {part.dateChanges.length > 0 && (
              <ul aria-label={t('ticket.parts.changes')}>
                {part.dateChanges.map((change) => (
                  <li key={change.changedAt}>
                    {t('ticket.parts.change', {
                      at: formatDateTime(change.changedAt, zone, i18n.language),
                      from: formatDate(change.previousOn, zone, i18n.language),
                      to: formatDate(change.expectedOn, zone, i18n.language),
                    })}
                    {change.reason ? ` — ${change.reason}` : ''}
                  </li>
                ))}
              </ul>
            )}
            {part.status === 'ORDERED' && can('TICKET_WRITE') && (
              <Space>
                <Button size="small" onClick={() => setChanging(part)}>
                  {t('ticket.parts.changeDate')}
                </Button>
                <Button size="small" loading={busy === part.id} onClick={() => void markArrived(part)}>
                  {t('ticket.parts.markArrived')}
                </Button>
              </Space>
            )}
          </li>
        ))}
      </ul>
      {changing && (
        <ChangeDateModal
          ticket={ticket}
          part={changing}
          onStale={onStale}
          onClose={(done) => {
            setChanging(null);
            if (done) onDone();
          }}
        />
      )}
    </section>
  );
}

function ChangeDateModal({ ticket, part, onClose, onStale }: { ticket: DeskTicket; part: Part; onClose: (done: boolean) => void; onStale: () => void }) {
  const { t } = useTranslation('desk');
  const [change] = useMutation(CHANGE_PART_DATE);
  return (
    <ActionModal<{ expectedOn: string; reason?: string }>
      title={t('ticket.parts.changeDateOf', { part: part.description })}
      okText={t('ticket.parts.changeConfirm')}
      initialValues={{ expectedOn: part.expectedOn }}
      onClose={onClose}
      onStale={onStale}
      run={async (values) =>
        (
          await change({
            variables: { input: { partsOrderId: part.id, expectedOn: values.expectedOn, reason: values.reason || null, expectedVersion: ticket.version } },
          })
        ).data!.changePartExpectedDate.userErrors
      }
    >
      <Alert type="info" showIcon title={t('ticket.parts.customerTold')} style={{ marginBottom: 16 }} />
      <Form.Item name="expectedOn" label={t('ticket.parts.newDate')} rules={[{ required: true, pattern: DATE, message: t('ticket.dateFormat') }]}>
        <Input placeholder="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item name="reason" label={t('ticket.parts.reason')} rules={[{ required: true, message: t('ticket.parts.reasonRequired') }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ActionModal>
  );
}
