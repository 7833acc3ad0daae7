import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { systemClock } from '../core/clock';
import { projectRoot } from '../core/project-root';
import { applyTenants } from '../tenants/provisioning/apply';
import { loadTenantFiles } from '../tenants/provisioning/load';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The walkthrough of docs/service-desk.md is true: the same script, with curl, against a
 * server provisioned with the demo network, runs the whole story without an
 * error or a userError.
 */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ provision: false });
  await applyTenants(api.orm, loadTenantFiles(join(projectRoot(), 'tenants', 'demo')), systemClock);
}, 60000);

afterAll(async () => {
  await api.stop();
});

test('scripts/desk-walkthrough.sh runs from registration to close, dispatch and complaint included', async () => {
  const script = join(projectRoot(), 'scripts', 'desk-walkthrough.sh');
  const { code, out, err } = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn('bash', [script], { env: { ...process.env, API: api.url } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('close', (exit) => resolve({ code: exit, out, err }));
  });
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(out).toContain('"warrantyAtRegistration":{"status":"IN_WARRANTY"');
  expect(out).toMatch(/"number":"ZGC-\d{4}-000001","status":"CLOSED"/);
  expect(out).toContain('"partnerStatus":"REPAIRED"');
  expect(out).toContain('PART_DELAYED');
  expect(out).toContain('PARTNER_PROGRESS');
  expect(out).toContain('== done');
  // About 80 curl calls, each a process of its own: slow on a loaded 2-core machine.
}, 180000);
