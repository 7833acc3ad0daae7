import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { FigureTicketsQuery, ServiceFigureFilter } from '../../gql/graphql';
import { BAD, GOOD, INFO } from '../hq/tag-colors';
import { useDrillPage } from './drill-page';
import { DrillList } from './DrillList';
import type { FigurePeriod } from './figure-period';
import type { Drill } from './FiguresPage';

const FIGURE_TICKETS = graphql(`
  query FigureTickets($filter: ServiceFigureFilter!, $metric: SlaMetric!, $outcome: MeasuredOutcome, $only: FigureRunSubset, $first: Int!, $after: String) {
    serviceFigureTickets(filter: $filter, metric: $metric, outcome: $outcome, only: $only, first: $first, after: $after) {
      edges {
        cursor
        node {
          ticketId
          number
          storeName
          outcome
          startedAt
          dueAt
          stoppedAt
          workingMinutes
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type Run = FigureTicketsQuery['serviceFigureTickets']['edges'][number]['node'] & { cursor: string };

const OUTCOME_COLORS: Record<string, string> = { MET: GOOD, BREACHED: BAD, RUNNING: INFO };

/** The runs behind one service figure, newest start first, with their outcome and the working minutes they used. */
export function FigureTickets({ drill, filter, period, onClose }: { drill: Drill; filter: ServiceFigureFilter; period: FigurePeriod; onClose: () => void }) {
  const { t } = useTranslation(['figures', 'enums']);
  const { at, list } = useDrillPage(
    FIGURE_TICKETS,
    { filter, metric: drill.metric, outcome: drill.outcome, only: drill.only },
    (data) => data.serviceFigureTickets,
  );
  return (
    <DrillList<Run>
      testId="figures-drill"
      title={drill.label}
      {...list}
      rowKey={(run) => run.cursor}
      exportRoute="figure-tickets"
      exportParams={{ ...period, metric: drill.metric, outcome: drill.outcome, only: drill.only }}
      onClose={onClose}
      columns={[
        {
          title: t('figures:drill.outcome'),
          dataIndex: 'outcome',
          render: (outcome: string) => <Tag color={OUTCOME_COLORS[outcome]}>{t(`enums:MeasuredOutcome.${outcome}`)}</Tag>,
        },
        { title: t('figures:drill.started'), dataIndex: 'startedAt', render: at },
        { title: t('figures:drill.due'), dataIndex: 'dueAt', render: at },
        { title: t('figures:drill.stopped'), dataIndex: 'stoppedAt', render: at },
        { title: t('figures:drill.workingMinutes'), dataIndex: 'workingMinutes' },
      ]}
    />
  );
}
