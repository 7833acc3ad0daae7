import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, Card, Input, InputNumber, Radio, Space, Table, Typography, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { InspectionQuery } from '../../gql/graphql';
import { userErrorText, type UserError } from '../../lib/api-errors';
import { asUploadFiles, donePhotos, EvidenceUpload, type Photo } from './EvidenceUpload';
import { localText } from './local-text';
import { RECORD_INSPECTION, SUBMIT_INSPECTION } from './operations';

type Inspection = InspectionQuery['inspection'];
type Item = NonNullable<Inspection['checklist']>['items'][number];
interface Finding {
  passed?: boolean;
  /** A scored item's score; the api decides from it whether the item passed. */
  score?: number | null;
  note: string;
  photos: UploadFile<Photo>[];
}

/**
 * HQ's findings on each item: passed or failed, with a note and photos of
 * what was seen (uploaded as they are chosen, linked when saved). A draft can be
 * saved any number of times; submitting saves the findings, computes the
 * store's total and shows the inspection to the store (it is final then).
 */
export function FindingsForm({ inspection, onSaved }: { inspection: Inspection; onSaved(done?: string): void }) {
  const { t, i18n } = useTranslation(['inspections', 'errors', 'common']);
  const { modal } = App.useApp();
  const items = inspection.checklist?.items ?? [];
  const [findings, setFindings] = useState<Record<string, Finding>>(() =>
    Object.fromEntries(
      inspection.results.map((result) => [
        result.item?.id ?? '',
        { passed: result.passed, score: result.score, note: result.note ?? '', photos: asUploadFiles(result.evidence) },
      ]),
    ),
  );
  const [notes, setNotes] = useState(inspection.notes ?? '');
  const [refused, setRefused] = useState<readonly UserError[]>([]);
  const [record, recording] = useMutation(RECORD_INSPECTION);
  const [submit, submitting] = useMutation(SUBMIT_INSPECTION);
  const change = (itemId: string, patch: Partial<Finding>) =>
    setFindings((current) => ({
      ...current,
      [itemId]: {
        passed: current[itemId]?.passed,
        score: current[itemId]?.score,
        note: current[itemId]?.note ?? '',
        photos: current[itemId]?.photos ?? [],
        ...patch,
      },
    }));
  const uploading = Object.values(findings).some((finding) => finding.photos.some((file) => file.status === 'uploading'));

  /** Saves the findings given so far; the inspection's new version, or null when refused or failed. */
  const saveDraft = async (): Promise<number | null> => {
    setRefused([]);
    const given = (item: Item) => (item.maxScore ? findings[item.id]?.score != null : findings[item.id]?.passed !== undefined);
    const results = items.filter(given).map((item) => ({
      itemId: item.id,
      ...(item.maxScore ? { score: findings[item.id].score } : { passed: findings[item.id].passed }),
      note: findings[item.id].note.trim() || null,
      evidenceIds: donePhotos(findings[item.id].photos).map((photo) => photo.id),
    }));
    const result = await record({ variables: { input: { inspectionId: inspection.id, expectedVersion: inspection.version, notes, results } } })
      .then((r) => r.data?.recordInspection)
      .catch(() => null);
    if (!result) return null;
    if (result.userErrors.length) {
      setRefused(result.userErrors);
      return null;
    }
    return result.inspection?.version ?? null;
  };
  const onSaveDraft = async () => {
    if ((await saveDraft()) === null) return;
    onSaved(t('record.saved'));
  };
  const onSubmit = () =>
    modal.confirm({
      title: t('record.confirmTitle'),
      content: t('record.confirmText'),
      okText: t('record.submit'),
      cancelText: t('common:actions.cancel'),
      onOk: async () => {
        const version = await saveDraft();
        if (version === null) return;
        const result = await submit({ variables: { input: { inspectionId: inspection.id, expectedVersion: version } } })
          .then((r) => r.data?.submitInspection)
          .catch(() => null);
        if (result?.userErrors.length) setRefused(result.userErrors);
        onSaved(result && !result.userErrors.length ? t('record.submitted') : undefined);
      },
    });
  return (
    <Card
      title={
        <Typography.Title level={2} className="inspection-card-title">
          {t('record.title')}
        </Typography.Title>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Table<Item>
          data-testid="inspection-findings"
          rowKey="id"
          dataSource={items}
          pagination={false}
          columns={[
            { title: t('results.position'), dataIndex: 'position' },
            { title: t('results.item'), key: 'item', render: (_, item) => localText(i18n.language, item.textZhCn, item.textEn) },
            { title: t('results.weight'), dataIndex: 'weight' },
            {
              title: t('results.finding'),
              key: 'finding',
              render: (_, item) =>
                item.maxScore ? (
                  <Space size={4} wrap>
                    <InputNumber
                      aria-label={t('record.scoreOf', { position: item.position })}
                      min={0}
                      max={item.maxScore}
                      precision={0}
                      value={findings[item.id]?.score ?? null}
                      onChange={(score) => change(item.id, { score })}
                    />
                    <span>{t('record.scale', { max: item.maxScore, pass: item.passScore })}</span>
                  </Space>
                ) : (
                  <Radio.Group
                    aria-label={t('record.findingOf', { position: item.position })}
                    value={findings[item.id]?.passed}
                    onChange={(event) => change(item.id, { passed: event.target.value as boolean })}
                    options={[
                      { value: true, label: t('results.passed') },
                      { value: false, label: t('results.failed') },
                    ]}
                  />
                ),
            },
            {
              title: t('results.note'),
              key: 'note',
              render: (_, item) => (
                <Input
                  aria-label={t('record.noteOf', { position: item.position })}
                  value={findings[item.id]?.note ?? ''}
                  maxLength={2000}
                  onChange={(event) => change(item.id, { note: event.target.value })}
                />
              ),
            },
            {
              title: t('photos.title'),
              key: 'photos',
              render: (_, item) => (
                <EvidenceUpload position={item.position} files={findings[item.id]?.photos ?? []} onChange={(photos) => change(item.id, { photos })} />
              ),
            },
          ]}
        />
        <label>
          {t('record.notes')}
          <Input.TextArea value={notes} maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} onChange={(event) => setNotes(event.target.value)} />
        </label>
        {refused.length > 0 && <Alert type="error" showIcon role="alert" title={refused.map((e) => userErrorText(t, e)).join(' ')} />}
        <ProblemAlert error={recording.error ?? submitting.error} onReload={() => onSaved()} />
        <Space>
          <Button onClick={() => void onSaveDraft()} loading={recording.loading && !submitting.loading} disabled={uploading}>
            {t('record.saveDraft')}
          </Button>
          <Button type="primary" onClick={onSubmit} loading={submitting.loading} disabled={uploading}>
            {t('record.submit')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
