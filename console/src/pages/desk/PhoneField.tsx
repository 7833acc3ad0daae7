import { useQuery } from '@apollo/client/react';
import { AutoComplete } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeskFindCustomersQuery } from '../../gql/graphql';
import { FIND_CUSTOMERS } from './register.queries';
import { useDebounced } from './useDebounced';

export type FoundCustomer = DeskFindCustomersQuery['customers']['edges'][number]['node'];

/**
 * The phone number, finding a returning customer as it is typed: arrows and
 * Enter pick one; typing on leaves a new customer to fill in below.
 */
export function PhoneField({
  id,
  value,
  onChange,
  onPick,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  onPick: (customer: FoundCustomer) => void;
}) {
  const { t } = useTranslation('desk');
  const digits = (value ?? '').replace(/[^\d]/g, '');
  const prefix = useDebounced(digits, 150);
  const { data } = useQuery(FIND_CUSTOMERS, { variables: { phoneStartsWith: prefix }, skip: prefix.length < 3 });
  const found = prefix.length >= 3 ? (data?.customers.edges.map((edge) => edge.node) ?? []) : [];
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={(next) => onChange?.(next)}
      onSelect={(_, option) => {
        const customer = found.find((candidate) => candidate.id === option.key);
        if (customer) onPick(customer);
      }}
      options={found.map((customer) => ({
        key: customer.id,
        value: customer.phone,
        label: t('register.customerOption', { name: customer.name, phone: customer.phone }),
      }))}
      placeholder={t('register.phonePlaceholder')}
      autoFocus
    />
  );
}
