import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { ProblemAlert } from '../../components/ProblemAlert';
import { graphql } from '../../gql';
import type { AuditTrailQuery } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { GOOD, WARNING } from '../hq/tag-colors';
import { downloadAuditExport } from './audit-export';
import { type AuditFilter, type AuditFilterForm, filterOf } from './audit-filter';
import './audit.css';

const AUDIT_TRAIL = graphql(`
  query AuditTrail($first: Int!, $after: String, $filter: AuditEntryFilter) {
    auditEntries(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          occurredAt
          tenantId
          actorKind
          actorId
          operation
          outcome
          objectIds
          detail
          requestId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

// Names for the ids the entries carry: the tenant's own staff, and for an HQ the tenants of its network.
const AUDIT_NAMES = graphql(`
  query AuditNames($withStaff: Boolean!, $withNetwork: Boolean!) {
    staffUsers(first: 100) @include(if: $withStaff) {
      edges {
        node {
          id
          name
        }
      }
    }
    tenants(first: 100) @include(if: $withNetwork) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

type Entry = AuditTrailQuery['auditEntries']['edges'][number]['node'];

const PAGE_SIZE = 20;

/**
 * The audit trail, newest first: who changed what, when, and how it ended.
 * Filters by actor, object, operation, days and (for an HQ) tenants; pages
 * forward and back by cursor; exports what the filter selects as CSV or JSON
 * through the export route. Clicking an actor or an object filters by it.
 */
export default function AuditPage() {
  const { t, i18n } = useTranslation(['audit', 'common']);
  const { viewer, can } = useViewer();
  const zone = viewer?.tenant.timeZone ?? 'Asia/Shanghai';
  const isHq = viewer?.tenant.kind === 'HQ';
  const [form] = Form.useForm<AuditFilterForm>();
  const [filter, setFilter] = useState<AuditFilter>({});
  // The cursor each page starts after: the first page after none.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const [exportProblem, setExportProblem] = useState<number | null>(null);
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);

  const { data, previousData, error, loading, refetch } = useQuery(AUDIT_TRAIL, {
    variables: { first: PAGE_SIZE, after: cursors[page], filter },
    fetchPolicy: 'network-only',
  });
  const names = useQuery(AUDIT_NAMES, { variables: { withStaff: can('STAFF_READ'), withNetwork: isHq && can('NETWORK_READ') } });
  const shown = data ?? previousData;
  const entries = shown?.auditEntries.edges.map((edge) => edge.node) ?? [];
  const pageInfo = shown?.auditEntries.pageInfo;

  const people = new Map((names.data?.staffUsers?.edges ?? []).map((edge) => [edge.node.id, edge.node.name]));
  const tenants = new Map((names.data?.tenants?.edges ?? []).map((edge) => [edge.node.id, edge.node.name]));
  if (viewer) tenants.set(viewer.tenant.id, viewer.tenant.name);
  // The entries wait for the names on the first load: a row never shows a raw id where a name is coming.
  const namesPending = names.loading && !names.data;

  const apply = (next: AuditFilter) => {
    setFilter(next);
    setCursors([null]);
  };
  const search = (values: AuditFilterForm) => apply(filterOf(values, zone));
  const filterBy = (field: 'actor' | 'objectId', value: string) => {
    form.setFieldValue(field, value);
    search(form.getFieldsValue());
  };
  const reset = () => {
    form.resetFields();
    apply({});
  };
  const download = async (format: 'csv' | 'json') => {
    setExporting(format);
    setExportProblem(null);
    try {
      setExportProblem(await downloadAuditExport(format, filter));
    } catch {
      setExportProblem(0);
    } finally {
      setExporting(null);
    }
  };

  const actorText = (entry: Entry) => (entry.actorId ? (people.get(entry.actorId) ?? entry.actorId) : t('audit:actorKind.SYSTEM'));

  return (
    <Space orientation="vertical" size="large" className="audit-page" style={{ width: '100%' }}>
      <Typography.Title level={1}>{t('audit:title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(isHq ? 'audit:introHq' : 'audit:intro')}</Typography.Paragraph>
      <Card>
        <Form<AuditFilterForm> form={form} layout="vertical" onFinish={search} className="audit-filters" aria-label={t('audit:filters')}>
          <Form.Item name="operation" label={t('audit:filter.operation')}>
            <Input placeholder={t('audit:filter.operationExample')} allowClear />
          </Form.Item>
          <Form.Item name="actor" label={t('audit:filter.actor')}>
            <Input placeholder={t('audit:filter.idExample')} allowClear />
          </Form.Item>
          <Form.Item name="objectId" label={t('audit:filter.object')}>
            <Input placeholder={t('audit:filter.idExample')} allowClear />
          </Form.Item>
          <Form.Item name="fromDay" label={t('audit:filter.from')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="toDay" label={t('audit:filter.to')}>
            <Input type="date" />
          </Form.Item>
          {isHq && (
            <Form.Item name="tenantIds" label={t('audit:filter.tenants')}>
              <Select
                mode="multiple"
                allowClear
                aria-label={t('audit:filter.tenants')}
                placeholder={t('audit:filter.allTenants')}
                options={[...tenants].map(([id, name]) => ({ value: id, label: name }))}
              />
            </Form.Item>
          )}
          <Space wrap className="audit-actions">
            <Button type="primary" htmlType="submit">
              {t('audit:search')}
            </Button>
            <Button onClick={reset}>{t('audit:reset')}</Button>
            <Button loading={exporting === 'csv'} onClick={() => void download('csv')}>
              {t('audit:export.csv')}
            </Button>
            <Button loading={exporting === 'json'} onClick={() => void download('json')}>
              {t('audit:export.json')}
            </Button>
          </Space>
        </Form>
      </Card>
      {exportProblem !== null && <Alert type="error" showIcon role="alert" title={t('audit:export.failed', { status: exportProblem || '—' })} />}
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Table<Entry>
        rowKey="id"
        loading={loading || namesPending}
        dataSource={namesPending ? [] : entries}
        pagination={false}
        locale={{ emptyText: t('audit:empty') }}
        expandable={{
          expandedRowRender: (entry) => (
            <dl className="audit-detail">
              <dt>{t('audit:column.objects')}</dt>
              <dd>{entry.objectIds.join(' ') || '—'}</dd>
              <dt>{t('audit:column.detail')}</dt>
              <dd>
                <pre>{JSON.stringify(entry.detail, null, 2)}</pre>
              </dd>
              <dt>{t('audit:column.request')}</dt>
              <dd>{entry.requestId ?? '—'}</dd>
            </dl>
          ),
        }}
        columns={[
          {
            title: t('audit:column.when'),
            dataIndex: 'occurredAt',
            render: (at: string) => formatDateTime(at, zone, i18n.language),
          },
          ...(isHq
            ? [
                {
                  title: t('audit:column.tenant'),
                  dataIndex: 'tenantId',
                  render: (id: string) => tenants.get(id) ?? id,
                },
              ]
            : []),
          {
            title: t('audit:column.actor'),
            key: 'actor',
            render: (_: unknown, entry: Entry) => (
              <Space size={4} wrap>
                <Tag>{t(`audit:actorKind.${entry.actorKind}`, { defaultValue: entry.actorKind })}</Tag>
                {entry.actorId ? (
                  <Button type="link" size="small" className="audit-link" onClick={() => filterBy('actor', entry.actorId!)}>
                    {actorText(entry)}
                  </Button>
                ) : (
                  actorText(entry)
                )}
              </Space>
            ),
          },
          {
            title: t('audit:column.operation'),
            dataIndex: 'operation',
            render: (operation: string) => <Typography.Text code>{operation}</Typography.Text>,
          },
          {
            title: t('audit:column.outcome'),
            dataIndex: 'outcome',
            render: (outcome: string | null) =>
              outcome ? <Tag color={outcome === 'OK' ? GOOD : WARNING}>{t(`audit:outcome.${outcome}`, { defaultValue: outcome })}</Tag> : '—',
          },
          {
            title: t('audit:column.objects'),
            dataIndex: 'objectIds',
            render: (ids: string[]) =>
              ids.length === 0 ? (
                '—'
              ) : (
                <Button type="link" size="small" className="audit-link" onClick={() => filterBy('objectId', ids[0])}>
                  {ids.length === 1 ? ids[0] : t('audit:moreObjects', { first: ids[0], more: ids.length - 1 })}
                </Button>
              ),
          },
        ]}
      />
      <Space className="audit-pager">
        <Button disabled={page === 0} onClick={() => setCursors((stack) => stack.slice(0, -1))}>
          {t('audit:previous')}
        </Button>
        <Typography.Text data-testid="audit-page">{t('audit:page', { page: page + 1 })}</Typography.Text>
        <Button disabled={!pageInfo?.hasNextPage || loading} onClick={() => setCursors((stack) => [...stack, pageInfo?.endCursor ?? null])}>
          {t('audit:next')}
        </Button>
      </Space>
    </Space>
  );
}
