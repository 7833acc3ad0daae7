import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import { appUrlFrom } from '../../infra/config';
import { migrate } from '../../migrations/runner';
import { TEMPLATE_ENV } from './template-database';

/**
 * A throw-away database per test file, migrated like production: tests never
 * touch the default database, and files running in parallel never meet. It is
 * a copy of the run's migrated template when there is one (jest's global
 * setup makes it), and is migrated again either way.
 */
export interface TestDatabase {
  name: string;
  adminUrl: string;
  appUrl: string;
  drop(): Promise<void>;
}

export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@localhost:5432/aftersales';
export const APP_ROLE = process.env.APP_DB_ROLE ?? 'aftersales_app';

function urlFor(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `aftersales_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const maintenance = new Client({ connectionString: urlFor('postgres') });
  await maintenance.connect();
  try {
    const template = process.env[TEMPLATE_ENV];
    await maintenance.query(`create database ${escapeIdentifier(name)}${template ? ` template ${escapeIdentifier(template)}` : ''}`);
  } finally {
    await maintenance.end();
  }
  const adminUrl = urlFor(name);
  await migrate({ adminUrl, appRole: APP_ROLE, appPassword: process.env.APP_DB_PASSWORD });
  return {
    name,
    adminUrl,
    appUrl: appUrlFrom(adminUrl, APP_ROLE, process.env.APP_DB_PASSWORD),
    async drop() {
      const client = new Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`drop database if exists ${escapeIdentifier(name)} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
