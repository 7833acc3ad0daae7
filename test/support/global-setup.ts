import { APP_ROLE, SERVER_URL } from './test-database';
import { createTemplateDatabase, TEMPLATE_ENV } from './template-database';

/** Before any test file: the migrated database the run's test databases are copied from (the workers inherit its name). */
export default async function globalSetup(): Promise<void> {
  process.env[TEMPLATE_ENV] = await createTemplateDatabase(SERVER_URL, APP_ROLE, process.env.APP_DB_PASSWORD);
}
