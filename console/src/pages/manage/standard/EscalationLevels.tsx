import { useMutation } from '@apollo/client/react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';
import type { ManageLadderLevelFragment, Role, SlaTargetRuleInput, StoreEscalationLevelInput } from '../../../gql/graphql';
import { userErrorText, type UserError } from '../../../lib/api-errors';
import { recipientsText, triggerText } from '../../../lib/escalation-words';
import { SET_LEVELS } from './operations';

/** One level of the ladder as the standard page reads it. */
export type LadderLevel = ManageLadderLevelFragment;

/** The store's targets as they are saved: sent back whole, since saving the levels replaces the overrides. */
export type SavedTarget = Pick<SlaTargetRuleInput, 'metric' | 'ticketType' | 'priority' | 'tier' | 'amount' | 'unit'>;

type When = 'SHARE' | 'AFTER_BREACH';

interface LevelValues {
  name?: string;
  when: When;
  /** Percent of the target used, or minutes after the breach. */
  amount?: number | null;
  notifyAssignee: boolean;
  notifyRoles: Role[];
  workingHoursOnly: boolean;
}

interface Values {
  levels: LevelValues[];
}

const STORE_ROLES: Role[] = ['STORE_MANAGER', 'STORE_AGENT', 'TECHNICIAN'];

const toValues = (level: LadderLevel): LevelValues => ({
  name: level.name,
  when: level.shareOfTarget != null ? 'SHARE' : 'AFTER_BREACH',
  amount: level.shareOfTarget != null ? Math.round(level.shareOfTarget * 1000) / 10 : (level.minutesAfterBreach ?? 0),
  notifyAssignee: level.notifyAssignee,
  notifyRoles: [...level.notifyRoles],
  workingHoursOnly: level.workingHoursOnly,
});

const toInput = (level: LevelValues): StoreEscalationLevelInput => ({
  name: level.name ?? '',
  shareOfTarget: level.when === 'SHARE' ? (level.amount ?? 0) / 100 : null,
  minutesAfterBreach: level.when === 'AFTER_BREACH' ? (level.amount ?? 0) : null,
  notifyAssignee: level.notifyAssignee,
  notifyRoles: level.notifyRoles,
  workingHoursOnly: level.workingHoursOnly,
});

/** Which field of a level's row a refusal's path (`levels.<i>.<field>`) concerns. */
const ROW_FIELD: Record<string, keyof LevelValues> = {
  name: 'name',
  shareOfTarget: 'amount',
  minutesAfterBreach: 'amount',
  notifyAssignee: 'notifyRoles',
  notifyRoles: 'notifyRoles',
  workingHoursOnly: 'workingHoursOnly',
};

/**
 * The store's own escalation levels, before HQ's first one: listed, added,
 * changed and removed, then saved together (`setSlaOverrides { levels }`,
 * with the store's targets as they are). A refusal is shown on the level and
 * field it names. HQ's levels follow, read-only: a store cannot change them.
 */
export function EscalationLevels({ ladder, targets, onSaved }: { ladder: readonly LadderLevel[]; targets: readonly SavedTarget[]; onSaved: () => void }) {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const [form] = Form.useForm<Values>();
  const [save, saving] = useMutation(SET_LEVELS);
  const [saved, setSaved] = useState(false);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const ours = ladder.filter((level) => !level.fromHq);
  const hq = ladder.filter((level) => level.fromHq);

  useEffect(() => {
    form.setFieldsValue({ levels: ladder.filter((level) => !level.fromHq).map(toValues) });
  }, [form, ladder]);

  const onFinish = async (values: Values) => {
    setSaved(false);
    setUnplaced([]);
    const levels = (values.levels ?? []).map(toInput);
    const rules = targets.map(({ metric, ticketType, priority, tier, amount, unit }) => ({ metric, ticketType, priority, tier, amount, unit }));
    const result = await save({ variables: { input: { rules, levels } } }).catch(() => null);
    const payload = result?.data?.setSlaOverrides;
    if (!payload) return;
    if (payload.userErrors.length === 0) {
      setSaved(true);
      onSaved();
      return;
    }
    const placed: { name: ['levels', number, keyof LevelValues]; errors: string[] }[] = [];
    const rest: UserError[] = [];
    for (const problem of payload.userErrors) {
      const [root, index, field] = problem.field ?? [];
      const row = Number(index);
      const rowField = field ? ROW_FIELD[field] : undefined;
      if (root === 'levels' && Number.isInteger(row) && row < levels.length && rowField) {
        placed.push({ name: ['levels', row, rowField], errors: [userErrorText(t, problem)] });
      } else rest.push(problem);
    }
    form.setFields(placed);
    setUnplaced(rest);
  };

  // A refusal is cleared as its level changes.
  const onValuesChange = (changed: Partial<Values>) => {
    setSaved(false);
    (changed.levels ?? []).forEach((level, row) => {
      if (level)
        form.setFields((['name', 'amount', 'notifyRoles', 'workingHoursOnly'] as const).map((field) => ({ name: ['levels', row, field], errors: [] })));
    });
  };

  return (
    <Card
      title={
        <Typography.Title level={2} className="manage-card-title" id="manage-levels-title">
          {t('standard.levels.title')}
        </Typography.Title>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('standard.levels.intro', { first: hq[0] ? triggerText(t, hq[0]) : '' })}</Typography.Paragraph>
        {saved && <Alert type="success" showIcon title={t('standard.levels.saved')} role="status" />}
        {unplaced.map((problem) => (
          <Alert key={problem.code} type="error" showIcon title={userErrorText(t, problem)} role="alert" />
        ))}
        <Form form={form} layout="vertical" initialValues={{ levels: ours.map(toValues) }} onFinish={onFinish} onValuesChange={onValuesChange}>
          <Form.List name="levels">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                {fields.length === 0 && <Typography.Text type="secondary">{t('standard.levels.none')}</Typography.Text>}
                {fields.map((field, row) => (
                  <section key={field.key} className="manage-level" aria-label={t('standard.levels.levelLabel', { level: row + 1 })}>
                    <Typography.Text strong>{t('standard.levels.levelLabel', { level: row + 1 })}</Typography.Text>
                    <Space wrap align="start" size="middle">
                      <Form.Item name={[field.name, 'name']} label={t('standard.levels.name')} className="manage-inline-field">
                        <Input aria-label={t('standard.levels.nameOf', { level: row + 1 })} maxLength={200} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'when']} label={t('standard.levels.when')} className="manage-inline-field">
                        <Select
                          className="manage-select"
                          aria-label={t('standard.levels.whenOf', { level: row + 1 })}
                          options={[
                            { value: 'SHARE', label: t('standard.levels.share') },
                            { value: 'AFTER_BREACH', label: t('standard.levels.breach') },
                          ]}
                        />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() => {
                          const share = form.getFieldValue(['levels', field.name, 'when']) === 'SHARE';
                          return (
                            <Form.Item
                              name={[field.name, 'amount']}
                              label={share ? t('standard.levels.percent') : t('standard.levels.minutes')}
                              className="manage-inline-field"
                            >
                              <InputNumber
                                min={0}
                                max={share ? 100 : 43200}
                                aria-label={share ? t('standard.levels.percentOf', { level: row + 1 }) : t('standard.levels.minutesOf', { level: row + 1 })}
                              />
                            </Form.Item>
                          );
                        }}
                      </Form.Item>
                      <Form.Item label={t('standard.levels.notify')} className="manage-inline-field">
                        <Space orientation="vertical" size={0}>
                          <Form.Item name={[field.name, 'notifyAssignee']} valuePropName="checked" noStyle>
                            <Checkbox>{t('standard.levels.assigneeOption')}</Checkbox>
                          </Form.Item>
                          <Form.Item name={[field.name, 'notifyRoles']} className="manage-inline-field">
                            <Checkbox.Group
                              aria-label={t('standard.levels.rolesOf', { level: row + 1 })}
                              options={STORE_ROLES.map((role) => ({ value: role, label: t('common:escalation.everyRole', { role: t(`enums:Role.${role}`) }) }))}
                            />
                          </Form.Item>
                        </Space>
                      </Form.Item>
                      <Form.Item name={[field.name, 'workingHoursOnly']} valuePropName="checked" label=" " className="manage-inline-field">
                        <Checkbox>{t('standard.levels.workingHoursOnly')}</Checkbox>
                      </Form.Item>
                      <Form.Item label=" " className="manage-inline-field">
                        <Button onClick={() => remove(field.name)}>{t('standard.levels.remove', { level: row + 1 })}</Button>
                      </Form.Item>
                    </Space>
                  </section>
                ))}
                <Space>
                  <Button onClick={() => add({ name: '', when: 'SHARE', amount: null, notifyAssignee: true, notifyRoles: [], workingHoursOnly: true })}>
                    {t('standard.levels.add')}
                  </Button>
                  <Button type="primary" htmlType="submit" loading={saving.loading}>
                    {t('standard.levels.save')}
                  </Button>
                </Space>
              </Space>
            )}
          </Form.List>
        </Form>
        <Typography.Title level={3} className="manage-card-title">
          {t('standard.levels.hqTitle')}
        </Typography.Title>
        <Table
          rowKey="level"
          size="small"
          pagination={false}
          dataSource={hq}
          columns={[
            { title: t('standard.levels.number'), dataIndex: 'level' },
            { title: t('standard.levels.name'), dataIndex: 'name' },
            { title: t('standard.levels.when'), key: 'when', render: (_, level) => triggerText(t, level) },
            { title: t('standard.levels.notify'), key: 'notify', render: (_, level) => recipientsText(t, level) },
            {
              title: t('standard.levels.workingHoursOnly'),
              key: 'hours',
              render: (_, level) => (level.workingHoursOnly ? t('standard.levels.yes') : t('standard.levels.no')),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
