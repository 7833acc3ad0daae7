import { SERVER_URL } from './test-database';
import { dropTemplateDatabase, TEMPLATE_ENV } from './template-database';

export default async function globalTeardown(): Promise<void> {
  const name = process.env[TEMPLATE_ENV];
  if (name) await dropTemplateDatabase(SERVER_URL, name);
}
