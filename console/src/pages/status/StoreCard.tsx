import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What the public pages know of a store: how to reach it. */
export interface PublicStore {
  name: string;
  phone?: string | null;
  address?: string | null;
  hours: { weekday: number; intervals: string[] }[];
}

/** How to reach the store: its name, phone, address and weekly hours, with whatever the page adds below. */
export function StoreCard({ store, children }: { store: PublicStore; children?: ReactNode }) {
  const { t } = useTranslation('status');
  return (
    <section className="status-card status-store" aria-labelledby="status-store">
      <h2 id="status-store">{t('status:store.heading')}</h2>
      <p className="status-store-name">{store.name}</p>
      <dl className="status-facts">
        {store.phone && (
          <>
            <dt>{t('status:store.phone')}</dt>
            <dd>
              <a href={`tel:${store.phone.replace(/[^\d+]/g, '')}`}>{store.phone}</a>
            </dd>
          </>
        )}
        {store.address && (
          <>
            <dt>{t('status:store.address')}</dt>
            <dd>{store.address}</dd>
          </>
        )}
        {store.hours.length > 0 && (
          <>
            <dt>{t('status:store.hours')}</dt>
            <dd>
              <ul className="status-hours">
                {[1, 2, 3, 4, 5, 6, 7].map((weekday) => {
                  const intervals = store.hours.find((hours) => hours.weekday === weekday)?.intervals ?? [];
                  return (
                    <li key={weekday}>
                      <span>{t(`status:store.weekday.${weekday}`)}</span> <span>{intervals.length ? intervals.join(', ') : t('status:store.closed')}</span>
                    </li>
                  );
                })}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {children}
    </section>
  );
}
