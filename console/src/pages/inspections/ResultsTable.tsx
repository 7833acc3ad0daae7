import { useMutation } from '@apollo/client/react';
import { Button, Card, Image, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import type { ContestRuling, InspectionQuery } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { BAD, GOOD } from '../hq/tag-colors';
import { localText } from './local-text';
import { NoteDialog } from './NoteDialog';
import { CONTEST_ITEM, RULE_ON_CONTEST } from './operations';

type Inspection = InspectionQuery['inspection'];
type Item = NonNullable<Inspection['checklist']>['items'][number];
type Result = Inspection['results'][number];
interface Row {
  item: Item;
  result: Result | undefined;
  action: Inspection['correctiveActions'][number] | undefined;
}

type Asking = { kind: 'contest'; row: Row } | { kind: 'rule'; row: Row; ruling: ContestRuling };

/**
 * The findings of a submitted inspection, item by item, with the photos the
 * inspector took (shown from their signed links) and each failed item's
 * corrective action. The store contests a failed item once, with a
 * reason; HQ upholds the contest (the item counts as passed, its action is
 * withdrawn) or rejects it.
 */
export function ResultsTable({ inspection, onChanged }: { inspection: Inspection; onChanged(done: string): void }) {
  const { t, i18n } = useTranslation(['inspections', 'enums', 'errors', 'common']);
  const { can } = useViewer();
  const [asking, setAsking] = useState<Asking | null>(null);
  const [contest] = useMutation(CONTEST_ITEM);
  const [rule] = useMutation(RULE_ON_CONTEST);
  const zone = inspection.store?.timeZone ?? 'Asia/Shanghai';
  const submitted = inspection.status === 'SUBMITTED';
  const rows: Row[] = (inspection.checklist?.items ?? []).map((item) => {
    const result = inspection.results.find((candidate) => candidate.item?.id === item.id);
    return { item, result, action: inspection.correctiveActions.find((candidate) => candidate.result?.id === result?.id) };
  });
  const mayContest = (row: Row) => submitted && can('INSPECTION_RESPOND') && row.result && !row.result.passed && !row.result.contest;
  const mayRule = (row: Row) => can('INSPECTION_MANAGE') && row.result?.contest && !row.result.contestRuling;

  const save = async (note: string) => {
    if (!asking?.row.result) return [];
    const resultId = asking.row.result.id;
    const payload =
      asking.kind === 'contest'
        ? (await contest({ variables: { input: { resultId, reason: note } } })).data?.contestInspectionItem
        : (await rule({ variables: { input: { resultId, ruling: asking.ruling, note: note || null } } })).data?.ruleOnInspectionContest;
    const errors = payload?.userErrors ?? [];
    if (!errors.length) {
      onChanged(t(asking.kind === 'contest' ? 'results.contested' : 'results.ruled'));
    }
    return errors;
  };

  return (
    <Card
      title={
        <Typography.Title level={2} className="inspection-card-title">
          {t('results.title')}
        </Typography.Title>
      }
    >
      <Table<Row>
        data-testid="inspection-results"
        rowKey={(row) => row.item.id}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('results.position'), key: 'position', render: (_, row) => row.item.position },
          { title: t('results.item'), key: 'item', render: (_, row) => localText(i18n.language, row.item.textZhCn, row.item.textEn) },
          { title: t('results.weight'), key: 'weight', render: (_, row) => row.item.weight },
          {
            title: t('results.finding'),
            key: 'finding',
            render: (_, row) =>
              !row.result ? (
                '—'
              ) : (
                <Space size={4} wrap>
                  <Tag color={row.result.passed ? GOOD : BAD}>{t(row.result.passed ? 'results.passed' : 'results.failed')}</Tag>
                  {row.result.score != null && row.item.maxScore && (
                    <span data-testid={`inspection-score-${row.item.position}`}>
                      {t('results.scoreOf', { score: row.result.score, max: row.item.maxScore })}
                    </span>
                  )}
                </Space>
              ),
          },
          { title: t('results.note'), key: 'note', render: (_, row) => row.result?.note ?? '' },
          {
            title: t('results.contest'),
            key: 'contest',
            render: (_, row) =>
              row.result?.contest ? (
                <Space orientation="vertical" size={0}>
                  <span>{row.result.contest.reason}</span>
                  <span>
                    {row.result.contestRuling
                      ? t('results.ruling', { ruling: t(`enums:ContestRuling.${row.result.contestRuling}`) }) +
                        (row.result.rulingNote ? t('results.rulingNote', { note: row.result.rulingNote }) : '')
                      : t('results.awaitingRuling')}
                  </span>
                </Space>
              ) : (
                ''
              ),
          },
          {
            title: t('results.correctiveAction'),
            key: 'action',
            render: (_, row) =>
              row.action
                ? t('results.actionDue', {
                    status: t(`enums:CorrectiveActionStatus.${row.action.status}`),
                    due: formatDateTime(row.action.dueAt, zone, i18n.language),
                  })
                : '',
          },
          {
            title: t('results.actions'),
            key: 'actions',
            render: (_, row) => (
              <Space wrap>
                {mayContest(row) && (
                  <Button onClick={() => setAsking({ kind: 'contest', row })}>{t('results.contestLabel', { position: row.item.position })}</Button>
                )}
                {mayRule(row) && (
                  <>
                    <Button onClick={() => setAsking({ kind: 'rule', row, ruling: 'UPHELD' })}>
                      {t('results.upholdLabel', { position: row.item.position })}
                    </Button>
                    <Button danger onClick={() => setAsking({ kind: 'rule', row, ruling: 'REJECTED' })}>
                      {t('results.rejectLabel', { position: row.item.position })}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
          {
            title: t('photos.title'),
            key: 'photos',
            render: (_, row) =>
              row.result?.evidence.length ? (
                <Image.PreviewGroup>
                  <Space wrap size={4} data-testid={`inspection-photos-${row.item.position}`}>
                    {row.result.evidence.map((photo, index) => (
                      <Image
                        key={photo.id}
                        src={photo.url}
                        width={64}
                        height={64}
                        className="inspection-photo"
                        alt={t('photos.alt', { position: row.item.position, number: index + 1 })}
                      />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              ) : (
                ''
              ),
          },
        ]}
      />
      {asking && (
        <NoteDialog
          title={
            asking.kind === 'contest'
              ? t('results.contestTitle', { position: asking.row.item.position })
              : t(asking.ruling === 'UPHELD' ? 'results.upholdTitle' : 'results.rejectTitle', { position: asking.row.item.position })
          }
          label={asking.kind === 'contest' ? t('results.reason') : t('results.rulingNoteLabel')}
          okText={asking.kind === 'contest' ? t('results.contestSubmit') : t('results.ruleSubmit')}
          required={asking.kind === 'contest'}
          onSave={save}
          onClose={() => setAsking(null)}
        />
      )}
    </Card>
  );
}
