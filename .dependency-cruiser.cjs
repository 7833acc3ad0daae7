/**
 * The layers of the server, bottom to top; an import may only point down.
 * `npm run lint` runs this (docs/architecture.md draws the same picture).
 *
 *   bin/                       entry points: may import anything of the server
 *   api/  worker/  tenants/    top floors: wire domain and infra; nobody imports them but bin/ (and test/, bench/)
 *   infra/                     adapters: core/, schema/ and the domain's ports (domain/ports/) only
 *   domain/                    business rules: core/, schema/ and itself
 *   schema/                    entities and GraphQL types: core/ only
 *   core/                      ground floor: ids, money, enums, the clock; npm packages only
 *
 * migrations/, bench/, test/, scripts/ and console/ stand outside the layers:
 * test/ and bench/ may import anything, migrations/ only core/, schema/ and infra/, and
 * console/ (the browser app) nothing of the server. No floor below bin/ imports them.
 */
const SERVER = '^(core|schema|domain|infra|api|worker|tenants|bin|migrations)/';

module.exports = {
  forbidden: [
    {
      name: 'core-imports-nothing',
      comment: 'core/ is the ground floor: it imports npm packages and itself only.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(schema|domain|infra|api|worker|tenants|bin|migrations|test|bench|scripts|console)/' },
    },
    {
      name: 'schema-imports-core-only',
      comment: 'Entities and GraphQL types import core/ (and themselves) only; a shape the domain computes is declared in schema/views.',
      severity: 'error',
      from: { path: '^schema/' },
      to: { path: '^(domain|infra|api|worker|tenants|bin|migrations)/' },
    },
    {
      name: 'domain-not-infra',
      comment: 'The domain reaches the outside world through its ports (domain/ports), handed in by api/, worker/ or tenants/.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: '^(infra|api|worker|tenants|bin|migrations)/' },
    },
    {
      name: 'infra-implements-ports-only',
      comment: 'An adapter knows core/, schema/ and the port it implements, never the rest of the domain.',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^domain/', pathNot: '^domain/ports/' },
    },
    {
      name: 'infra-not-top-floors',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^(api|worker|tenants|bin|migrations)/' },
    },
    {
      name: 'top-floors-imported-by-entry-points-only',
      comment: 'api/, worker/ and tenants/ are wired by the entry points in bin/; no other floor, and no other top floor, imports them.',
      severity: 'error',
      from: { pathNot: ['^bin/', '^test/', '^bench/', '^(api|worker|tenants)/'] },
      to: { path: '^(api|worker|tenants)/' },
    },
    {
      name: 'top-floors-apart',
      comment: 'One top floor does not import another: what two of them share lives below them.',
      severity: 'error',
      from: { path: '^(api|worker|tenants)/' },
      to: { path: '^(api|worker|tenants)/', pathNot: '^$1/' },
    },
    {
      name: 'migrations-below-the-domain',
      comment: 'Migrations are SQL and their runner: they may use core/, schema/ and infra/ (config, connections), nothing that runs the product.',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^(domain|api|worker|tenants|bin)/' },
    },
    {
      name: 'layers-not-into-tools',
      comment: 'The product never imports its tests, benchmarks, scripts or the console.',
      severity: 'error',
      from: { path: SERVER },
      to: { path: '^(test|bench|scripts|console)/' },
    },
    {
      name: 'migrations-run-by-their-entry-point-only',
      comment: 'Only the migrate entry point (bin/) runs migrations; no floor imports them.',
      severity: 'error',
      from: { path: '^(core|schema|domain|infra|api|worker|tenants)/' },
      to: { path: '^migrations/' },
    },
    {
      name: 'console-not-server',
      comment: 'The console is a browser app talking GraphQL: it imports nothing of the server.',
      severity: 'error',
      from: { path: '^console/' },
      to: { path: SERVER },
    },
    {
      name: 'stripe-sdk-in-its-adapter-only',
      comment:
        'The Stripe SDK is spoken by infra/stripe alone: the rest of the server reaches Stripe through the payment gateway port (domain/ports/payment-gateway.ts) and its own types. test/ and bench/ may use the SDK.',
      severity: 'error',
      from: { path: SERVER, pathNot: '^infra/stripe/' },
      to: { path: '^node_modules/stripe/' },
    },
    {
      name: 'aws-sdk-in-its-adapter-only',
      comment:
        'The AWS SDK is spoken by infra/storage/s3-object-storage.ts alone: the rest of the server keeps files through the object storage port (domain/ports/object-storage.ts). test/ and bench/ may use the SDK.',
      severity: 'error',
      from: { path: SERVER, pathNot: '^infra/storage/s3-object-storage[.]ts$' },
      to: { path: '^node_modules/@aws-sdk/' },
    },
    {
      name: 'no-cycle-across-domain-folders',
      comment: 'Domain folders form a hierarchy: no import cycle runs through two of them (test/domain-folder-cycles.test.ts checks the folders pairwise).',
      severity: 'error',
      from: { path: '^domain/([^/]+)/' },
      to: { circular: true, via: { path: '^domain/', pathNot: '^domain/$1/' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // npm packages are kept as dependencies (not followed), so a rule can name one.
    exclude: { path: '^(dist|coverage)/|^console/src/gql/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
