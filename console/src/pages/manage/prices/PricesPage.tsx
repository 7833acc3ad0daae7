import '../manage.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Form, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGE_NAMESPACES } from '../namespaces';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { graphql } from '../../../gql';
import type { ManagePaidServicesQuery } from '../../../gql/graphql';
import { userErrorText } from '../../../lib/api-errors';
import { formatMoney } from '../../../lib/format';

const SERVICES = graphql(`
  query ManagePaidServices {
    paidServices(first: 100) {
      edges {
        node {
          id
          code
          nameZhCn
          nameEn
          description
          currency
          minPrice {
            amountMinor
            currency
          }
          maxPrice {
            amountMinor
            currency
          }
          storeOffer {
            offered
            price {
              amountMinor
              currency
            }
            status
            version
          }
        }
      }
    }
  }
`);

const SET_PRICE = graphql(`
  mutation ManageSetServicePrice($input: SetServicePriceInput!) {
    setServicePrice(input: $input) {
      storeOffer {
        offered
        price {
          amountMinor
          currency
        }
        status
        version
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

type Service = ManagePaidServicesQuery['paidServices']['edges'][number]['node'];

const STATUS_BADGE: Record<string, 'success' | 'error' | 'warning' | 'default'> = { AVAILABLE: 'success', OUT_OF_RANGE: 'error', UNPRICED: 'warning' };

/** HQ's paid services with HQ's price range; the store sets its own price inside it and chooses what it offers. */
export default function PricesPage() {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACES);
  const { data, loading, error, refetch } = useQuery(SERVICES, { fetchPolicy: 'cache-and-network' });
  const services = (data?.paidServices.edges ?? []).map((edge) => edge.node);
  const nameOf = (service: Service) => (i18n.language === 'en' ? service.nameEn : service.nameZhCn);
  return (
    <Space orientation="vertical" size="middle" className="manage-page">
      <Typography.Title level={1}>{t('prices.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('prices.intro')}</Typography.Paragraph>
      <ProblemAlert error={error} onRetry={() => void refetch()} />
      <Table<Service>
        rowKey="id"
        loading={loading && !data}
        pagination={false}
        dataSource={services}
        locale={{ emptyText: <Typography.Text>{t('prices.none')}</Typography.Text> }}
        columns={[
          {
            title: t('prices.service'),
            key: 'service',
            render: (_, service) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{nameOf(service)}</Typography.Text>
                <Typography.Text type="secondary">{service.code}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('prices.range'),
            key: 'range',
            render: (_, service) =>
              t('prices.between', {
                min: formatMoney(service.minPrice.amountMinor, service.currency, i18n.language),
                max: formatMoney(service.maxPrice.amountMinor, service.currency, i18n.language),
              }),
          },
          {
            title: t('prices.status'),
            key: 'status',
            render: (_, service) =>
              service.storeOffer ? (
                <Badge status={STATUS_BADGE[service.storeOffer.status] ?? 'default'} text={t(`enums:OfferStatus.${service.storeOffer.status}`)} />
              ) : null,
          },
          { title: t('prices.ours'), key: 'ours', render: (_, service) => <PriceForm service={service} name={nameOf(service)} /> },
        ]}
      />
    </Space>
  );
}

interface Values {
  price: number | null;
  offered: boolean;
}

/** One service's price and whether the store offers it; a price outside HQ's range is refused on the field. */
function PriceForm({ service, name }: { service: Service; name: string }) {
  const { t, i18n } = useTranslation(MANAGE_NAMESPACES);
  const [form] = Form.useForm<Values>();
  const [setPrice, state] = useMutation(SET_PRICE);
  const [saved, setSaved] = useState(false);
  const offer = service.storeOffer;
  const onFinish = async (values: Values) => {
    setSaved(false);
    const price = values.price === null || values.price === undefined ? null : { amountMinor: Math.round(values.price * 100), currency: service.currency };
    const payload = (
      await setPrice({ variables: { input: { serviceId: service.id, offered: values.offered, price, expectedVersion: offer?.version ?? null } } }).catch(
        () => null,
      )
    )?.data?.setServicePrice;
    if (!payload) return;
    if (payload.userErrors.length === 0) {
      setSaved(true);
      form.setFields([{ name: 'price', errors: [] }]);
      return;
    }
    const onPrice = payload.userErrors.filter((problem) => problem.code === 'PRICE_OUT_OF_RANGE' || problem.field?.includes('price'));
    const other = payload.userErrors.filter((problem) => !onPrice.includes(problem));
    const range = t('prices.between', {
      min: formatMoney(service.minPrice.amountMinor, service.currency, i18n.language),
      max: formatMoney(service.maxPrice.amountMinor, service.currency, i18n.language),
    });
    form.setFields([
      {
        name: 'price',
        errors: onPrice.map((problem) => (problem.code === 'PRICE_OUT_OF_RANGE' ? t('prices.outOfRange', { range }) : userErrorText(t, problem))),
      },
      { name: 'offered', errors: other.map((problem) => userErrorText(t, problem)) },
    ]);
  };
  return (
    <Form
      form={form}
      name={`price-${service.id}`}
      layout="inline"
      onFinish={onFinish}
      initialValues={{ price: offer?.price ? offer.price.amountMinor / 100 : null, offered: offer?.offered ?? false }}
      onValuesChange={(changed) => (setSaved(false), form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Values, errors: [] }))))}
    >
      <Form.Item name="price" className="manage-inline-field">
        <InputNumber min={0} step={1} precision={2} aria-label={t('prices.priceOf', { name })} />
      </Form.Item>
      <Form.Item name="offered" valuePropName="checked">
        <Switch aria-label={t('prices.offeredOf', { name })} />
      </Form.Item>
      <Button htmlType="submit" autoInsertSpace={false} loading={state.loading} aria-label={t('prices.saveOf', { name })}>
        {t('prices.save')}
      </Button>
      {saved && <Typography.Text role="status">{t('prices.saved')}</Typography.Text>}
      <ProblemAlert error={state.error} />
    </Form>
  );
}
