import { useQuery } from '@apollo/client/react';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { TicketFigureFilter } from '../../gql/graphql';
import { exportQuery } from './figure-period';

const TICKET_FIGURES = graphql(`
  query TicketVolumes($filter: TicketFigureFilter!) {
    ticketFigures(filter: $filter) {
      registered
      byType {
        type
        count
      }
      backlog {
        total
        ages {
          age
          count
        }
      }
      escalations {
        level
        name
        count
      }
      parts {
        ordered
        late
        slipped
        slips
        slipNotices
        told
        toldPercent
      }
    }
  }
`);

/**
 * The period's ticket volumes beside the promises kept: tickets registered
 * (by type), the backlog at the period's end by age, the ladder levels
 * reached, and the parts that came late or slipped with the share of
 * customers told; the figures export as CSV.
 */
export function TicketVolumes({
  filter,
  exportParams,
  onExport,
  exporting,
}: {
  filter: TicketFigureFilter;
  exportParams: Record<string, string | null>;
  onExport: (what: string, path: string, filename: string) => Promise<void>;
  exporting: string | null;
}) {
  const { t } = useTranslation(['figures', 'enums']);
  const { data, error, refetch } = useQuery(TICKET_FIGURES, { variables: { filter } });
  const figures = data?.ticketFigures;
  const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value}%`);
  return (
    <Card
      data-testid="figures-volumes"
      title={
        <Typography.Title level={2} className="figures-card-title">
          {t('figures:volumes.title')}
        </Typography.Title>
      }
      extra={
        <Button
          loading={exporting === 'volumes-csv'}
          onClick={() => void onExport('volumes-csv', `/exports/ticket-figures.csv${exportQuery(exportParams)}`, 'ticket-figures.csv')}
        >
          {t('figures:volumes.export')}
        </Button>
      }
    >
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      {figures && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions
            column={{ xs: 1, sm: 2, lg: 4 }}
            items={[
              { key: 'registered', label: t('figures:volumes.registered'), children: figures.registered },
              ...figures.byType.map((row) => ({ key: `type-${row.type}`, label: t(`enums:TicketType.${row.type}`), children: row.count })),
            ]}
          />
          <Descriptions
            title={t('figures:volumes.backlog')}
            column={{ xs: 1, sm: 2, lg: 5 }}
            items={[
              { key: 'total', label: t('figures:volumes.backlogTotal'), children: figures.backlog.total },
              ...figures.backlog.ages.map((row) => ({ key: row.age, label: t(`figures:volumes.age.${row.age}`), children: row.count })),
            ]}
          />
          <Descriptions
            title={t('figures:volumes.escalations')}
            column={{ xs: 1, sm: 2, lg: 4 }}
            items={
              figures.escalations.length
                ? figures.escalations.map((row) => ({
                    key: String(row.level),
                    label: t('figures:volumes.level', { level: row.level, name: row.name }),
                    children: row.count,
                  }))
                : [{ key: 'none', label: t('figures:volumes.noEscalation'), children: 0 }]
            }
          />
          <Descriptions
            title={t('figures:volumes.parts')}
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'ordered', label: t('figures:volumes.ordered'), children: figures.parts.ordered },
              { key: 'late', label: t('figures:volumes.late'), children: figures.parts.late },
              { key: 'slipped', label: t('figures:volumes.slipped'), children: figures.parts.slipped },
              { key: 'slips', label: t('figures:volumes.slips'), children: figures.parts.slipNotices },
              { key: 'told', label: t('figures:volumes.told'), children: figures.parts.told },
              { key: 'toldPercent', label: t('figures:volumes.toldPercent'), children: percent(figures.parts.toldPercent) },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
