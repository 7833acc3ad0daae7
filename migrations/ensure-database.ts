import { Client, escapeIdentifier } from 'pg';

/** On a fresh machine the database may not exist yet: creates it, empty, before migrating. */
export async function ensureDatabase(adminUrl: string, log: (line: string) => void): Promise<void> {
  const probe = new Client({ connectionString: adminUrl });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error; // 3D000: database does not exist
  }
  const url = new URL(adminUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const maintenance = new Client({ connectionString: url.toString() });
  await maintenance.connect();
  try {
    await maintenance.query(`create database ${escapeIdentifier(name)}`);
    log(`created database ${name}`);
  } finally {
    await maintenance.end();
  }
}
