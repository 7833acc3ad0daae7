import { SlaMetric } from '../../core/sla-enums';
import { TenantKind } from '../../core/enums';
import { RankingFigure } from '../../core/ranking-enums';
import type { TenantContext } from '../context';
import { forbidden } from '../errors';
import { withNetworkScope } from '../tenants/network-scope';
import { complianceMetricOf, FigureValues, percent, RANKING_FIGURES, round2 } from './ranking-figures';

/** One store's month. `storeId`, `slug` and `name` are null for a store the caller may not know (see `ranking_month_figures`). */
export interface StoreMonth {
  /** Keeps the stores apart within one answer, whether or not they are named. */
  key: number;
  storeId: string | null;
  slug: string | null;
  name: string | null;
  values: FigureValues;
}

interface Row {
  store_key: number;
  store_id: string | null;
  slug: string | null;
  name: string | null;
  metric: SlaMetric | null;
  met: string;
  breached: string;
  within_24h: string;
  decided_24h: string;
  avg_minutes: string | null;
  /** The store's mean inspection total in the month, on every row of the store. */
  inspection_score: string | null;
}

/**
 * Every store of the caller's network and its figures for the month whose
 * first day is given, in one statement. The database function decides which
 * stores the caller may name: an HQ all of its own (an audited network read),
 * a store itself and, once HQ has published the month, the others.
 */
export async function monthFigures(ctx: TenantContext, firstDay: string): Promise<StoreMonth[]> {
  const read = () =>
    ctx.em.execute<Row[]>(
      `select store_key, store_id, slug, name, metric, met, breached, within_24h, decided_24h, avg_minutes, inspection_score
         from ranking_month_figures(?::date, ?::timestamptz) order by store_key`,
      [firstDay, ctx.clock.now()],
    );
  let rows: Row[];
  if (ctx.tenantKind === TenantKind.HQ) rows = await withNetworkScope(ctx, 'store ranking across the network', read);
  else if (ctx.tenantKind === TenantKind.STORE) rows = await read();
  else throw forbidden('Only an HQ and its stores are ranked');
  const stores = new Map<number, { row: Row; metrics: Map<SlaMetric, Row> }>();
  for (const row of rows) {
    const store = stores.get(row.store_key) ?? { row, metrics: new Map() };
    if (row.metric) store.metrics.set(row.metric, row);
    stores.set(row.store_key, store);
  }
  return [...stores.values()].map(({ row, metrics }) => ({
    key: row.store_key,
    storeId: row.store_id,
    slug: row.slug,
    name: row.name,
    values: valuesOf(metrics, row.inspection_score),
  }));
}

function valuesOf(metrics: Map<SlaMetric, Row>, inspectionScore: string | null): FigureValues {
  const contact = metrics.get(SlaMetric.FIRST_CONTACT);
  const values = {} as FigureValues;
  for (const figure of RANKING_FIGURES) {
    const metric = complianceMetricOf(figure);
    if (metric) {
      const row = metrics.get(metric);
      const met = Number(row?.met ?? 0);
      values[figure] = percent(met, met + Number(row?.breached ?? 0));
    } else if (figure === RankingFigure.INSPECTION_SCORE) {
      values[figure] = inspectionScore == null ? null : round2(Number(inspectionScore));
    } else if (figure === RankingFigure.FIRST_RESPONSE_WITHIN_24_HOURS) {
      values[figure] = percent(Number(contact?.within_24h ?? 0), Number(contact?.decided_24h ?? 0));
    } else {
      values[figure] = contact?.avg_minutes == null ? null : round2(Number(contact.avg_minutes));
    }
  }
  return values;
}
