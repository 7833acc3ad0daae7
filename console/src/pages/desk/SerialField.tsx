import { useQuery } from '@apollo/client/react';
import { AutoComplete } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeskFindDevicesQuery } from '../../gql/graphql';
import { FIND_DEVICES } from './register.queries';
import { useDebounced } from './useDebounced';

export type FoundDevice = DeskFindDevicesQuery['devices']['edges'][number]['node'];

/** The serial number, finding one of the customer's devices as it is typed; a serial not found is a new device. */
export function SerialField({
  id,
  value,
  onChange,
  customerId,
  onPick,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  customerId: string | null;
  onPick: (device: FoundDevice) => void;
}) {
  const { t } = useTranslation('desk');
  const prefix = useDebounced((value ?? '').trim(), 150);
  const { data } = useQuery(FIND_DEVICES, { variables: { serialStartsWith: prefix, customerId }, skip: prefix.length < 3 || !customerId });
  const found = prefix.length >= 3 && customerId ? (data?.devices.edges.map((edge) => edge.node) ?? []) : [];
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={(next) => onChange?.(next)}
      onSelect={(_, option) => {
        const device = found.find((candidate) => candidate.id === option.key);
        if (device) onPick(device);
      }}
      options={found.map((device) => ({
        key: device.id,
        value: device.serialNumber,
        label: t('register.deviceOption', { serial: device.serialNumber, model: device.model.name }),
      }))}
      placeholder={t('register.serialPlaceholder')}
    />
  );
}
