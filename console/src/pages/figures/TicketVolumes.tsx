import { useQuery } from '@apollo/client/react';
import { Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { FigureInterval, TicketFigureFilter } from '../../gql/graphql';
import { DrillButton } from './DrillButton';
import { ExportButtons } from './ExportButtons';
import type { FigurePeriod } from './figure-period';
import { type VolumeDrill, VolumeTickets } from './VolumeTickets';
import { VolumeTrend } from './VolumeTrend';

const TICKET_FIGURES = graphql(`
  query TicketVolumes($filter: TicketFigureFilter!, $groupBy: FigureInterval) {
    ticketFigures(filter: $filter, groupBy: $groupBy) {
      registered
      byType {
        type
        count
      }
      byChannel {
        channel
        count
      }
      byPriority {
        priority
        count
      }
      byModel {
        modelId
        name
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
        arrivedLate
        slipped
        slips
        slipNotices
        told
        toldPercent
      }
      series {
        start
        end
        registered
        backlog
        escalated
        partsOrdered
        slipNotices
      }
    }
  }
`);

/**
 * The period's ticket volumes beside the promises kept: tickets registered
 * (by type, channel, priority and product model), the backlog at the
 * period's end by age, the ladder levels reached, and the parts that came
 * late or slipped with the share of customers told; their trend over the
 * period's days (or weeks). Every count opens the rows behind it (the same
 * filter, narrowed to the breakdown clicked); the figures and the lists export
 * as CSV and JSON.
 */
export function TicketVolumes({ filter, period, groupBy }: { filter: TicketFigureFilter; period: FigurePeriod; groupBy: FigureInterval }) {
  const { t } = useTranslation(['figures', 'enums']);
  const { data, error, refetch } = useQuery(TICKET_FIGURES, { variables: { filter, groupBy } });
  const [drill, setDrill] = useState<VolumeDrill | null>(null);
  const figures = data?.ticketFigures;
  const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value}%`);
  // A count that opens its rows; `label` names the figure (and its breakdown) on the button and over the list.
  const count = (value: number, label: string, target: Omit<VolumeDrill, 'label'>) => (
    <DrillButton value={value} title={t('figures:volumes.open', { figure: label })} onClick={() => setDrill({ ...target, label })} />
  );
  const registered = (value: string) => t('figures:volumes.breakdown', { figure: t('figures:volumes.registered'), value });
  // The registered tickets by one of their enums: a count per value, each opening those tickets.
  const byEnum = <V extends string>(enumName: string, rows: { value: V; count: number }[], narrow: (value: V) => VolumeDrill['narrow']) =>
    rows.map((row) => {
      const label = t(`enums:${enumName}.${row.value}`);
      return { key: `${enumName}-${row.value}`, label, children: count(row.count, registered(label), { figure: 'REGISTERED', narrow: narrow(row.value) }) };
    });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        data-testid="figures-volumes"
        title={
          <Typography.Title level={2} className="figures-card-title">
            {t('figures:volumes.title')}
          </Typography.Title>
        }
        extra={
          <ExportButtons
            route="ticket-figures"
            params={{ ...period, groupBy }}
            labels={{ csv: t('figures:volumes.export'), json: t('figures:volumes.exportJson') }}
          />
        }
      >
        <ProblemAlert error={error} onRetry={() => void refetch()} />
        {figures && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions
              column={{ xs: 1, sm: 2, lg: 4 }}
              items={[
                {
                  key: 'registered',
                  label: t('figures:volumes.registered'),
                  children: count(figures.registered, t('figures:volumes.registered'), { figure: 'REGISTERED' }),
                },
                ...byEnum(
                  'TicketType',
                  figures.byType.map((row) => ({ value: row.type, count: row.count })),
                  (type) => ({ ticketTypes: [type] }),
                ),
              ]}
            />
            <Descriptions
              title={t('figures:volumes.byChannel')}
              column={{ xs: 1, sm: 2, lg: 4 }}
              data-testid="figures-volumes-channels"
              items={byEnum(
                'TicketChannel',
                figures.byChannel.map((row) => ({ value: row.channel, count: row.count })),
                (channel) => ({ channels: [channel] }),
              )}
            />
            <Descriptions
              title={t('figures:volumes.byPriority')}
              column={{ xs: 1, sm: 2, lg: 4 }}
              data-testid="figures-volumes-priorities"
              items={byEnum(
                'TicketPriority',
                figures.byPriority.map((row) => ({ value: row.priority, count: row.count })),
                (priority) => ({ priorities: [priority] }),
              )}
            />
            <Descriptions
              title={t('figures:volumes.byModel')}
              column={{ xs: 1, sm: 2, lg: 4 }}
              data-testid="figures-volumes-models"
              items={figures.byModel.map((row) => {
                const name = row.name ?? t('figures:volumes.noDevice');
                return {
                  key: row.modelId ?? 'none',
                  label: name,
                  // (tickets without a device cannot be named by a filter: their count is not a list)
                  children: row.modelId ? count(row.count, registered(name), { figure: 'REGISTERED', narrow: { productModels: [row.modelId] } }) : row.count,
                };
              })}
            />
            <Descriptions
              title={t('figures:volumes.backlog')}
              column={{ xs: 1, sm: 2, lg: 5 }}
              items={[
                {
                  key: 'total',
                  label: t('figures:volumes.backlogTotal'),
                  children: count(figures.backlog.total, t('figures:volumes.backlogTotal'), { figure: 'BACKLOG' }),
                },
                ...figures.backlog.ages.map((row) => ({
                  key: row.age,
                  label: t(`figures:volumes.age.${row.age}`),
                  children: count(
                    row.count,
                    t('figures:volumes.breakdown', { figure: t('figures:volumes.backlogTotal'), value: t(`figures:volumes.age.${row.age}`) }),
                    {
                      figure: 'BACKLOG',
                      backlogAge: row.age,
                    },
                  ),
                })),
              ]}
            />
            <Descriptions
              title={t('figures:volumes.escalations')}
              column={{ xs: 1, sm: 2, lg: 4 }}
              items={
                figures.escalations.length
                  ? figures.escalations.map((row) => {
                      const label = t('figures:volumes.level', { level: row.level, name: row.name });
                      return { key: String(row.level), label, children: count(row.count, label, { figure: 'ESCALATED', level: row.level }) };
                    })
                  : [{ key: 'none', label: t('figures:volumes.noEscalation'), children: 0 }]
              }
            />
            <Descriptions
              title={t('figures:volumes.parts')}
              column={{ xs: 1, sm: 2, lg: 3 }}
              items={[
                {
                  key: 'ordered',
                  label: t('figures:volumes.ordered'),
                  children: count(figures.parts.ordered, t('figures:volumes.ordered'), { figure: 'PARTS_ORDERED' }),
                },
                { key: 'late', label: t('figures:volumes.late'), children: count(figures.parts.late, t('figures:volumes.late'), { figure: 'PARTS_LATE' }) },
                {
                  key: 'arrivedLate',
                  label: t('figures:volumes.arrivedLate'),
                  children: count(figures.parts.arrivedLate, t('figures:volumes.arrivedLate'), { figure: 'PARTS_ARRIVED_LATE' }),
                },
                {
                  key: 'slipped',
                  label: t('figures:volumes.slipped'),
                  children: count(figures.parts.slipped, t('figures:volumes.slipped'), { figure: 'PARTS_SLIPPED' }),
                },
                {
                  key: 'slips',
                  label: t('figures:volumes.slips'),
                  children: count(figures.parts.slipNotices, t('figures:volumes.slips'), { figure: 'SLIPS' }),
                },
                { key: 'told', label: t('figures:volumes.told'), children: count(figures.parts.told, t('figures:volumes.told'), { figure: 'SLIPS_TOLD' }) },
                { key: 'toldPercent', label: t('figures:volumes.toldPercent'), children: percent(figures.parts.toldPercent) },
              ]}
            />
            <Typography.Title level={3} className="figures-card-title">
              {t('figures:volumes.trend.title')}
            </Typography.Title>
            <VolumeTrend series={figures.series} />
          </Space>
        )}
      </Card>
      {drill && <VolumeTickets key={JSON.stringify(drill)} drill={drill} filter={filter} period={period} onClose={() => setDrill(null)} />}
    </Space>
  );
}
