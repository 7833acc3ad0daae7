import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Checkbox, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import type { ContactChannel, DeskTicketQuery, TicketStatus, TimelineVisibility } from '../../gql/graphql';
import { ActionModal } from './ActionModal';
import { ASSIGN, CONTACT, DISPATCH, MOVE, NOTE, ORDER_PART, PARTNERS, SCHEDULE_VISIT, STAFF } from './ticket.queries';
import { todayIn, zonedToIso } from './zoned-time';

export type DeskTicket = DeskTicketQuery['ticket'];
type Action =
  | { kind: 'assign' }
  | { kind: 'move'; to: TicketStatus }
  | { kind: 'contact' }
  | { kind: 'note' }
  | { kind: 'part' }
  | { kind: 'visit' }
  | { kind: 'dispatch' };

const NEEDS_TEXT: TicketStatus[] = ['RESOLVED', 'CANCELLED', 'REOPENED'];
const CONTACT_CHANNELS: ContactChannel[] = ['PHONE', 'SMS', 'EMAIL', 'IN_PERSON', 'LETTER'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

/**
 * What can be done to the ticket now. Moves are exactly the API's
 * `allowedTransitions` (a move the ticket may not make is never offered);
 * each action opens its form and the page reloads the ticket after it.
 */
export function TicketActions({ ticket, onDone, onStale }: { ticket: DeskTicket; onDone: () => void; onStale: () => void }) {
  const { t } = useTranslation(['desk', 'enums']);
  const { can } = useViewer();
  const [action, setAction] = useState<Action | null>(null);
  const close = (done: boolean) => {
    setAction(null);
    if (done) onDone();
  };
  const common = { onClose: close, onStale };
  return (
    <section aria-labelledby="desk-actions-title" className="desk-section">
      <h3 id="desk-actions-title">{t('ticket.actions.title')}</h3>
      <Space wrap>
        {ticket.allowedTransitions.map((to) => (
          <Button
            key={to}
            data-move-to={to}
            onClick={() => setAction({ kind: 'move', to })}
            type={to === 'RESOLVED' || to === 'CLOSED' ? 'primary' : 'default'}
          >
            {t('ticket.actions.moveTo', { status: t(`enums:TicketStatus.${to}`) })}
          </Button>
        ))}
      </Space>
      <Space wrap style={{ marginTop: 8 }}>
        {can('TICKET_ASSIGN') && <Button onClick={() => setAction({ kind: 'assign' })}>{t('ticket.actions.assign')}</Button>}
        {can('TICKET_WORK') && <Button onClick={() => setAction({ kind: 'contact' })}>{t('ticket.actions.contact')}</Button>}
        {can('TICKET_WORK') && <Button onClick={() => setAction({ kind: 'note' })}>{t('ticket.actions.note')}</Button>}
        {can('TICKET_WRITE') && <Button onClick={() => setAction({ kind: 'part' })}>{t('ticket.actions.orderPart')}</Button>}
        {can('TICKET_WRITE') && <Button onClick={() => setAction({ kind: 'visit' })}>{t('ticket.actions.visit')}</Button>}
        {can('DISPATCH_WRITE') && <Button onClick={() => setAction({ kind: 'dispatch' })}>{t('ticket.actions.dispatch')}</Button>}
      </Space>
      {action?.kind === 'move' && <MoveModal ticket={ticket} to={action.to} {...common} />}
      {action?.kind === 'assign' && <AssignModal ticket={ticket} {...common} />}
      {action?.kind === 'contact' && <ContactModal ticket={ticket} {...common} />}
      {action?.kind === 'note' && <NoteModal ticket={ticket} {...common} />}
      {action?.kind === 'part' && <OrderPartModal ticket={ticket} {...common} />}
      {action?.kind === 'visit' && <VisitModal ticket={ticket} {...common} />}
      {action?.kind === 'dispatch' && <DispatchModal ticket={ticket} {...common} />}
    </section>
  );
}

interface ModalProps {
  ticket: DeskTicket;
  onClose: (done: boolean) => void;
  onStale: () => void;
}

function MoveModal({ ticket, to, ...rest }: ModalProps & { to: TicketStatus }) {
  const { t } = useTranslation(['desk', 'enums']);
  const [move] = useMutation(MOVE);
  const required = NEEDS_TEXT.includes(to);
  const label = to === 'RESOLVED' ? t('ticket.move.resolution') : required ? t('ticket.move.reason') : t('ticket.move.note');
  return (
    <ActionModal<{ note?: string }>
      title={t('ticket.actions.moveTo', { status: t(`enums:TicketStatus.${to}`) })}
      okText={t('ticket.move.confirm')}
      run={async (values) =>
        (await move({ variables: { input: { ticketId: ticket.id, to, note: values.note || null, expectedVersion: ticket.version } } })).data!.moveTicket
          .userErrors
      }
      {...rest}
    >
      <Form.Item name="note" label={label} rules={required ? [{ required: true, message: t('ticket.move.textRequired') }] : []}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </ActionModal>
  );
}

function AssignModal({ ticket, ...rest }: ModalProps) {
  const { t } = useTranslation(['desk', 'enums']);
  const staff = useQuery(STAFF);
  const [assign] = useMutation(ASSIGN);
  const people = (staff.data?.staffUsers.edges ?? []).map((edge) => edge.node).filter((user) => user.status === 'ACTIVE');
  return (
    <ActionModal<{ assigneeId: string; reason?: string }>
      title={t('ticket.actions.assign')}
      okText={t('ticket.assign.confirm')}
      initialValues={{ assigneeId: ticket.assignee?.id }}
      run={async (values) =>
        (
          await assign({
            variables: { input: { ticketId: ticket.id, assigneeId: values.assigneeId, reason: values.reason || null, expectedVersion: ticket.version } },
          })
        ).data!.assignTicket.userErrors
      }
      {...rest}
    >
      <Form.Item name="assigneeId" label={t('ticket.assign.to')} rules={[{ required: true, message: t('ticket.assign.required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={staff.loading}
          options={people.map((user) => ({ value: user.id, label: `${user.name} (${t(`enums:Role.${user.role}`)})` }))}
        />
      </Form.Item>
      <Form.Item name="reason" label={t('ticket.assign.reason')}>
        <Input />
      </Form.Item>
    </ActionModal>
  );
}

function ContactModal({ ticket, ...rest }: ModalProps) {
  const { t } = useTranslation(['desk', 'enums']);
  const [record] = useMutation(CONTACT);
  return (
    <ActionModal<{ channel: ContactChannel; reached: boolean; outcome: string }>
      title={t('ticket.actions.contact')}
      okText={t('ticket.contact.confirm')}
      initialValues={{ channel: 'PHONE', reached: true }}
      run={async (values) =>
        (await record({ variables: { input: { ticketId: ticket.id, channel: values.channel, reached: values.reached, outcome: values.outcome } } })).data!
          .recordCustomerContact.userErrors
      }
      {...rest}
    >
      <Form.Item name="channel" label={t('ticket.contact.channel')}>
        <Select options={CONTACT_CHANNELS.map((value) => ({ value, label: t(`enums:ContactChannel.${value}`) }))} />
      </Form.Item>
      <Form.Item name="reached" valuePropName="checked">
        <Checkbox>{t('ticket.contact.reached')}</Checkbox>
      </Form.Item>
      <Form.Item name="outcome" label={t('ticket.contact.outcome')} rules={[{ required: true, message: t('ticket.contact.outcomeRequired') }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </ActionModal>
  );
}

function NoteModal({ ticket, ...rest }: ModalProps) {
  const { t } = useTranslation(['desk', 'enums']);
  const [add] = useMutation(NOTE);
  return (
    <ActionModal<{ body: string; visibility: TimelineVisibility }>
      title={t('ticket.actions.note')}
      okText={t('ticket.note.confirm')}
      initialValues={{ visibility: 'INTERNAL' }}
      run={async (values) =>
        (await add({ variables: { input: { ticketId: ticket.id, body: values.body, visibility: values.visibility } } })).data!.addTicketNote.userErrors
      }
      {...rest}
    >
      <Form.Item name="body" label={t('ticket.note.body')} rules={[{ required: true, message: t('ticket.note.required') }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.Item name="visibility" label={t('ticket.note.visibility')}>
        <Select options={(['INTERNAL', 'CUSTOMER'] as const).map((value) => ({ value, label: t(`enums:TimelineVisibility.${value}`) }))} />
      </Form.Item>
    </ActionModal>
  );
}

function OrderPartModal({ ticket, ...rest }: ModalProps) {
  const { t } = useTranslation(['desk', 'enums']);
  const { viewer } = useViewer();
  const [order] = useMutation(ORDER_PART);
  return (
    <ActionModal<{ description: string; partNumber: string; quantity: string; supplier: string; expectedOn: string }>
      title={t('ticket.actions.orderPart')}
      okText={t('ticket.part.confirm')}
      initialValues={{ quantity: '1', expectedOn: todayIn(viewer!.tenant.timeZone) }}
      run={async (values) =>
        (
          await order({
            variables: {
              input: {
                ticketId: ticket.id,
                description: values.description,
                partNumber: values.partNumber,
                quantity: Number(values.quantity),
                supplier: values.supplier,
                expectedOn: values.expectedOn,
                expectedVersion: ticket.version,
              },
            },
          })
        ).data!.orderPart.userErrors
      }
      {...rest}
    >
      <Form.Item name="description" label={t('ticket.part.description')} rules={[{ required: true, message: t('ticket.part.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="partNumber" label={t('ticket.part.partNumber')} rules={[{ required: true, message: t('ticket.part.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="quantity" label={t('ticket.part.quantity')} rules={[{ required: true, pattern: /^\d+$/, message: t('ticket.part.quantityFormat') }]}>
        <Input inputMode="numeric" />
      </Form.Item>
      <Form.Item name="supplier" label={t('ticket.part.supplier')} rules={[{ required: true, message: t('ticket.part.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="expectedOn" label={t('ticket.part.expectedOn')} rules={[{ required: true, pattern: DATE, message: t('ticket.dateFormat') }]}>
        <Input placeholder="YYYY-MM-DD" />
      </Form.Item>
    </ActionModal>
  );
}

function VisitModal({ ticket, ...rest }: ModalProps) {
  const { t } = useTranslation(['desk', 'enums']);
  const { viewer } = useViewer();
  const timeZone = viewer!.tenant.timeZone;
  const staff = useQuery(STAFF);
  const [schedule] = useMutation(SCHEDULE_VISIT);
  const technicians = (staff.data?.staffUsers.edges ?? []).map((edge) => edge.node).filter((user) => user.status === 'ACTIVE' && user.role === 'TECHNICIAN');
  return (
    <ActionModal<{ start: string; end: string; technicianId: string; address?: string; notes?: string }>
      title={t('ticket.actions.visit')}
      okText={t('ticket.visit.confirm')}
      initialValues={{ address: ticket.contactAddress ?? ticket.customer.address ?? undefined }}
      run={async (values) =>
        (
          await schedule({
            variables: {
              input: {
                ticketId: ticket.id,
                technicianId: values.technicianId,
                windowStart: zonedToIso(values.start, timeZone)!,
                windowEnd: zonedToIso(values.end, timeZone)!,
                address: values.address || null,
                notes: values.notes || null,
                expectedVersion: ticket.version,
              },
            },
          })
        ).data!.scheduleAppointment.userErrors
      }
      {...rest}
    >
      <p>{t('ticket.visit.zone', { zone: timeZone })}</p>
      <Form.Item name="start" label={t('ticket.visit.start')} rules={[{ required: true, pattern: DATE_TIME, message: t('ticket.dateTimeFormat') }]}>
        <Input placeholder="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item name="end" label={t('ticket.visit.end')} rules={[{ required: true, pattern: DATE_TIME, message: t('ticket.dateTimeFormat') }]}>
        <Input placeholder="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item name="technicianId" label={t('ticket.visit.technician')} rules={[{ required: true, message: t('ticket.visit.technicianRequired') }]}>
        <Select loading={staff.loading} options={technicians.map((user) => ({ value: user.id, label: user.name }))} />
      </Form.Item>
      <Form.Item name="address" label={t('ticket.visit.address')}>
        <Input />
      </Form.Item>
      <Form.Item name="notes" label={t('ticket.visit.notes')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ActionModal>
  );
}

function DispatchModal({ ticket, ...rest }: ModalProps) {
  const { t } = useTranslation(['desk', 'enums']);
  const partners = useQuery(PARTNERS);
  const [dispatch] = useMutation(DISPATCH);
  return (
    <ActionModal<{ partnerTenantId: string; note?: string }>
      title={t('ticket.actions.dispatch')}
      okText={t('ticket.dispatch.confirm')}
      run={async (values) =>
        (
          await dispatch({
            variables: { input: { ticketId: ticket.id, partnerTenantId: values.partnerTenantId, note: values.note || null, expectedVersion: ticket.version } },
          })
        ).data!.dispatchToPartner.userErrors
      }
      {...rest}
    >
      <Form.Item name="partnerTenantId" label={t('ticket.dispatch.partner')} rules={[{ required: true, message: t('ticket.dispatch.partnerRequired') }]}>
        <Select loading={partners.loading} options={(partners.data?.networkPartners ?? []).map((partner) => ({ value: partner.id, label: partner.name }))} />
      </Form.Item>
      <Form.Item name="note" label={t('ticket.dispatch.note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ActionModal>
  );
}
