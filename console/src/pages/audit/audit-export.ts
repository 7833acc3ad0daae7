import { authFetch } from '../../api/auth-fetch';
import { type AuditFilter, exportQuery } from './audit-filter';

/**
 * Downloads the entries the filter selects through the export route
 * (`/exports/audit-entries.csv` or `.json`), with the session's access token
 * like every other call: the file is fetched, then saved from memory under
 * the name the route gives it. Answers the HTTP status when it failed.
 */
export async function downloadAuditExport(format: 'csv' | 'json', filter: AuditFilter): Promise<number | null> {
  const response = await authFetch(`/exports/audit-entries.${format}${exportQuery(filter)}`, { headers: { accept: '*/*' } });
  if (!response.ok) return response.status;
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = `audit-entries.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // (after the click has handed the file to the browser's download)
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return null;
}
