import { authFetch } from '../api/auth-fetch';

/**
 * Downloads a file from one of the export routes (`/exports/...`) with the
 * session's access token like every other call: the file is fetched, then
 * saved from memory under `filename`. Answers the HTTP status when it failed.
 */
export async function downloadExport(path: string, filename: string): Promise<number | null> {
  const response = await authFetch(path, { headers: { accept: '*/*' } });
  if (!response.ok) return response.status;
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // (after the click has handed the file to the browser's download)
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return null;
}
