import { useQuery } from '@apollo/client/react';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import { formatDate, formatDateTime } from '../../lib/format';
import { targetText } from '../../lib/target-text';
import './receipt.css';

const RECEIPT = graphql(`
  query DeskReceipt($id: ID!) {
    tenant {
      id
      name
      contactPhone
      contactAddress
    }
    ticket(id: $id) {
      id
      number
      type
      problem
      createdAt
      contactName
      contactPhone
      customer {
        id
        name
        phone
      }
      device {
        id
        serialNumber
        purchaseDate
        model {
          id
          name
        }
      }
      warrantyAtRegistration {
        status
        reason
      }
      slaClocks {
        metric
        state
        targetAmount
        targetUnit
        dueAt
      }
    }
  }
`);

/**
 * The service receipt handed over the counter (printed from the browser):
 * the number to quote, what was left with the store, the promised dates and
 * the store's commitments, and where the customer follows the repair.
 */
export default function ReceiptPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation(['desk', 'enums']);
  const { viewer } = useViewer();
  const zone = viewer!.tenant.timeZone;
  const { data, error, refetch } = useQuery(RECEIPT, { variables: { id: id! } });
  if (!data) return error ? <ProblemAlert error={error} onRetry={() => void refetch()} /> : <PageLoading />;
  const { ticket, tenant } = data;
  const lang = i18n.language;
  const statusUrl = `${window.location.origin}/console/status`;
  return (
    <article className="desk-receipt" aria-labelledby="desk-receipt-title">
      <Space className="desk-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()}>
          {t('receipt.print')}
        </Button>
        <Link to={`/desk/tickets/${encodeURIComponent(ticket.id)}`}>{t('receipt.back')}</Link>
      </Space>
      <header>
        <h2 id="desk-receipt-title">{t('receipt.title')}</h2>
        <p className="desk-receipt-store">
          <strong>{tenant.name}</strong>
          {tenant.contactPhone && <span> · {t('receipt.phone', { phone: tenant.contactPhone })}</span>}
          {tenant.contactAddress && <span> · {tenant.contactAddress}</span>}
        </p>
      </header>
      <dl className="desk-receipt-facts">
        <dt>{t('receipt.number')}</dt>
        <dd data-receipt-number>{ticket.number}</dd>
        <dt>{t('receipt.registered')}</dt>
        <dd>{formatDateTime(ticket.createdAt, zone, lang)}</dd>
        <dt>{t('receipt.customer')}</dt>
        <dd>
          {ticket.contactName} · {ticket.contactPhone}
        </dd>
        <dt>{t('receipt.device')}</dt>
        <dd>
          {ticket.device
            ? `${ticket.device.model.name} · ${ticket.device.serialNumber}${ticket.device.purchaseDate ? ` · ${t('ticket.purchased', { date: formatDate(ticket.device.purchaseDate, zone, lang) })}` : ''}`
            : '—'}
        </dd>
        <dt>{t('receipt.type')}</dt>
        <dd>{t(`enums:TicketType.${ticket.type}`)}</dd>
        <dt>{t('receipt.problem')}</dt>
        <dd>{ticket.problem}</dd>
        {ticket.warrantyAtRegistration && (
          <>
            <dt>{t('receipt.warranty')}</dt>
            <dd>
              {t(`enums:WarrantyStatus.${ticket.warrantyAtRegistration.status}`)}: {ticket.warrantyAtRegistration.reason}
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="desk-receipt-promises">
        <h3 id="desk-receipt-promises">{t('receipt.promises')}</h3>
        <table className="desk-receipt-table">
          <thead>
            <tr>
              <th scope="col">{t('receipt.commitment')}</th>
              <th scope="col">{t('receipt.target')}</th>
              <th scope="col">{t('receipt.promisedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {ticket.slaClocks.map((clock) => (
              <tr key={clock.metric}>
                <td>{t(`enums:SlaMetric.${clock.metric}`)}</td>
                <td data-receipt-target>{targetText(t, clock.targetAmount, clock.targetUnit)}</td>
                <td>{clock.dueAt ? formatDateTime(clock.dueAt, zone, lang) : t('receipt.noDue')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="desk-receipt-follow">
        <h3 id="desk-receipt-follow">{t('receipt.follow')}</h3>
        <p>{t('receipt.followText', { url: statusUrl, number: ticket.number })}</p>
      </section>
    </article>
  );
}
