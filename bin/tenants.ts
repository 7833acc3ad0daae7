import 'reflect-metadata';
import { loadConfigOrExit } from '../infra/config';
import { runTenantsCli } from '../tenants/tenants.commands';

/** `npm run tenants -- <command>`: provisioning from the command line. */
const config = loadConfigOrExit();
runTenantsCli(process.argv.slice(2), {
  config,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then((code) => process.exit(code));
