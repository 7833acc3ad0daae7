import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RefusalsAlert } from '../../components/RefusalsAlert';
import { graphql } from '../../gql';
import type { RankingFigure, TargetComparison } from '../../gql/graphql';
import { userErrorText, type UserError } from '../../lib/api-errors';
import { isMinutes, previousMonthIn } from '../review/review-month';

const TARGETS = graphql(`
  query HqNetworkTargets($month: String!, $previousMonth: String!) {
    networkTargets {
      version
      targets {
        figure
        comparison
        value
      }
    }
    thisMonth: storeRanking(month: $month) {
      medians {
        figure
        value
      }
    }
    lastMonth: storeRanking(month: $previousMonth) {
      medians {
        figure
        value
      }
    }
  }
`);

const SET_TARGETS = graphql(`
  mutation HqSetNetworkTargets($input: SetNetworkTargetsInput!) {
    setNetworkTargets(input: $input) {
      targets {
        version
        targets {
          figure
          comparison
          value
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

const FIGURES: RankingFigure[] = [
  'FIRST_CONTACT_COMPLIANCE',
  'DISPATCH_COMPLIANCE',
  'RESOLUTION_COMPLIANCE',
  'PROGRESS_UPDATE_COMPLIANCE',
  'CALLBACK_COMPLIANCE',
  'FIRST_RESPONSE_WITHIN_24_HOURS',
  'FIRST_RESPONSE_AVERAGE_MINUTES',
];

interface Draft {
  comparison: TargetComparison;
  value: number | null;
}

/** The month the tenant is in now, YYYY-MM. */
function currentMonthIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}

const defaultComparison = (figure: RankingFigure): TargetComparison => (isMinutes(figure) ? 'AT_MOST' : 'AT_LEAST');

/**
 * HQ's targets for its network, one per figure, each beside the network's
 * median of that figure this month so far and last month (over the stores
 * that have it). HQ's admin sets them; the whole set is saved at once, or not
 * at all when a colleague changed it meanwhile.
 */
export default function TargetsPage() {
  const { t } = useTranslation(['hq', 'enums', 'errors', 'common']);
  const { viewer, can } = useViewer();
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const [months] = useState(() => ({ month: currentMonthIn(zone), previousMonth: previousMonthIn(zone) }));
  const { data, loading, error, refetch } = useQuery(TARGETS, { variables: months, fetchPolicy: 'cache-and-network' });
  const [save, saving] = useMutation(SET_TARGETS);
  const editable = can('RANKING_MANAGE');
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const version = data?.networkTargets.version;

  // The drafts start from the set in force, again whenever a new version is read.
  useEffect(() => {
    if (!data) return;
    const current = new Map(data.networkTargets.targets.map((target) => [target.figure, target]));
    setDrafts(
      Object.fromEntries(
        FIGURES.map((figure) => [
          figure,
          { comparison: current.get(figure)?.comparison ?? defaultComparison(figure), value: current.get(figure)?.value ?? null },
        ]),
      ),
    );
  }, [version]);

  const valueText = (figure: RankingFigure, value: number | null | undefined) =>
    value === null || value === undefined ? '—' : isMinutes(figure) ? t('hq:targets.minutes', { value }) : `${value}%`;
  const medianOf = (medians: { figure: RankingFigure; value?: number | null }[] | undefined, figure: RankingFigure) =>
    medians?.find((median) => median.figure === figure)?.value;

  async function submit() {
    setSaved(false);
    setFailure(null);
    setErrors({});
    setUnplaced([]);
    const targets = FIGURES.filter((figure) => drafts[figure]?.value !== null && drafts[figure]?.value !== undefined).map((figure) => ({
      figure,
      comparison: drafts[figure].comparison,
      value: drafts[figure].value!,
    }));
    try {
      const result = await save({ variables: { input: { targets, expectedVersion: version ?? 0 } } });
      const payload = result.data!.setNetworkTargets;
      if (payload.targets) {
        setSaved(true);
        void refetch();
        return;
      }
      // A refusal names the target by its place in the list sent: shown on that figure's row.
      const onRows: Record<string, string> = {};
      const elsewhere: UserError[] = [];
      for (const refusal of payload.userErrors) {
        const index = refusal.field?.[0] === 'targets' ? Number(refusal.field[1]) : NaN;
        if (Number.isInteger(index) && targets[index]) onRows[targets[index].figure] = userErrorText(t, refusal);
        else elsewhere.push(refusal);
      }
      setErrors(onRows);
      setUnplaced(elsewhere);
    } catch (caught) {
      setFailure(caught);
    }
  }

  const change = (figure: RankingFigure, patch: Partial<Draft>) => {
    setSaved(false);
    setErrors(({ [figure]: _cleared, ...rest }) => rest);
    setDrafts((current) => ({ ...current, [figure]: { ...current[figure], ...patch } }));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('hq:targets.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(editable ? 'hq:targets.intro' : 'hq:targets.introReadOnly')}</Typography.Paragraph>
      <ProblemAlert error={error ?? failure} onRetry={() => void refetch()} />
      <RefusalsAlert refusals={unplaced} onReload={() => void refetch()} />
      <Card>
        <Table<RankingFigure>
          rowKey={(figure) => figure}
          data-testid="hq-targets"
          loading={loading && !data}
          dataSource={FIGURES}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('hq:targets.column.figure'), key: 'figure', render: (_, figure) => t(`enums:RankingFigure.${figure}`) },
            {
              title: t('hq:targets.column.target'),
              key: 'target',
              render: (_, figure) => {
                const draft = drafts[figure];
                if (!draft) return null;
                const name = t(`enums:RankingFigure.${figure}`);
                if (!editable)
                  return draft.value === null ? t('hq:targets.none') : `${t(`enums:TargetComparison.${draft.comparison}`)} ${valueText(figure, draft.value)}`;
                return (
                  <Space orientation="vertical" size={2}>
                    <Space.Compact>
                      <Select<TargetComparison>
                        aria-label={t('hq:targets.comparisonOf', { figure: name })}
                        value={draft.comparison}
                        onChange={(comparison) => change(figure, { comparison })}
                        style={{ width: 120 }}
                        options={(['AT_LEAST', 'AT_MOST'] as const).map((value) => ({ value, label: t(`enums:TargetComparison.${value}`) }))}
                      />
                      <InputNumber<number>
                        aria-label={t('hq:targets.valueOf', { figure: name })}
                        value={draft.value}
                        min={0}
                        step={isMinutes(figure) ? 1 : 0.5}
                        onChange={(value) => change(figure, { value: value ?? null })}
                        status={errors[figure] ? 'error' : undefined}
                        suffix={isMinutes(figure) ? t('hq:targets.unitMinutes') : '%'}
                        placeholder={t('hq:targets.none')}
                        style={{ width: 150 }}
                      />
                    </Space.Compact>
                    {errors[figure] && (
                      <Typography.Text type="danger" role="alert">
                        {errors[figure]}
                      </Typography.Text>
                    )}
                  </Space>
                );
              },
            },
            { title: t('hq:targets.column.thisMonth'), key: 'thisMonth', render: (_, figure) => valueText(figure, medianOf(data?.thisMonth.medians, figure)) },
            { title: t('hq:targets.column.lastMonth'), key: 'lastMonth', render: (_, figure) => valueText(figure, medianOf(data?.lastMonth.medians, figure)) },
          ]}
        />
      </Card>
      {editable && (
        <Space>
          <Button type="primary" loading={saving.loading} onClick={() => void submit()}>
            {t('hq:targets.save')}
          </Button>
          {saved && <Typography.Text role="status">{t('hq:targets.saved')}</Typography.Text>}
        </Space>
      )}
    </Space>
  );
}
