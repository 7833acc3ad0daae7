import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { FaultCategory, PurchaseSource, RegisterTicketInput, TicketPriority, TicketType, WarrantyPreviewInput } from '../../gql/graphql';
import { showUserErrors, UserError, userErrorText } from '../../lib/api-errors';
import { FoundCustomer, PhoneField } from './PhoneField';
import { PRODUCT_MODELS, REGISTER_TICKET } from './register.queries';
import type { RegisteredState } from './KnownErrors';
import { FoundDevice, SerialField } from './SerialField';
import { WarrantyPanel } from './WarrantyPanel';
import './desk.css';

interface RegisterValues {
  phone: string;
  name?: string;
  email?: string;
  serialNumber?: string;
  modelId?: string;
  purchaseDate?: string;
  purchaseSource: PurchaseSource;
  invoiceNumber?: string;
  type: TicketType;
  problem: string;
  faultCategory?: FaultCategory;
  priority: TicketPriority;
}

const TYPES: TicketType[] = ['REPAIR', 'RETURN_EXCHANGE', 'COMPLAINT', 'INQUIRY', 'ONSITE', 'PAID_SERVICE'];
const PRIORITIES: TicketPriority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const SOURCES: PurchaseSource[] = ['THIS_STORE', 'NETWORK_STORE', 'ELSEWHERE'];
const FAULT_CATEGORIES: FaultCategory[] = [
  'POWER',
  'BATTERY',
  'DISPLAY',
  'KEYBOARD_INPUT',
  'STORAGE',
  'OVERHEATING',
  'CONNECTIVITY',
  'AUDIO',
  'SOFTWARE',
  'MECHANICAL',
  'LIQUID_DAMAGE',
  'OTHER',
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Registering a walk-in at the counter, by keyboard alone: the phone finds the
 * customer (or a new one is typed in), the serial finds the device (or a new
 * one), the warranty decision shows before saving, then the ticket opens.
 */
export default function RegisterPage() {
  const { t } = useTranslation(['desk', 'enums', 'errors']);
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterValues>();
  const [customer, setCustomer] = useState<FoundCustomer | null>(null);
  const [device, setDevice] = useState<FoundDevice | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<UserError[]>([]);
  const models = useQuery(PRODUCT_MODELS);
  const [register, { loading: saving }] = useMutation(REGISTER_TICKET);

  const phone = Form.useWatch('phone', form);
  const serial = Form.useWatch('serialNumber', form);
  const modelId = Form.useWatch('modelId', form);
  const purchaseDate = Form.useWatch('purchaseDate', form);
  const purchaseSource = Form.useWatch('purchaseSource', form);
  const invoiceNumber = Form.useWatch('invoiceNumber', form);
  const type = Form.useWatch('type', form);

  // A customer or device picked stays picked only while its phone or serial is what the field says.
  const pickedCustomer = customer && phone === customer.phone ? customer : null;
  const pickedDevice = device && pickedCustomer && serial === device.serialNumber ? device : null;

  const warrantyInput = useMemo<WarrantyPreviewInput | null>(() => {
    if (pickedDevice) return { deviceId: pickedDevice.id, ticketType: type };
    if (!modelId || !purchaseSource) return null;
    if (purchaseDate && !DATE.test(purchaseDate)) return null;
    return { modelId, purchaseSource, purchaseDate: purchaseDate || null, invoiceNumber: invoiceNumber || null, ticketType: type };
  }, [pickedDevice, modelId, purchaseSource, purchaseDate, invoiceNumber, type]);

  async function save(values: RegisterValues) {
    setFailure(null);
    setUnplaced([]);
    const input: RegisterTicketInput = {
      channel: 'WALK_IN',
      type: values.type,
      priority: values.priority,
      problem: values.problem,
      faultCategory: values.faultCategory ?? null,
      ...(pickedCustomer ? { customerId: pickedCustomer.id } : { newCustomer: { phone: values.phone, name: values.name ?? '', email: values.email || null } }),
      ...(pickedDevice
        ? { deviceId: pickedDevice.id }
        : values.serialNumber
          ? {
              newDevice: {
                serialNumber: values.serialNumber,
                modelId: values.modelId!,
                purchaseSource: values.purchaseSource,
                purchaseDate: values.purchaseDate || null,
                invoiceNumber: values.invoiceNumber || null,
              },
            }
          : {}),
    };
    try {
      const { data } = await register({ variables: { input } });
      const payload = data!.registerTicket;
      if (payload.ticket) {
        // A known error matching the device's model and the fault is offered on the ticket the desk opens next.
        navigate(`/desk/tickets/${encodeURIComponent(payload.ticket.id)}`, { state: { knownErrors: payload.ticket.knownErrors } satisfies RegisteredState });
        return;
      }
      setUnplaced(showUserErrors(form, t, payload.userErrors));
    } catch (error) {
      // Nothing typed is lost: the form keeps its values; the alert says what happened.
      setFailure(error);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('register.title')}</Typography.Title>
      <Typography.Paragraph>{t('register.intro')}</Typography.Paragraph>
      <ProblemAlert error={failure} onRetry={() => form.submit()} />
      {unplaced.length > 0 && <Alert type="error" showIcon role="alert" title={unplaced.map((error) => userErrorText(t, error)).join(' ')} />}
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        initialValues={{ type: 'REPAIR', priority: 'NORMAL', purchaseSource: 'THIS_STORE' }}
        requiredMark="optional"
      >
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Card title={<h3 className="desk-card-title">{t('register.customer')}</h3>} className="desk-section">
              <Form.Item name="phone" label={t('register.phone')} rules={[{ required: true, message: t('register.required.phone') }]}>
                <PhoneField
                  onPick={(found) => {
                    setCustomer(found);
                    form.setFieldsValue({ name: found.name, email: found.email ?? undefined });
                  }}
                />
              </Form.Item>
              {pickedCustomer ? (
                <p data-picked-customer>{t('register.returning', { name: pickedCustomer.name })}</p>
              ) : (
                <>
                  <p>{t('register.newCustomer')}</p>
                  <Form.Item name="name" label={t('register.name')} rules={[{ required: true, message: t('register.required.name') }]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                  <Form.Item name="email" label={t('register.email')}>
                    <Input type="email" autoComplete="off" />
                  </Form.Item>
                </>
              )}
            </Card>
            <Card title={<h3 className="desk-card-title">{t('register.device')}</h3>} className="desk-section">
              <Form.Item name="serialNumber" label={t('register.serial')}>
                <SerialField customerId={pickedCustomer?.id ?? null} onPick={setDevice} />
              </Form.Item>
              {pickedDevice ? (
                <p data-picked-device>{t('register.knownDevice', { model: pickedDevice.model.name, date: pickedDevice.purchaseDate ?? '—' })}</p>
              ) : (
                <>
                  <Form.Item name="modelId" label={t('register.model')} rules={[{ required: Boolean(serial), message: t('register.required.model') }]}>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      loading={models.loading}
                      options={(models.data?.productModels.edges ?? []).map((edge) => ({
                        value: edge.node.id,
                        label: `${edge.node.name} (${edge.node.modelCode})`,
                      }))}
                    />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col span={12}>
                      <Form.Item name="purchaseDate" label={t('register.purchaseDate')} rules={[{ pattern: DATE, message: t('register.dateFormat') }]}>
                        <Input placeholder="YYYY-MM-DD" autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="purchaseSource" label={t('register.purchaseSource')}>
                        <Select options={SOURCES.map((value) => ({ value, label: t(`enums:PurchaseSource.${value}`) }))} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name="invoiceNumber" label={t('register.invoice')}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={<h3 className="desk-card-title">{t('register.request')}</h3>} className="desk-section">
              <WarrantyPanel input={warrantyInput} />
              <Form.Item name="type" label={t('register.type')}>
                <Select options={TYPES.map((value) => ({ value, label: t(`enums:TicketType.${value}`) }))} />
              </Form.Item>
              <Form.Item name="problem" label={t('register.problem')} rules={[{ required: true, message: t('register.required.problem') }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item name="faultCategory" label={t('register.faultCategory')} extra={t('register.faultCategoryHint')}>
                <Select allowClear options={FAULT_CATEGORIES.map((value) => ({ value, label: t(`enums:FaultCategory.${value}`) }))} />
              </Form.Item>
              <Form.Item name="priority" label={t('register.priority')}>
                <Select options={PRIORITIES.map((value) => ({ value, label: t(`enums:TicketPriority.${value}`) }))} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('register.save')}
              </Button>
            </Card>
          </Col>
        </Row>
      </Form>
    </Space>
  );
}
