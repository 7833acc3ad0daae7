import { useQuery } from '@apollo/client/react';
import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WarrantyPreviewInput } from '../../gql/graphql';
import { userErrorText } from '../../lib/api-errors';
import { WARRANTY_PREVIEW } from './register.queries';
import { warrantyOutcome } from './warranty-outcome';

/** The warranty decision registering would record, shown before saving: what the customer is told at the counter. */
export function WarrantyPanel({ input }: { input: WarrantyPreviewInput | null }) {
  const { t } = useTranslation(['desk', 'enums', 'errors']);
  const { data, loading } = useQuery(WARRANTY_PREVIEW, { variables: { input: input! }, skip: !input });
  const preview = input ? data?.warrantyPreview : undefined;
  return (
    <section aria-labelledby="desk-warranty-title" className="desk-section" aria-live="polite">
      <h3 id="desk-warranty-title">{t('register.warranty.title')}</h3>
      {!input && <p>{t('register.warranty.waiting')}</p>}
      {input && loading && !preview && <Spin />}
      {preview?.decision && (
        <Alert
          type={warrantyOutcome(preview.decision.status) === 'PAID' ? 'warning' : 'success'}
          showIcon
          data-warranty-decision={warrantyOutcome(preview.decision.status)}
          title={t(`register.warranty.outcome.${warrantyOutcome(preview.decision.status)}`)}
          description={
            <>
              <div>
                {t(`enums:WarrantyStatus.${preview.decision.status}`)}: {preview.decision.reason}
              </div>
              {preview.advice && <div>{preview.advice}</div>}
              {preview.overrideNeeded && <div>{t('register.warranty.overrideNeeded')}</div>}
            </>
          }
        />
      )}
      {preview && !preview.decision && preview.userErrors.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('register.warranty.cannotDecide')}
          description={preview.userErrors.map((error) => userErrorText(t, error)).join(' ')}
        />
      )}
    </section>
  );
}
