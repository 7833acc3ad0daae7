import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../lib/format';
import type { TicketStatusView as Ticket } from './status-api';
import { StoreCard } from './StoreCard';

type Change = Ticket['promiseHistory'][number];

/**
 * One ticket as its customer sees it: where it stands, what happens next,
 * the store's promises, the parts with their dates, every change of a
 * promised date with its reason, visits, the store's words, and how to reach
 * the store. Only what the api gives the customer; times in the store's zone.
 */
export function TicketStatusView({ ticket, focus = false }: { ticket: Ticket; focus?: boolean }) {
  const { t, i18n } = useTranslation(['status', 'enums']);
  // Shown in place of the look-up form: the reader is taken to its heading, not left on a button that is gone.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  const language = i18n.language;
  const zone = ticket.store.timeZone;
  const time = (iso: string | null | undefined) => formatDateTime(iso, zone, language);
  const day = (date: string | null | undefined) => formatDate(date, zone, language);
  const span = (start: string | null | undefined, end: string | null | undefined) => t('status:window', { start: time(start), end: time(end) });
  const messages = ticket.timeline.filter((entry) => entry.text);

  return (
    <article className="status-ticket" data-ticket-number={ticket.ticketNumber}>
      <h1 ref={heading} tabIndex={-1}>
        {t('status:view.heading')} <span className="status-number">{ticket.ticketNumber}</span>
      </h1>

      <section className="status-card status-now" aria-labelledby="status-now">
        <h2 id="status-now">{t('status:view.standsAt')}</h2>
        <p className="status-state" data-status={ticket.status}>
          {t(`enums:TicketStatus.${ticket.status}`)}
        </p>
        <dl className="status-facts">
          <dt>{t('status:view.since')}</dt>
          <dd>{time(ticket.statusSince)}</dd>
          <dt>{t('status:view.type')}</dt>
          <dd>{t(`enums:TicketType.${ticket.type}`)}</dd>
          <dt>{t('status:view.registered')}</dt>
          <dd>{time(ticket.registeredAt)}</dd>
          {ticket.assigneeFirstName && (
            <>
              <dt>{t('status:view.handledBy')}</dt>
              <dd>{ticket.assigneeFirstName}</dd>
            </>
          )}
          {ticket.resolvedAt && (
            <>
              <dt>{t('status:view.resolved')}</dt>
              <dd>{time(ticket.resolvedAt)}</dd>
            </>
          )}
          {ticket.closedAt && (
            <>
              <dt>{t('status:view.closed')}</dt>
              <dd>{time(ticket.closedAt)}</dd>
            </>
          )}
        </dl>
      </section>

      <section className="status-card status-next" aria-labelledby="status-next">
        <h2 id="status-next">{t('status:next.heading')}</h2>
        <p className="status-next-kind">{t(`enums:CustomerNextStepKind.${ticket.nextStep.kind}`)}</p>
        {ticket.nextStep.kind === 'PART_ARRIVAL' && ticket.nextStep.expectedOn && (
          <p>{t('status:next.partExpected', { date: day(ticket.nextStep.expectedOn) })}</p>
        )}
        {ticket.nextStep.kind === 'VISIT' && ticket.nextStep.dueAt && <p>{t('status:next.visitFrom', { time: time(ticket.nextStep.dueAt) })}</p>}
        {ticket.nextStep.kind === 'STORE_CONTACTS_YOU' && ticket.nextStep.dueAt && <p>{t('status:next.contactBy', { time: time(ticket.nextStep.dueAt) })}</p>}
        {ticket.nextStep.kind === 'REPAIR' && ticket.nextStep.dueAt && <p>{t('status:next.doneBy', { time: time(ticket.nextStep.dueAt) })}</p>}
        {ticket.nextStep.kind === 'WAITING_FOR_YOU' && <p>{t('status:next.waitingForYou')}</p>}
        {ticket.nextStep.nextUpdateBy && <p className="status-next-update">{t('status:next.updateBy', { time: time(ticket.nextStep.nextUpdateBy) })}</p>}
      </section>

      {ticket.promises.length > 0 && (
        <section className="status-card" aria-labelledby="status-promises">
          <h2 id="status-promises">{t('status:promises.heading')}</h2>
          <ul className="status-list">
            {ticket.promises.map((promise) => (
              <li key={promise.metric} data-promise={promise.metric} data-state={promise.state}>
                <strong>{t(`status:promises.metric.${promise.metric}`)}</strong>
                <span className={`status-pill status-pill-${promise.state.toLowerCase()}`}>{t(`enums:CustomerPromiseState.${promise.state}`)}</span>
                <span className="status-detail">
                  {promise.state === 'KEPT' && promise.doneAt
                    ? t('status:promises.doneAt', { time: time(promise.doneAt) })
                    : promise.state === 'MISSED'
                      ? promise.doneAt
                        ? t('status:promises.doneLate', { time: time(promise.doneAt), due: time(promise.dueAt) })
                        : t('status:promises.missedSince', { time: time(promise.missedAt ?? promise.dueAt) })
                      : promise.state === 'PAUSED'
                        ? t('status:promises.paused')
                        : promise.dueAt
                          ? t('status:promises.dueBy', { time: time(promise.dueAt) })
                          : null}
                </span>
                {promise.provisional && <span className="status-detail">{t('status:promises.provisional')}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {ticket.parts.length > 0 && (
        <section className="status-card" aria-labelledby="status-parts">
          <h2 id="status-parts">{t('status:parts.heading')}</h2>
          <ul className="status-list">
            {ticket.parts.map((part, index) => (
              <li key={index} data-part={part.description} data-late={part.late || undefined}>
                <strong>{t('status:parts.item', { description: part.description, quantity: part.quantity })}</strong>
                <span className={`status-pill${part.late ? ' status-pill-missed' : ''}`}>
                  {part.late ? t('status:parts.lateTag') : t(`enums:PartsOrderStatus.${part.status}`)}
                </span>
                {part.status === 'ARRIVED' && part.arrivedAt ? (
                  <span className="status-detail">{t('status:parts.arrived', { time: time(part.arrivedAt) })}</span>
                ) : part.status === 'ORDERED' ? (
                  <span className="status-detail">{t('status:parts.expected', { date: day(part.expectedOn) })}</span>
                ) : null}
                {part.expectedOn !== part.firstPromisedOn && part.status !== 'CANCELLED' && (
                  <span className="status-detail">{t('status:parts.firstPromised', { date: day(part.firstPromisedOn) })}</span>
                )}
                {part.late && <span className="status-detail status-warning">{t('status:parts.late', { date: day(part.expectedOn) })}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {ticket.promiseHistory.length > 0 && (
        <section className="status-card" aria-labelledby="status-changes">
          <h2 id="status-changes">{t('status:changes.heading')}</h2>
          <ol className="status-list status-changes">
            {ticket.promiseHistory.map((change, index) => (
              <li key={index} data-change={change.kind}>
                <span className="status-when">{time(change.at)}</span>
                <strong>{t(`enums:CustomerPromiseChangeKind.${change.kind}`)}</strong>
                <span className="status-detail">{describeChange(change)}</span>
                {change.reason && <span className="status-detail status-reason">{t('status:changes.reason', { reason: change.reason })}</span>}
                {change.nextUpdateBy && <span className="status-detail">{t('status:changes.nextUpdateBy', { time: time(change.nextUpdateBy) })}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}

      {ticket.visits.length > 0 && (
        <section className="status-card" aria-labelledby="status-visits">
          <h2 id="status-visits">{t('status:visits.heading')}</h2>
          <ul className="status-list">
            {ticket.visits.map((visit, index) => (
              <li key={index}>
                <strong>{span(visit.windowStart, visit.windowEnd)}</strong>
                <span className="status-pill">{t(`enums:AppointmentStatus.${visit.status}`)}</span>
                {visit.technicianFirstName && <span className="status-detail">{t('status:visits.technician', { name: visit.technicianFirstName })}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {messages.length > 0 && (
        <section className="status-card" aria-labelledby="status-messages">
          <h2 id="status-messages">{t('status:messages.heading')}</h2>
          <ol className="status-list">
            {messages.map((entry, index) => (
              <li key={index}>
                <span className="status-when">{time(entry.occurredAt)}</span>
                <span className="status-detail">{entry.text}</span>
              </li>
            ))}
          </ol>
        </section>
      )}

      <StoreCard store={ticket.store}>
        <p className="status-hint">{t('status:store.quoteNumber', { number: ticket.ticketNumber })}</p>
      </StoreCard>
    </article>
  );

  function describeChange(change: Change): string {
    const part = change.partDescription ?? '';
    switch (change.kind) {
      case 'PART_ORDERED':
        return t('status:changes.partOrdered', { part, date: day(change.date) });
      case 'PART_DATE_CHANGED':
        return t('status:changes.partMoved', { part, from: day(change.previousDate), to: day(change.date) });
      case 'PART_LATE':
        return t('status:changes.partLate', { part, date: day(change.date ?? change.previousDate) });
      case 'PART_ARRIVED':
        return t('status:changes.partArrived', { part });
      case 'PART_CANCELLED':
        return t('status:changes.partCancelled', { part });
      case 'VISIT_BOOKED':
        return t('status:changes.visitBooked', { window: span(change.windowStart, change.windowEnd) });
      case 'VISIT_MOVED':
        return t('status:changes.visitMoved', {
          from: span(change.previousWindowStart, change.previousWindowEnd),
          to: span(change.windowStart, change.windowEnd),
        });
      case 'VISIT_CANCELLED':
        return t('status:changes.visitCancelled', {
          window: span(change.windowStart ?? change.previousWindowStart, change.windowEnd ?? change.previousWindowEnd),
        });
    }
  }
}
