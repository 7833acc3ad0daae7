import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { PageLoading } from '../../components/PageLoading';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { ProblemDetailQuery, ProblemStatus, UpdateProblemInput } from '../../gql/graphql';
import { showUserErrors, type UserError, userErrorText } from '../../lib/api-errors';
import { formatDateTime } from '../../lib/format';
import { PROBLEM_NAMESPACES, STATUS_COLOR } from './problem-words';
import { LINK_TICKETS, PROBLEM, STAFF, UNLINK_TICKET, UPDATE_PROBLEM } from './problems.queries';
import './problems.css';

type Problem = ProblemDetailQuery['problem'];
type LinkedTicket = Problem['tickets'][number];

interface TextValues {
  rootCause?: string | null;
  workaround?: string | null;
  fix?: string | null;
}

interface HandlingValues {
  ownerId?: string;
  dueDate?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Ticket numbers as typed: separated by spaces, commas or new lines. */
const numbersIn = (text: string) => text.split(/[\s,，]+/).filter(Boolean);

/**
 * One problem record: the tickets it explains (each opening its ticket page
 * at a store), the root cause, the workaround the desk is offered while it is
 * a known error, the fix, and who handles it by when. The record's owner (and
 * only the owner, with the right to manage problems) changes it here.
 */
export default function ProblemPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation(PROBLEM_NAMESPACES);
  const { viewer, can } = useViewer();
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const { data, error, refetch } = useQuery(PROBLEM, { variables: { id: id! }, fetchPolicy: 'cache-and-network' });
  const problem = data?.problem;
  if (!problem) return error ? <ProblemAlert error={error} onRetry={() => void refetch()} /> : <PageLoading />;
  const editable = problem.mine && can('PROBLEM_MANAGE');
  const isStore = viewer?.tenant.kind === 'STORE';

  return (
    <Space orientation="vertical" size="middle" className="problems-page">
      <Link to="/problems">{t('problems:back')}</Link>
      <Typography.Title level={1}>
        {problem.title}{' '}
        <Tag color={STATUS_COLOR[problem.status]} data-testid="problem-status">
          {t(`enums:ProblemStatus.${problem.status}`)}
        </Tag>
      </Typography.Title>
      {!problem.mine && <Alert type="info" showIcon title={t('problems:readOnly')} />}
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('problems:field.model')}>{problem.model ? `${problem.model.name} (${problem.model.modelCode})` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('problems:field.faultCategory')}>
            {problem.faultCategory ? t(`enums:FaultCategory.${problem.faultCategory}`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('problems:field.owner')}>
            <span data-testid="problem-owner">{problem.owner?.name ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('problems:field.dueDate')}>
            <span data-testid="problem-due">{problem.dueDate ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('problems:field.createdAt')}>{formatDateTime(problem.createdAt, zone, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('problems:field.handlingSince')}>
            {problem.handlingSince ? formatDateTime(problem.handlingSince, zone, i18n.language) : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          {editable ? <ProblemTextForm problem={problem} /> : <ProblemText problem={problem} />}
          {editable && <HandlingForm problem={problem} staffReadable={can('STAFF_READ')} defaultOwner={viewer?.user?.id} />}
        </Col>
        <Col xs={24} lg={12}>
          <TicketsCard problem={problem} editable={editable} linkToTickets={isStore} />
        </Col>
      </Row>
    </Space>
  );
}

/** The root cause, workaround and fix, read-only. */
function ProblemText({ problem }: { problem: Problem }) {
  const { t } = useTranslation(PROBLEM_NAMESPACES);
  return (
    <Card title={<h2 className="problems-card-title">{t('problems:section.knowledge')}</h2>}>
      <Descriptions column={1}>
        {(['rootCause', 'workaround', 'fix'] as const).map((field) => (
          <Descriptions.Item key={field} label={t(`problems:field.${field}`)}>
            <span className="problems-text" data-testid={`problem-${field}`}>
              {problem[field] ?? '—'}
            </span>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

/** Records what is known (root cause, workaround, fix) and moves the record: a known error needs the workaround, closing it the fix. */
function ProblemTextForm({ problem }: { problem: Problem }) {
  const { t } = useTranslation(PROBLEM_NAMESPACES);
  const [form] = Form.useForm<TextValues>();
  const [update, { loading }] = useMutation(UPDATE_PROBLEM);
  const [outcome, setOutcome] = useState<{ done?: string; unplaced: UserError[]; failure?: unknown }>({ unplaced: [] });

  async function save(status: ProblemStatus | null, done: string) {
    setOutcome({ unplaced: [] });
    const values = form.getFieldsValue();
    const input: UpdateProblemInput = {
      problemId: problem.id,
      expectedVersion: problem.version,
      rootCause: values.rootCause ?? null,
      workaround: values.workaround ?? null,
      fix: values.fix ?? null,
      ...(status ? { status } : {}),
    };
    try {
      const { data } = await update({ variables: { input } });
      const payload = data!.updateProblem;
      if (payload.problem) setOutcome({ done, unplaced: [] });
      else setOutcome({ unplaced: showUserErrors(form, t, payload.userErrors) });
    } catch (failure) {
      setOutcome({ unplaced: [], failure });
    }
  }

  return (
    <Card title={<h2 className="problems-card-title">{t('problems:section.knowledge')}</h2>} className="problems-section">
      <Form<TextValues>
        form={form}
        layout="vertical"
        initialValues={{ rootCause: problem.rootCause, workaround: problem.workaround, fix: problem.fix }}
        onValuesChange={(changed) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof TextValues, errors: [] })))}
        onFinish={() => void save(null, t('problems:saved.text'))}
      >
        <Form.Item name="rootCause" label={t('problems:field.rootCause')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="workaround" label={t('problems:field.workaround')} extra={t('problems:hint.workaround')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="fix" label={t('problems:field.fix')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Outcome outcome={outcome} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={loading}>
            {t('problems:action.saveText')}
          </Button>
          {problem.status !== 'KNOWN_ERROR' && (
            <Button onClick={() => void save('KNOWN_ERROR', t('problems:saved.knownError'))}>{t('problems:action.markKnownError')}</Button>
          )}
          {problem.status !== 'RESOLVED' && <Button onClick={() => void save('RESOLVED', t('problems:saved.closed'))}>{t('problems:action.close')}</Button>}
          {problem.status === 'RESOLVED' && <Button onClick={() => void save('OPEN', t('problems:saved.reopened'))}>{t('problems:action.reopen')}</Button>}
        </Space>
      </Form>
    </Card>
  );
}

/** Who handles the record and by when: given together. */
function HandlingForm({ problem, staffReadable, defaultOwner }: { problem: Problem; staffReadable: boolean; defaultOwner?: string }) {
  const { t } = useTranslation(PROBLEM_NAMESPACES);
  const [form] = Form.useForm<HandlingValues>();
  const staff = useQuery(STAFF, { skip: !staffReadable });
  const [update, { loading }] = useMutation(UPDATE_PROBLEM);
  const [outcome, setOutcome] = useState<{ done?: string; unplaced: UserError[]; failure?: unknown }>({ unplaced: [] });
  const owners = (staff.data?.staffUsers.edges ?? []).map((edge) => edge.node).filter((user) => user.status === 'ACTIVE');

  async function save(values: HandlingValues) {
    setOutcome({ unplaced: [] });
    try {
      const { data } = await update({
        variables: { input: { problemId: problem.id, expectedVersion: problem.version, ownerId: values.ownerId, dueDate: values.dueDate } },
      });
      const payload = data!.updateProblem;
      if (payload.problem) setOutcome({ done: t('problems:saved.handling'), unplaced: [] });
      else setOutcome({ unplaced: showUserErrors(form, t, payload.userErrors) });
    } catch (failure) {
      setOutcome({ unplaced: [], failure });
    }
  }

  return (
    <Card title={<h2 className="problems-card-title">{t('problems:section.handling')}</h2>} className="problems-section">
      <Form<HandlingValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ ownerId: problem.owner?.id ?? defaultOwner, dueDate: problem.dueDate ?? undefined }}
        onFinish={(values) => void save(values)}
      >
        <Form.Item name="ownerId" label={t('problems:field.owner')} rules={[{ required: true, message: t('problems:required.owner') }]}>
          <Select loading={staff.loading} showSearch={{ optionFilterProp: 'label' }} options={owners.map((user) => ({ value: user.id, label: user.name }))} />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t('problems:field.dueDate')}
          rules={[
            { required: true, message: t('problems:required.dueDate') },
            { pattern: DATE, message: t('problems:required.dateFormat') },
          ]}
        >
          <Input placeholder="YYYY-MM-DD" autoComplete="off" />
        </Form.Item>
        <Outcome outcome={outcome} />
        <Button htmlType="submit" loading={loading}>
          {t('problems:action.saveHandling')}
        </Button>
      </Form>
    </Card>
  );
}

/** The tickets the record explains; its owner links more by their numbers and unlinks one that turned out not to share the cause. */
function TicketsCard({ problem, editable, linkToTickets }: { problem: Problem; editable: boolean; linkToTickets: boolean }) {
  const { t, i18n } = useTranslation(PROBLEM_NAMESPACES);
  const { viewer } = useViewer();
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const [form] = Form.useForm<{ ticketNumbers: string }>();
  const [link, linking] = useMutation(LINK_TICKETS);
  const [unlink, unlinking] = useMutation(UNLINK_TICKET);
  const [outcome, setOutcome] = useState<{ done?: string; unplaced: UserError[]; failure?: unknown }>({ unplaced: [] });

  async function linkNumbers(text: string) {
    setOutcome({ unplaced: [] });
    try {
      const { data } = await link({ variables: { input: { problemId: problem.id, expectedVersion: problem.version, ticketNumbers: numbersIn(text) } } });
      const payload = data!.linkProblemTickets;
      if (payload.problem) {
        form.resetFields();
        setOutcome({ done: t('problems:saved.linked'), unplaced: [] });
      } else setOutcome({ unplaced: showUserErrors(form, t, payload.userErrors) });
    } catch (failure) {
      setOutcome({ unplaced: [], failure });
    }
  }

  async function unlinkTicket(ticket: LinkedTicket) {
    setOutcome({ unplaced: [] });
    try {
      const { data } = await unlink({ variables: { input: { problemId: problem.id, expectedVersion: problem.version, ticketId: ticket.id } } });
      const payload = data!.unlinkProblemTicket;
      if (payload.problem) setOutcome({ done: t('problems:saved.unlinked', { number: ticket.number }), unplaced: [] });
      else setOutcome({ unplaced: payload.userErrors });
    } catch (failure) {
      setOutcome({ unplaced: [], failure });
    }
  }

  return (
    <Card title={<h2 className="problems-card-title">{t('problems:section.tickets')}</h2>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Table<LinkedTicket>
          rowKey="id"
          data-testid="problem-tickets"
          dataSource={problem.tickets}
          pagination={false}
          size="small"
          scroll={{ x: true }}
          locale={{ emptyText: <Typography.Text>{t('problems:noTickets')}</Typography.Text> }}
          columns={[
            {
              title: t('problems:column.number'),
              key: 'number',
              render: (_, ticket) => (linkToTickets ? <Link to={`/desk/tickets/${encodeURIComponent(ticket.id)}`}>{ticket.number}</Link> : ticket.number),
            },
            { title: t('problems:column.ticketStatus'), key: 'status', render: (_, ticket) => t(`enums:TicketStatus.${ticket.status}`) },
            {
              title: t('problems:column.faultCategory'),
              key: 'faultCategory',
              render: (_, ticket) => (ticket.faultCategory ? t(`enums:FaultCategory.${ticket.faultCategory}`) : '—'),
            },
            { title: t('problems:column.registered'), key: 'createdAt', render: (_, ticket) => formatDateTime(ticket.createdAt, zone, i18n.language) },
            ...(editable
              ? [
                  {
                    title: t('problems:column.actions'),
                    key: 'actions',
                    render: (_: unknown, ticket: LinkedTicket) => (
                      <Button
                        size="small"
                        loading={unlinking.loading}
                        aria-label={t('problems:action.unlinkNumber', { number: ticket.number })}
                        onClick={() => void unlinkTicket(ticket)}
                      >
                        {t('problems:action.unlink')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {editable && (
          <Form form={form} layout="vertical" onFinish={(values) => void linkNumbers(values.ticketNumbers)}>
            <Form.Item
              name="ticketNumbers"
              label={t('problems:field.ticketNumbers')}
              extra={t('problems:hint.ticketNumbers')}
              rules={[{ required: true, whitespace: true, message: t('problems:required.ticketNumbers') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Button htmlType="submit" loading={linking.loading}>
              {t('problems:action.link')}
            </Button>
          </Form>
        )}
        <Outcome outcome={outcome} />
      </Space>
    </Card>
  );
}

/** What came of a change: confirmed, refused (worded by code), or failed. */
function Outcome({ outcome }: { outcome: { done?: string; unplaced: UserError[]; failure?: unknown } }) {
  const { t } = useTranslation(PROBLEM_NAMESPACES);
  return (
    <>
      <ProblemAlert error={outcome.failure} />
      {outcome.unplaced.length > 0 && (
        <Alert type="error" showIcon role="alert" className="problems-gap" title={outcome.unplaced.map((error) => userErrorText(t, error)).join(' ')} />
      )}
      {outcome.done && <Alert type="success" showIcon role="status" className="problems-gap" title={outcome.done} />}
    </>
  );
}
