import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { BacklogAge, TicketFigure, TicketFigureFilter, VolumeTicketsQuery } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { useDrillPage } from './drill-page';
import { DrillList } from './DrillList';
import type { FigurePeriod } from './figure-period';

const VOLUME_TICKETS = graphql(`
  query VolumeTickets($filter: TicketFigureFilter!, $figure: TicketFigure!, $backlogAge: BacklogAge, $level: Int, $first: Int!, $after: String) {
    ticketFigureTickets(filter: $filter, figure: $figure, backlogAge: $backlogAge, level: $level, first: $first, after: $after) {
      edges {
        cursor
        node {
          itemId
          ticketId
          number
          storeName
          type
          status
          channel
          priority
          modelName
          occurredAt
          backlogAge
          level
          levelName
          partNumber
          expectedOn
          arrivedOn
          slips
          toldAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type Row = VolumeTicketsQuery['ticketFigureTickets']['edges'][number]['node'] & { cursor: string };

/** Which rows the list shows: a figure of the volumes, narrowed to a breakdown (a type, channel, priority or model), an age of the backlog or a level. */
export interface VolumeDrill {
  figure: TicketFigure;
  backlogAge?: BacklogAge;
  level?: number;
  narrow?: Pick<TicketFigureFilter, 'ticketTypes' | 'channels' | 'priorities' | 'productModels'>;
  /** The figure's name, for the list's heading. */
  label: string;
}

/** The rows behind one volume figure, newest first: tickets, levels reached, parts orders or date slips. */
export function VolumeTickets({
  drill,
  filter,
  period,
  onClose,
}: {
  drill: VolumeDrill;
  filter: TicketFigureFilter;
  period: FigurePeriod;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['figures', 'enums']);
  const narrowed = { ...filter, ...drill.narrow };
  const { at, zone, list } = useDrillPage(
    VOLUME_TICKETS,
    { filter: narrowed, figure: drill.figure, backlogAge: drill.backlogAge, level: drill.level },
    (data) => data.ticketFigureTickets,
  );
  const day = (value: string | null | undefined) => formatDate(value, zone, i18n.language) || '—';

  // What the row is about beyond the ticket: its age, the level, the part, whether the slip was told.
  const detail = (row: Row): string => {
    if (row.backlogAge) return t(`enums:BacklogAge.${row.backlogAge}`);
    if (row.level !== null && row.level !== undefined) return t('figures:volumes.level', { level: row.level, name: row.levelName });
    if (drill.figure.startsWith('SLIPS')) return row.toldAt ? t('figures:volumeDrill.toldAt', { time: at(row.toldAt) }) : t('figures:volumeDrill.notTold');
    if (row.partNumber)
      return [
        t('figures:volumeDrill.part', { part: row.partNumber, expected: day(row.expectedOn) }),
        row.arrivedOn ? t('figures:volumeDrill.arrived', { day: day(row.arrivedOn) }) : null,
        row.slips ? t('figures:volumeDrill.slips', { count: row.slips }) : null,
      ]
        .filter(Boolean)
        .join(t('figures:volumeDrill.separator'));
    return `${t(`enums:TicketChannel.${row.channel}`)}${t('figures:volumeDrill.separator')}${t(`enums:TicketPriority.${row.priority}`)}`;
  };

  return (
    <DrillList<Row>
      testId="figures-volumes-drill"
      title={drill.label}
      {...list}
      rowKey={(row) => `${row.itemId}|${row.level ?? ''}`}
      exportRoute="ticket-figure-tickets"
      exportParams={{
        ...period,
        ticketTypes: narrowed.ticketTypes?.join(','),
        channels: narrowed.channels?.join(','),
        priorities: narrowed.priorities?.join(','),
        productModels: narrowed.productModels?.join(','),
        figure: drill.figure,
        backlogAge: drill.backlogAge,
        level: drill.level === undefined ? undefined : String(drill.level),
      }}
      onClose={onClose}
      columns={[
        { title: t('figures:volumeDrill.occurred'), dataIndex: 'occurredAt', render: at },
        { title: t('figures:volumeDrill.type'), dataIndex: 'type', render: (type: string) => t(`enums:TicketType.${type}`) },
        { title: t('figures:volumeDrill.status'), dataIndex: 'status', render: (status: string) => t(`enums:TicketStatus.${status}`) },
        { title: t('figures:volumeDrill.model'), dataIndex: 'modelName', render: (name: string | null) => name ?? '—' },
        { title: t('figures:volumeDrill.detail'), key: 'detail', render: (_, row) => detail(row) },
      ]}
    />
  );
}
