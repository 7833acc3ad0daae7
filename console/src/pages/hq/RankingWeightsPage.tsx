import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, InputNumber, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RefusalsAlert } from '../../components/RefusalsAlert';
import { graphql } from '../../gql';
import type { RankingFigure } from '../../gql/graphql';
import { userErrorText, type UserError } from '../../lib/api-errors';

const WEIGHTS = graphql(`
  query HqRankingWeights {
    rankingWeights {
      version
      weights {
        figure
        weight
      }
    }
  }
`);

const SET_WEIGHTS = graphql(`
  mutation HqSetRankingWeights($input: SetRankingWeightsInput!) {
    setRankingWeights(input: $input) {
      weights {
        version
        weights {
          figure
          weight
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

// Every figure the ranking can weigh, in the order the targets list them.
const FIGURES: RankingFigure[] = [
  'FIRST_CONTACT_COMPLIANCE',
  'DISPATCH_COMPLIANCE',
  'RESOLUTION_COMPLIANCE',
  'PROGRESS_UPDATE_COMPLIANCE',
  'CALLBACK_COMPLIANCE',
  'FIRST_RESPONSE_WITHIN_24_HOURS',
  'FIRST_RESPONSE_AVERAGE_MINUTES',
  'INSPECTION_SCORE',
];

/**
 * HQ chooses which figures the monthly ranking's score weighs and how much
 * (percent of the score; a figure left empty is not weighed). The whole set
 * is saved at once and must add up to 100; the api says why not otherwise, on
 * the figure's row when it names one, and refuses it when a colleague changed
 * the weights meanwhile. HQ's supervisor reads them.
 */
export default function RankingWeightsPage() {
  const { t } = useTranslation(['hq', 'enums', 'errors', 'common']);
  const { can } = useViewer();
  const { data, loading, error, refetch } = useQuery(WEIGHTS, { fetchPolicy: 'cache-and-network' });
  const [save, saving] = useMutation(SET_WEIGHTS);
  const editable = can('RANKING_MANAGE');
  const [drafts, setDrafts] = useState<Partial<Record<RankingFigure, number | null>>>({});
  const [errors, setErrors] = useState<Partial<Record<RankingFigure, string>>>({});
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const version = data?.rankingWeights.version;

  // The drafts start from the weights in force, again whenever a new version is read.
  useEffect(() => {
    if (!data) return;
    const current = new Map(data.rankingWeights.weights.map((entry) => [entry.figure, entry.weight]));
    setDrafts(Object.fromEntries(FIGURES.map((figure) => [figure, current.get(figure) ?? null])));
  }, [version]);

  const weighed = FIGURES.filter((figure) => drafts[figure] !== null && drafts[figure] !== undefined);
  // Summed in hundredths, as the api sums them.
  const total = weighed.reduce((sum, figure) => sum + Math.round(drafts[figure]! * 100), 0) / 100;

  async function submit() {
    setSaved(false);
    setFailure(null);
    setErrors({});
    setUnplaced([]);
    const weights = weighed.map((figure) => ({ figure, weight: drafts[figure]! }));
    try {
      const result = await save({ variables: { input: { weights, expectedVersion: version ?? 0 } } });
      const payload = result.data!.setRankingWeights;
      if (payload.weights) {
        setSaved(true);
        void refetch();
        return;
      }
      // A refusal that names a weight by its place in the list sent is shown on that figure's row.
      const onRows: Partial<Record<RankingFigure, string>> = {};
      const elsewhere: UserError[] = [];
      for (const refusal of payload.userErrors) {
        const index = refusal.field?.[0] === 'weights' ? Number(refusal.field[1]) : NaN;
        if (Number.isInteger(index) && weights[index]) onRows[weights[index].figure] = userErrorText(t, refusal);
        else elsewhere.push(refusal);
      }
      setErrors(onRows);
      setUnplaced(elsewhere);
    } catch (caught) {
      setFailure(caught);
    }
  }

  const change = (figure: RankingFigure, value: number | null) => {
    setSaved(false);
    setErrors(({ [figure]: _cleared, ...rest }) => rest);
    setUnplaced([]);
    setDrafts((current) => ({ ...current, [figure]: value }));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('hq:weights.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t(editable ? 'hq:weights.intro' : 'hq:weights.introReadOnly')} {/* (a link inside a sentence is told apart by more than its colour) */}
        <Link to="/review" style={{ textDecoration: 'underline' }}>
          {t('hq:weights.review')}
        </Link>
      </Typography.Paragraph>
      <ProblemAlert error={error ?? failure} onRetry={() => void refetch()} />
      <RefusalsAlert refusals={unplaced} onReload={() => void refetch()} />
      <Card>
        <Table<RankingFigure>
          rowKey={(figure) => figure}
          data-testid="hq-weights"
          loading={loading && !data}
          dataSource={FIGURES}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('hq:weights.column.figure'), key: 'figure', render: (_, figure) => t(`enums:RankingFigure.${figure}`) },
            {
              title: t('hq:weights.column.weight'),
              key: 'weight',
              render: (_, figure) => {
                const value = drafts[figure];
                if (!editable) return value === null || value === undefined ? t('hq:weights.none') : `${value}%`;
                return (
                  <Space orientation="vertical" size={2}>
                    <InputNumber<number>
                      aria-label={t('hq:weights.weightOf', { figure: t(`enums:RankingFigure.${figure}`) })}
                      value={value ?? null}
                      min={0}
                      onChange={(next) => change(figure, next ?? null)}
                      status={errors[figure] ? 'error' : undefined}
                      suffix="%"
                      placeholder={t('hq:weights.none')}
                      style={{ width: 150 }}
                    />
                    {errors[figure] && (
                      <Typography.Text type="danger" role="alert">
                        {errors[figure]}
                      </Typography.Text>
                    )}
                  </Space>
                );
              },
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('hq:weights.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>
                <Typography.Text data-testid="hq-weights-total" type={total === 100 || weighed.length === 0 ? undefined : 'warning'}>
                  {`${total}%`}
                </Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      {editable && (
        <Space>
          <Button type="primary" loading={saving.loading} onClick={() => void submit()}>
            {t('hq:weights.save')}
          </Button>
          {saved && <Typography.Text role="status">{t('hq:weights.saved')}</Typography.Text>}
        </Space>
      )}
    </Space>
  );
}
