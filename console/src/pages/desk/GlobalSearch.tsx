import { useApolloClient } from '@apollo/client/react';
import { Input, Popover } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { graphql } from '../../gql';
import type { DeskSearchQuery } from '../../gql/graphql';

const SEARCH = graphql(`
  query DeskSearch($number: String, $phone: String, $serial: String, $byNumber: Boolean!, $byPhone: Boolean!, $bySerial: Boolean!) {
    byNumber: tickets(first: 10, number: $number) @include(if: $byNumber) {
      edges {
        node {
          ...DeskSearchHit
        }
      }
    }
    byPhone: tickets(first: 20, customerPhone: $phone) @include(if: $byPhone) {
      edges {
        node {
          ...DeskSearchHit
        }
      }
    }
    bySerial: tickets(first: 20, deviceSerial: $serial) @include(if: $bySerial) {
      edges {
        node {
          ...DeskSearchHit
        }
      }
    }
  }
  fragment DeskSearchHit on Ticket {
    id
    number
    status
    customer {
      id
      name
    }
    device {
      id
      serialNumber
    }
  }
`);

type Hit = NonNullable<DeskSearchQuery['byNumber']>['edges'][number]['node'];

/**
 * The header's search box: a ticket number, a phone number or a serial
 * number; one ticket found opens it, several are listed to pick from.
 */
export function GlobalSearch() {
  const { t } = useTranslation(['desk', 'enums']);
  const client = useApolloClient();
  const navigate = useNavigate();
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [value, setValue] = useState('');

  async function search(text: string) {
    const query = text.trim();
    if (!query) return;
    setBusy(true);
    try {
      const digits = query.replace(/[\s\-().]/g, '');
      const { data } = await client.query({
        query: SEARCH,
        variables: { number: query, phone: digits, serial: query, byNumber: true, byPhone: /^\+?\d{5,20}$/.test(digits), bySerial: true },
        fetchPolicy: 'network-only',
      });
      const all = [...(data?.byNumber?.edges ?? []), ...(data?.byPhone?.edges ?? []), ...(data?.bySerial?.edges ?? [])].map((edge) => edge.node);
      const unique = [...new Map(all.map((hit) => [hit.id, hit])).values()];
      if (unique.length === 1) {
        setHits(null);
        setValue('');
        navigate(`/desk/tickets/${encodeURIComponent(unique[0].id)}`);
      } else setHits(unique);
    } catch {
      setHits([]);
    } finally {
      setBusy(false);
    }
  }

  const content = (
    <div className="desk-search-results" aria-live="polite">
      {hits && hits.length === 0 && <p>{t('search.none')}</p>}
      {hits && hits.length > 0 && (
        <ul className="desk-plain-list" aria-label={t('search.results')}>
          {hits.map((hit) => (
            <li key={hit.id}>
              <Link to={`/desk/tickets/${encodeURIComponent(hit.id)}`} onClick={() => setHits(null)}>
                {hit.number}
              </Link>{' '}
              {hit.customer.name}
              {hit.device ? ` · ${hit.device.serialNumber}` : ''} · {t(`enums:TicketStatus.${hit.status}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  return (
    <div role="search">
      <Popover open={hits !== null} content={content} placement="bottomLeft" onOpenChange={(open) => !open && setHits(null)} trigger="click">
        <Input.Search
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onSearch={(text) => void search(text)}
          loading={busy}
          enterButton={t('search.button')}
          style={{ width: 340 }}
        />
      </Popover>
    </div>
  );
}
