import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../core/clock';
import type { Orm } from '../../domain/ports/database';
import { applyTenants } from '../../tenants/provisioning/apply';
import { loadTenantFiles } from '../../tenants/provisioning/load';

/**
 * The network most tests use: one HQ with two stores and a partner, and a
 * second, unrelated HQ with its own store (to prove an HQ sees only its own).
 */
export const PASSWORD = 'test-password-1';

export const TEST_NETWORK_YAML = `
tenants:
  - slug: hq-one
    name: HQ One
    kind: HQ
    staff:
      - { email: admin@hq-one.test, name: HQ Admin, role: HQ_ADMIN, password: ${PASSWORD} }
      - { email: supervisor@hq-one.test, name: HQ Supervisor, role: HQ_SUPERVISOR, password: ${PASSWORD} }
    productModels:
      - { modelCode: HQ1-LAPTOP-14, name: One Laptop 14, category: LAPTOP }
      - { modelCode: HQ1-MONITOR-27, name: One Monitor 27, category: MONITOR, mainPartCategories: [SCREEN], networkReturns: true }
  - slug: store-a
    name: Store A
    kind: STORE
    parent: hq-one
    staff:
      - { email: manager@store-a.test, name: Manager A, role: STORE_MANAGER, password: ${PASSWORD} }
      - { email: agent@store-a.test, name: Agent A, role: STORE_AGENT, password: ${PASSWORD} }
      - { email: tech@store-a.test, name: Tech A, role: TECHNICIAN, password: ${PASSWORD} }
  - slug: store-b
    name: Store B
    kind: STORE
    parent: hq-one
    staff:
      - { email: manager@store-b.test, name: Manager B, role: STORE_MANAGER, password: ${PASSWORD} }
      - { email: agent@store-b.test, name: Agent B, role: STORE_AGENT, password: ${PASSWORD} }
  - slug: partner-p
    name: Partner P
    kind: PARTNER
    parent: hq-one
    staff:
      - { email: manager@partner-p.test, name: Manager P, role: STORE_MANAGER, password: ${PASSWORD} }
  - slug: hq-two
    name: HQ Two
    kind: HQ
    staff:
      - { email: admin@hq-two.test, name: HQ Two Admin, role: HQ_ADMIN, password: ${PASSWORD} }
    productModels:
      - { modelCode: HQ2-DESKTOP-5, name: Two Desktop 5, category: DESKTOP, wholeMachineMonths: 36, mainPartsMonths: 36 }
  - slug: store-z
    name: Store Z
    kind: STORE
    parent: hq-two
    staff:
      - { email: manager@store-z.test, name: Manager Z, role: STORE_MANAGER, password: ${PASSWORD} }
`;

export function writeTempYaml(content: string, name = 'network.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-tenants-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

export async function provisionTestNetwork(orm: Orm): Promise<void> {
  await applyTenants(orm, loadTenantFiles(writeTempYaml(TEST_NETWORK_YAML)), systemClock);
}
