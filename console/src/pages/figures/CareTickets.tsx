import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { CareFigure, CareTicketsQuery, ServiceFigureFilter } from '../../gql/graphql';
import { useDrillPage } from './drill-page';
import { DrillList } from './DrillList';
import type { FigurePeriod } from './figure-period';

const CARE_TICKETS = graphql(`
  query CareTickets($filter: ServiceFigureFilter!, $figure: CareFigure!, $paidServicesOnly: Boolean, $first: Int!, $after: String) {
    careFigureTickets(filter: $filter, figure: $figure, paidServicesOnly: $paidServicesOnly, first: $first, after: $after) {
      edges {
        cursor
        node {
          ticketId
          number
          storeName
          type
          status
          countedAt
          complaintDueAt
          resultReportedAt
          callbackState
          score
          reopened
          returnedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

// (a ticket can be on several lines, one per callback: each line is keyed by its cursor)
type Row = CareTicketsQuery['careFigureTickets']['edges'][number]['node'] & { cursor: string };

/** Which tickets the list shows: a customer-care figure, the paid services' for the survey figures. */
export interface CareDrill {
  figure: CareFigure;
  paidServicesOnly?: boolean;
  /** The figure's name, for the list's heading. */
  label: string;
}

/** The tickets behind one customer-care figure, newest first (one line per callback for the survey figures). */
export function CareTickets({ drill, filter, period, onClose }: { drill: CareDrill; filter: ServiceFigureFilter; period: FigurePeriod; onClose: () => void }) {
  const { t } = useTranslation(['figures', 'enums']);
  const { at, list } = useDrillPage(CARE_TICKETS, { filter, figure: drill.figure, paidServicesOnly: drill.paidServicesOnly }, (data) => data.careFigureTickets);

  // What the line says about the figure: the complaint's answer, the callback, the device's return.
  const detail = (row: Row): string => {
    const parts: string[] = [];
    if (row.complaintDueAt) parts.push(t('figures:careDrill.due', { time: at(row.complaintDueAt) }));
    if (row.resultReportedAt) parts.push(t('figures:careDrill.answered', { time: at(row.resultReportedAt) }));
    if (row.callbackState) parts.push(t(`enums:CallbackState.${row.callbackState}`));
    if (row.score !== null && row.score !== undefined) parts.push(t('figures:careDrill.score', { score: row.score }));
    if (row.reopened) parts.push(t('figures:careDrill.reopened'));
    if (row.returnedAt) parts.push(t('figures:careDrill.returned', { time: at(row.returnedAt) }));
    return parts.join(t('figures:volumeDrill.separator')) || '—';
  };

  return (
    <DrillList<Row>
      testId="figures-care-drill"
      title={drill.label}
      {...list}
      rowKey={(row) => row.cursor}
      exportRoute="care-figure-tickets"
      exportParams={{ ...period, figure: drill.figure, paidServicesOnly: drill.paidServicesOnly ? 'true' : undefined }}
      onClose={onClose}
      columns={[
        { title: t('figures:careDrill.counted'), dataIndex: 'countedAt', render: at },
        { title: t('figures:volumeDrill.type'), dataIndex: 'type', render: (type: string) => t(`enums:TicketType.${type}`) },
        { title: t('figures:volumeDrill.status'), dataIndex: 'status', render: (status: string) => t(`enums:TicketStatus.${status}`) },
        { title: t('figures:volumeDrill.detail'), key: 'detail', render: (_, row) => detail(row) },
      ]}
    />
  );
}
