import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Card, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { StoreRankingQuery } from '../../gql/graphql';
import { type UserError, userErrorText } from '../../lib/api-errors';
import { RankingTable, shownFigures, useFigureText } from './RankingTable';

const STORE_RANKING = graphql(`
  query StoreRanking($month: String!) {
    storeRanking(month: $month) {
      month
      published
      weights {
        weights {
          figure
          weight
        }
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
      medians {
        figure
        value
      }
      flags {
        storeId
        storeName
        figure
        comparison
        target
        previousMonth
        previousValue
        month
        value
      }
    }
  }
`);

const PUBLISH_RANKING = graphql(`
  mutation PublishRanking($input: PublishRankingInput!) {
    publishRanking(input: $input) {
      publication {
        month
        published
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

type Flag = StoreRankingQuery['storeRanking']['flags'][number];

/** HQ's ranking of its stores for the month, the stores below a target two months running, and (for HQ's admin) whether the stores see it. */
export function NetworkRanking({ month, canPublish }: { month: string; canPublish: boolean }) {
  const { t } = useTranslation(['review', 'enums', 'common']);
  const figureText = useFigureText();
  const { data, error, loading, refetch } = useQuery(STORE_RANKING, { variables: { month } });
  const [publish, publishing] = useMutation(PUBLISH_RANKING);
  const [refused, setRefused] = useState<UserError[]>([]);
  const ranking = data?.storeRanking;

  const toggle = async (published: boolean) => {
    setRefused([]);
    const payload = (await publish({ variables: { input: { month, published } } }).catch(() => null))?.data?.publishRanking;
    if (!payload) return;
    if (payload.userErrors.length) return setRefused(payload.userErrors);
    await refetch();
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <ProblemAlert error={error ?? publishing.error} onRetry={() => void refetch()} />
      {refused.map((problem) => (
        <Alert key={problem.code} type="error" showIcon role="alert" title={userErrorText(t, problem)} />
      ))}
      <Card
        title={
          <Typography.Title level={2} className="review-card-title">
            {t('review:ranking.title')}
          </Typography.Title>
        }
        extra={
          ranking && (
            <Space>
              {canPublish ? (
                <label>
                  <Space>
                    <Switch
                      checked={ranking.published}
                      loading={publishing.loading}
                      onChange={(checked) => void toggle(checked)}
                      aria-label={t('review:publish.label')}
                    />
                    <span data-testid="review-published">{t(ranking.published ? 'review:publish.published' : 'review:publish.unpublished')}</span>
                  </Space>
                </label>
              ) : (
                <span data-testid="review-published">{t(ranking.published ? 'review:publish.published' : 'review:publish.unpublished')}</span>
              )}
            </Space>
          )
        }
      >
        <RankingTable
          stores={ranking?.stores ?? []}
          figures={shownFigures(ranking?.weights.weights ?? [], ranking?.medians ?? [])}
          medians={ranking?.medians ?? []}
          loading={loading}
          testId="review-ranking"
        />
        {ranking && ranking.weights.weights.length === 0 && <Alert type="info" showIcon title={t('review:ranking.noWeights')} />}
        <Typography.Paragraph>
          <Link to="/hq/ranking-weights">{t('review:ranking.weights')}</Link>
        </Typography.Paragraph>
      </Card>
      <Card
        title={
          <Typography.Title level={2} className="review-card-title">
            {t('review:flags.title')}
          </Typography.Title>
        }
      >
        <Table<Flag>
          rowKey={(flag) => `${flag.storeId}:${flag.figure}`}
          loading={loading}
          dataSource={ranking?.flags ?? []}
          pagination={false}
          scroll={{ x: true }}
          data-testid="review-flags"
          locale={{ emptyText: t('review:flags.none') }}
          columns={[
            { title: t('review:column.store'), dataIndex: 'storeName' },
            { title: t('review:column.figure'), dataIndex: 'figure', render: (figure: string) => t(`enums:RankingFigure.${figure}`) },
            {
              title: t('review:column.target'),
              key: 'target',
              render: (_, flag) => `${t(`enums:TargetComparison.${flag.comparison}`)} ${figureText(flag.figure, flag.target)}`,
            },
            {
              title: t('review:column.previousMonth'),
              key: 'previous',
              render: (_, flag) => `${flag.previousMonth}: ${figureText(flag.figure, flag.previousValue)}`,
            },
            { title: t('review:column.thisMonth'), key: 'value', render: (_, flag) => `${flag.month}: ${figureText(flag.figure, flag.value)}` },
          ]}
        />
      </Card>
    </Space>
  );
}
