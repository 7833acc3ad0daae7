import { ArrowDownOutlined, ArrowRightOutlined, ArrowUpOutlined, StarOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Card, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { ProblemTrend, TopProblemsQuery } from '../../gql/graphql';

const TOP_PROBLEMS = graphql(`
  query TopProblems($month: String!) {
    topProblems(month: $month) {
      rank
      model {
        id
        name
        modelCode
      }
      faultCategory
      count
      previousCount
      trend
      problem {
        id
        title
        dueDate
        owner {
          id
          name
        }
      }
    }
  }
`);

type Row = TopProblemsQuery['topProblems'][number];

const TREND_ICON: Record<ProblemTrend, React.ReactNode> = {
  NEW: <StarOutlined aria-hidden />,
  UP: <ArrowUpOutlined aria-hidden />,
  DOWN: <ArrowDownOutlined aria-hidden />,
  SAME: <ArrowRightOutlined aria-hidden />,
};

/** The month's three most frequent faults by model (the network's for HQ, the store's own for a store), and who is handling each: the record's title opens its page. */
export function TopProblems({ month }: { month: string }) {
  const { t } = useTranslation(['review', 'enums', 'common']);
  const { data, error, loading, refetch } = useQuery(TOP_PROBLEMS, { variables: { month } });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Card
        title={
          <Typography.Title level={2} className="review-card-title">
            {t('review:problems.title')}
          </Typography.Title>
        }
      >
        <Table<Row>
          rowKey="rank"
          loading={loading}
          dataSource={data?.topProblems ?? []}
          pagination={false}
          scroll={{ x: true }}
          data-testid="review-problems"
          locale={{ emptyText: t('review:problems.none') }}
          columns={[
            { title: t('review:column.rank'), dataIndex: 'rank' },
            { title: t('review:column.model'), key: 'model', render: (_, row) => `${row.model.name} (${row.model.modelCode})` },
            { title: t('review:column.faultCategory'), dataIndex: 'faultCategory', render: (category: string) => t(`enums:FaultCategory.${category}`) },
            { title: t('review:column.count'), dataIndex: 'count' },
            { title: t('review:column.previousCount'), dataIndex: 'previousCount' },
            {
              title: t('review:column.trend'),
              dataIndex: 'trend',
              render: (trend: ProblemTrend) => (
                <span className="review-trend">
                  {TREND_ICON[trend]} {t(`enums:ProblemTrend.${trend}`)}
                </span>
              ),
            },
            {
              title: t('review:column.handling'),
              key: 'handling',
              render: (_, row) => {
                if (!row.problem) return t('review:problems.noRecord');
                // The record's title opens its page; the rest of the sentence is worded around it.
                const key = row.problem.owner
                  ? 'review:problems.handledBy'
                  : // (a store reading its HQ's record sees the due date, not HQ's staff)
                    row.problem.dueDate
                    ? 'review:problems.due'
                    : 'review:problems.unowned';
                const [before, after] = t(key, { title: '\u0000', owner: row.problem.owner?.name, due: row.problem.dueDate ?? '—' }).split('\u0000');
                return (
                  <>
                    {before}
                    <Link className="review-problem-link" to={`/problems/${encodeURIComponent(row.problem.id)}`}>
                      {row.problem.title}
                    </Link>
                    {after}
                  </>
                );
              },
            },
          ]}
        />
      </Card>
    </Space>
  );
}
