import { downloadExport } from '../../lib/download-export';
import { type AuditFilter, exportQuery } from './audit-filter';

/** Downloads the entries the filter selects through the export route (`/exports/audit-entries.csv` or `.json`). */
export function downloadAuditExport(format: 'csv' | 'json', filter: AuditFilter): Promise<number | null> {
  return downloadExport(`/exports/audit-entries.${format}${exportQuery(filter)}`, `audit-entries.${format}`);
}
