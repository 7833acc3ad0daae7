import '../manage.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';
import { useViewer } from '../../../auth/viewer';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { SlaTargetRuleInput } from '../../../gql/graphql';
import { userErrorText } from '../../../lib/api-errors';
import { formatDateTime } from '../../../lib/format';
import { targetText } from '../../../lib/target-text';
import { appliesToText } from '../target-text';
import { EscalationLevels } from './EscalationLevels';
import { SET_OVERRIDES, STANDARD } from './operations';

type Values = Record<string, number | null | undefined>;

const fieldOf = (row: number) => `target${row}`;

/**
 * The store's own standard: every target of HQ's standard with HQ's value (the floor) beside the store's
 * stricter value; a looser value is refused on its field with HQ's value; locked targets are read-only.
 * Below, the store's own escalation levels before HQ's ladder.
 */
export default function StandardPage() {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACES);
  const { viewer } = useViewer();
  const { data, loading, error, refetch } = useQuery(STANDARD, { fetchPolicy: 'network-only' });
  const [save, saving] = useMutation(SET_OVERRIDES);
  const [form] = Form.useForm<Values>();
  const [saved, setSaved] = useState(false);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const standard = data?.slaStandard;
  const floors = useMemo(() => standard?.targetFloors ?? [], [standard]);
  const initialValues = useMemo(() => Object.fromEntries(floors.map((floor, row) => [fieldOf(row), floor.storeOverride?.amount ?? null])), [floors]);

  const onFinish = async (values: Values) => {
    setSaved(false);
    setUnplaced([]);
    // One rule per overridden target, in table order; rows remembers which row each rule came from.
    const rules: SlaTargetRuleInput[] = [];
    const rows: number[] = [];
    floors.forEach((floor, row) => {
      const amount = values[fieldOf(row)];
      if (floor.locked || amount === null || amount === undefined) return;
      rules.push({ metric: floor.metric, ticketType: floor.ticketType, priority: floor.priority, tier: floor.tier, amount, unit: floor.hq.unit });
      rows.push(row);
    });
    // Overrides the store set for tickets no HQ target names exactly are kept as they are.
    const kept = new Set(floors.map((floor) => floor.overrideIndex).filter((index): index is number => index !== null && index !== undefined));
    (standard?.storeTargets ?? []).forEach((target, index) => {
      if (kept.has(index)) return;
      rules.push({
        metric: target.metric,
        ticketType: target.ticketType,
        priority: target.priority,
        tier: target.tier,
        amount: target.amount,
        unit: target.unit,
      });
      rows.push(-1);
    });
    const result = await save({ variables: { input: { rules } } }).catch(() => null);
    const payload = result?.data?.setSlaOverrides;
    if (!payload) return;
    form.setFields(floors.map((_, row) => ({ name: fieldOf(row), errors: [] })));
    if (payload.userErrors.length === 0) {
      setSaved(true);
      form.setFieldsValue(Object.fromEntries((payload.standard?.targetFloors ?? []).map((floor, row) => [fieldOf(row), floor.storeOverride?.amount ?? null])));
      return;
    }
    const byRow = new Map<number, string[]>();
    const loose: string[] = [];
    for (const violation of payload.floorViolations) {
      const row = rows[violation.ruleIndex];
      const hq = violation.hq ? targetText(t, violation.hq.amount, violation.hq.unit) : '';
      const text =
        violation.code === 'LOOSER_THAN_HQ' && violation.hq
          ? t('standard.looser', { hq })
          : violation.code === 'UNIT_MISMATCH' && violation.hq
            ? t('standard.unitMismatch', { hq })
            : userErrorText(t, { code: violation.code, message: violation.code });
      if (row === undefined || row < 0) loose.push(text);
      else byRow.set(row, [...(byRow.get(row) ?? []), text]);
    }
    for (const userError of payload.userErrors) {
      const index = userError.field?.[0] === 'rules' ? Number(userError.field[1]) : NaN;
      const row = Number.isNaN(index) ? undefined : rows[index];
      if (payload.floorViolations.some((violation) => violation.ruleIndex === index)) continue;
      if (row === undefined || row < 0) loose.push(userErrorText(t, userError));
      else byRow.set(row, [...(byRow.get(row) ?? []), userErrorText(t, userError)]);
    }
    form.setFields([...byRow].map(([row, errors]) => ({ name: fieldOf(row), errors })));
    setUnplaced(loose);
  };

  return (
    <Space orientation="vertical" size="middle" className="manage-page">
      <Typography.Title level={1}>{t('standard.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('standard.intro')}</Typography.Paragraph>
      {standard?.code && viewer && (
        <Typography.Paragraph>
          {t('standard.inForce', {
            code: standard.code,
            version: standard.version,
            date: formatDateTime(standard.publishedAt, viewer.tenant.timeZone, i18n.language),
          })}
        </Typography.Paragraph>
      )}
      <ProblemAlert error={error ?? saving.error} onRetry={() => void refetch()} />
      {saved && <Alert type="success" showIcon title={t('standard.saved')} role="status" />}
      {unplaced.map((text) => (
        <Alert key={text} type="error" showIcon title={text} role="alert" />
      ))}
      {standard && (
        <Form
          form={form}
          initialValues={initialValues}
          onFinish={onFinish}
          onValuesChange={(changed) => form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })))}
          key={floors.length}
        >
          <Table
            rowKey={(_, row) => String(row)}
            loading={loading}
            pagination={false}
            dataSource={floors.map((floor, row) => ({ ...floor, row }))}
            columns={[
              { title: t('standard.metric'), key: 'metric', render: (_, floor) => t(`enums:SlaMetric.${floor.metric}`) },
              { title: t('standard.appliesTo'), key: 'appliesTo', render: (_, floor) => appliesToText(t, floor) },
              {
                title: t('standard.hq'),
                key: 'hq',
                render: (_, floor) => (
                  <Space>
                    <span>{targetText(t, floor.hq.amount, floor.hq.unit)}</span>
                    {floor.locked && <Tag>{t('standard.locked')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('standard.ours'),
                key: 'ours',
                render: (_, floor) =>
                  floor.locked ? (
                    <Typography.Text type="secondary">{t('standard.lockedHint')}</Typography.Text>
                  ) : (
                    <Space align="start">
                      <Form.Item name={fieldOf(floor.row)} className="manage-inline-field">
                        <InputNumber
                          min={0}
                          step={floor.hq.unit === 'WORKING_MINUTES' ? 5 : 1}
                          placeholder={t('standard.sameAsHq')}
                          aria-label={t('standard.oursLabel', { metric: t(`enums:SlaMetric.${floor.metric}`), appliesTo: appliesToText(t, floor) })}
                        />
                      </Form.Item>
                      <span className="manage-unit">{t(`enums:TargetUnit.${floor.hq.unit}`)}</span>
                    </Space>
                  ),
              },
            ]}
          />
          <Space className="manage-actions">
            <Button type="primary" htmlType="submit" loading={saving.loading}>
              {t('standard.save')}
            </Button>
            <Button
              onClick={() =>
                void refetch().then((result) =>
                  form.setFieldsValue(
                    Object.fromEntries((result.data?.slaStandard.targetFloors ?? []).map((floor, row) => [fieldOf(row), floor.storeOverride?.amount ?? null])),
                  ),
                )
              }
            >
              {t('standard.undo')}
            </Button>
          </Space>
        </Form>
      )}
      {standard && <EscalationLevels ladder={standard.escalation} targets={standard.storeTargets} onSaved={() => void refetch()} />}
    </Space>
  );
}
