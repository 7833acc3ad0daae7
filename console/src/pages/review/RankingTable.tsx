import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RankingFigure } from '../../gql/graphql';
import { isMinutes } from './review-month';

export interface RankingLine {
  storeId: string;
  storeName: string;
  rank?: number | null;
  score?: number | null;
  values: readonly { figure: RankingFigure; value?: number | null }[];
}

/** A figure's value as the page shows it everywhere: a percentage, or minutes; a dash when nothing was decided. */
export function useFigureText() {
  const { t } = useTranslation(['review']);
  return (figure: string, value: number | null | undefined) =>
    value === null || value === undefined ? '—' : isMinutes(figure) ? t('review:minutes', { value }) : `${value}%`;
}

/**
 * The stores best first with their score and the value of each weighed
 * figure, and the network's median of each below them.
 */
export function RankingTable({
  stores,
  figures,
  medians,
  loading,
  testId,
}: {
  stores: readonly RankingLine[];
  figures: readonly RankingFigure[];
  medians: readonly { figure: RankingFigure; value?: number | null }[];
  loading: boolean;
  testId: string;
}) {
  const { t } = useTranslation(['review', 'enums']);
  const figureText = useFigureText();
  const valueOf = (values: RankingLine['values'], figure: RankingFigure) => values.find((value) => value.figure === figure)?.value;
  return (
    <Table<RankingLine>
      rowKey="storeId"
      loading={loading}
      dataSource={[...stores]}
      pagination={false}
      scroll={{ x: true }}
      data-testid={testId}
      locale={{ emptyText: t('review:ranking.empty') }}
      columns={[
        { title: t('review:column.rank'), dataIndex: 'rank', render: (rank: number | null) => rank ?? t('review:unranked') },
        { title: t('review:column.store'), dataIndex: 'storeName' },
        { title: t('review:column.score'), dataIndex: 'score', render: (score: number | null) => score ?? '—' },
        ...figures.map((figure) => ({
          title: t(`enums:RankingFigure.${figure}`),
          key: figure,
          render: (_: unknown, line: RankingLine) => figureText(figure, valueOf(line.values, figure)),
        })),
      ]}
      summary={() =>
        stores.length > 0 && (
          <Table.Summary.Row className="review-median-row" data-testid={`${testId}-medians`}>
            <Table.Summary.Cell index={0} colSpan={3}>
              {t('review:ranking.medians')}
            </Table.Summary.Cell>
            {figures.map((figure, index) => (
              <Table.Summary.Cell key={figure} index={index + 3}>
                {figureText(figure, valueOf(medians, figure))}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )
      }
    />
  );
}

/** The figures the score weighs, or every figure the month has when no weights are set yet. */
export function shownFigures(weights: readonly { figure: RankingFigure }[], medians: readonly { figure: RankingFigure }[]): RankingFigure[] {
  return (weights.length ? weights : medians).map((entry) => entry.figure);
}
