import '../manage.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Form, Input, Modal, Radio, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';
import { useViewer } from '../../../auth/viewer';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { graphql } from '../../../gql';
import type { Role, StaffStatus } from '../../../gql/graphql';
import { showUserErrors, userErrorText, type UserError } from '../../../lib/api-errors';
import { formatDate } from '../../../lib/format';

const STAFF = graphql(`
  query ManageStaff {
    staffUsers(first: 100) {
      edges {
        node {
          id
          name
          email
          role
          status
          createdAt
        }
      }
    }
  }
`);

const CREATE = graphql(`
  mutation ManageCreateStaffUser($input: CreateStaffUserInput!) {
    createStaffUser(input: $input) {
      staffUser {
        id
        name
        email
        role
        status
        createdAt
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const UPDATE = graphql(`
  mutation ManageUpdateStaffUser($input: UpdateStaffUserInput!) {
    updateStaffUser(input: $input) {
      staffUser {
        id
        name
        email
        role
        status
        createdAt
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

/** The roles a store gives its staff. */
const STORE_ROLES: Role[] = ['STORE_MANAGER', 'STORE_AGENT', 'TECHNICIAN'];

interface Person {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: StaffStatus;
  createdAt: string;
}

type Dialog = { kind: 'create' } | { kind: 'edit'; person: Person } | { kind: 'password'; person: Person } | null;

/** The store's staff: who they are, their role, whether they may sign in; add someone, change a role, disable, reset a password. */
export default function StaffPage() {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACES);
  const { viewer } = useViewer();
  const { data, loading, error, refetch } = useQuery(STAFF, { fetchPolicy: 'cache-and-network' });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState<string | null>(null);
  const people = (data?.staffUsers.edges ?? []).map((edge) => edge.node);
  const finished = (message: string) => {
    setDialog(null);
    setDone(message);
    void refetch();
  };
  return (
    <Space orientation="vertical" size="middle" className="manage-page">
      <Typography.Title level={1}>{t('staff.title')}</Typography.Title>
      <Space>
        <Button type="primary" onClick={() => (setDone(null), setDialog({ kind: 'create' }))}>
          {t('staff.add')}
        </Button>
      </Space>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      {done && <Alert type="success" showIcon title={done} role="status" />}
      <Table<Person>
        rowKey="id"
        loading={loading && !data}
        dataSource={people}
        pagination={false}
        columns={[
          { title: t('staff.name'), dataIndex: 'name' },
          { title: t('staff.email'), dataIndex: 'email' },
          { title: t('staff.role'), key: 'role', render: (_, person) => t(`enums:Role.${person.role}`) },
          {
            title: t('staff.status'),
            key: 'status',
            render: (_, person) => <Badge status={person.status === 'ACTIVE' ? 'success' : 'default'} text={t(`enums:StaffStatus.${person.status}`)} />,
          },
          { title: t('staff.since'), key: 'since', render: (_, person) => (viewer ? formatDate(person.createdAt, viewer.tenant.timeZone, i18n.language) : '') },
          {
            title: t('staff.actions'),
            key: 'actions',
            render: (_, person) => (
              <Space>
                <Button
                  size="small"
                  autoInsertSpace={false}
                  onClick={() => (setDone(null), setDialog({ kind: 'edit', person }))}
                  aria-label={t('staff.editOf', { name: person.name })}
                >
                  {t('staff.edit')}
                </Button>
                <Button
                  size="small"
                  autoInsertSpace={false}
                  onClick={() => (setDone(null), setDialog({ kind: 'password', person }))}
                  aria-label={t('staff.resetPasswordOf', { name: person.name })}
                >
                  {t('staff.resetPassword')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'create' && <CreateDialog onClose={() => setDialog(null)} onDone={(person) => finished(t('staff.created', { name: person.name }))} />}
      {dialog?.kind === 'edit' && (
        <EditDialog
          person={dialog.person}
          self={dialog.person.id === viewer?.user?.id}
          onClose={() => setDialog(null)}
          onDone={() => finished(t('staff.updated', { name: dialog.person.name }))}
        />
      )}
      {dialog?.kind === 'password' && (
        <PasswordDialog
          person={dialog.person}
          onClose={() => setDialog(null)}
          onDone={() => finished(t('staff.passwordReset', { name: dialog.person.name }))}
        />
      )}
    </Space>
  );
}

function Unplaced({ errors }: { errors: UserError[] }) {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  return (
    <>
      {errors.map((error) => (
        <Alert key={error.code + error.message} type="error" showIcon title={userErrorText(t, error)} role="alert" />
      ))}
    </>
  );
}

function CreateDialog({ onClose, onDone }: { onClose(): void; onDone(person: Person): void }) {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const [form] = Form.useForm<{ name: string; email: string; role: Role; password: string }>();
  const [create, state] = useMutation(CREATE);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const onFinish = async (values: { name: string; email: string; role: Role; password: string }) => {
    const result = await create({
      variables: { input: { name: values.name.trim(), email: values.email.trim(), role: values.role, password: values.password } },
    }).catch(() => null);
    const payload = result?.data?.createStaffUser;
    if (!payload) return;
    if (payload.staffUser && payload.userErrors.length === 0) return onDone(payload.staffUser);
    setUnplaced(showUserErrors(form, t, payload.userErrors));
  };
  return (
    <Modal
      open
      wrapClassName="manage-dialog"
      title={t('staff.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('staff.create')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={state.loading}
      destroyOnHidden
    >
      <ProblemAlert error={state.error} />
      <Unplaced errors={unplaced} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ name: '', email: '', role: 'STORE_AGENT', password: '' }} requiredMark={false}>
        <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, whitespace: true, message: t('required', { field: t('staff.name') }) }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('staff.email')} rules={[{ required: true, whitespace: true, message: t('required', { field: t('staff.email') }) }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('staff.role')}>
          <Radio.Group options={STORE_ROLES.map((role) => ({ value: role, label: t(`enums:Role.${role}`) }))} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('staff.initialPassword')}
          extra={t('staff.passwordHint')}
          rules={[{ required: true, message: t('required', { field: t('staff.initialPassword') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EditDialog({ person, self, onClose, onDone }: { person: Person; self: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const [form] = Form.useForm<{ name: string; role: Role; status: StaffStatus }>();
  const [update, state] = useMutation(UPDATE);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const onFinish = async (values: { name: string; role: Role; status: StaffStatus }) => {
    const result = await update({ variables: { input: { id: person.id, name: values.name.trim(), role: values.role, status: values.status } } }).catch(
      () => null,
    );
    const payload = result?.data?.updateStaffUser;
    if (!payload) return;
    if (payload.userErrors.length === 0) return onDone();
    setUnplaced(showUserErrors(form, t, payload.userErrors));
  };
  return (
    <Modal
      open
      wrapClassName="manage-dialog"
      title={t('staff.editTitle', { name: person.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={state.loading}
      destroyOnHidden
    >
      <ProblemAlert error={state.error} />
      <Unplaced errors={unplaced} />
      {self && <Alert type="info" showIcon title={t('staff.selfHint')} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ name: person.name, role: person.role, status: person.status }}
        requiredMark={false}
      >
        <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, whitespace: true, message: t('required', { field: t('staff.name') }) }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('staff.role')}>
          <Radio.Group options={STORE_ROLES.map((role) => ({ value: role, label: t(`enums:Role.${role}`) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('staff.status')} extra={t('staff.disableHint')}>
          <Radio.Group options={(['ACTIVE', 'DISABLED'] as StaffStatus[]).map((status) => ({ value: status, label: t(`enums:StaffStatus.${status}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PasswordDialog({ person, onClose, onDone }: { person: Person; onClose(): void; onDone(): void }) {
  const { t } = useTranslation(MANAGE_NAMESPACES);
  const [form] = Form.useForm<{ password: string }>();
  const [update, state] = useMutation(UPDATE);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const onFinish = async (values: { password: string }) => {
    const result = await update({ variables: { input: { id: person.id, password: values.password } } }).catch(() => null);
    const payload = result?.data?.updateStaffUser;
    if (!payload) return;
    if (payload.userErrors.length === 0) return onDone();
    setUnplaced(showUserErrors(form, t, payload.userErrors));
  };
  return (
    <Modal
      open
      wrapClassName="manage-dialog"
      title={t('staff.resetPasswordTitle', { name: person.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('staff.resetPassword')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={state.loading}
      destroyOnHidden
    >
      <ProblemAlert error={state.error} />
      <Unplaced errors={unplaced} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ password: '' }} requiredMark={false}>
        <Form.Item
          name="password"
          label={t('staff.newPassword')}
          extra={t('staff.passwordHint')}
          rules={[{ required: true, message: t('required', { field: t('staff.newPassword') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
