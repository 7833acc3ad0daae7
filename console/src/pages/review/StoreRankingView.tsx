import { useQuery } from '@apollo/client/react';
import { Alert, Card, Descriptions, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { RankingFigure } from '../../gql/graphql';
import { RankingTable, shownFigures, useFigureText } from './RankingTable';

const MY_RANKING = graphql(`
  query MyRanking($month: String!) {
    myRanking(month: $month) {
      month
      published
      rank
      score
      rankedStores
      weights {
        weights {
          figure
          weight
        }
      }
      values {
        figure
        value
      }
      medians {
        figure
        value
      }
      stores {
        storeId
        storeName
        rank
        score
        values {
          figure
          value
        }
      }
    }
  }
`);

interface FigureLine {
  figure: RankingFigure;
  weight: number | null;
  mine?: number | null;
  median?: number | null;
}

/** A store's own rank and score beside the network's medians; every store's ranking once HQ has published the month. */
export function StoreRankingView({ month }: { month: string }) {
  const { t } = useTranslation(['review', 'enums', 'common']);
  const figureText = useFigureText();
  const { data, error, loading, refetch } = useQuery(MY_RANKING, { variables: { month } });
  const mine = data?.myRanking;
  const figures = shownFigures(mine?.weights.weights ?? [], mine?.medians ?? []);
  const lines: FigureLine[] = figures.map((figure) => ({
    figure,
    weight: mine?.weights.weights.find((entry) => entry.figure === figure)?.weight ?? null,
    mine: mine?.values.find((entry) => entry.figure === figure)?.value,
    median: mine?.medians.find((entry) => entry.figure === figure)?.value,
  }));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Card
        title={
          <Typography.Title level={2} className="review-card-title">
            {t('review:mine.title')}
          </Typography.Title>
        }
      >
        {mine && (
          <Descriptions column={{ xs: 1, sm: 2 }} data-testid="review-mine">
            <Descriptions.Item label={t('review:column.rank')}>
              <span data-testid="review-my-rank">
                {mine.rank === null || mine.rank === undefined ? t('review:unranked') : t('review:mine.rankOf', { rank: mine.rank, stores: mine.rankedStores })}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('review:column.score')}>
              <span data-testid="review-my-score">{mine.score ?? '—'}</span>
            </Descriptions.Item>
          </Descriptions>
        )}
        <Table<FigureLine>
          rowKey="figure"
          loading={loading}
          dataSource={lines}
          pagination={false}
          scroll={{ x: true }}
          data-testid="review-my-figures"
          columns={[
            { title: t('review:column.figure'), dataIndex: 'figure', render: (figure: string) => t(`enums:RankingFigure.${figure}`) },
            { title: t('review:column.weight'), dataIndex: 'weight', render: (weight: number | null) => (weight === null ? '—' : `${weight}%`) },
            { title: t('review:column.mine'), key: 'mine', render: (_, line) => figureText(line.figure, line.mine) },
            { title: t('review:column.median'), key: 'median', render: (_, line) => figureText(line.figure, line.median) },
          ]}
        />
      </Card>
      <Card
        title={
          <Typography.Title level={2} className="review-card-title">
            {t('review:ranking.title')}
          </Typography.Title>
        }
      >
        {mine?.stores ? (
          <RankingTable stores={mine.stores} figures={figures} medians={mine.medians} loading={loading} testId="review-ranking" />
        ) : (
          mine && <Alert type="info" showIcon title={t('review:ranking.notPublished')} data-testid="review-not-published" />
        )}
      </Card>
    </Space>
  );
}
