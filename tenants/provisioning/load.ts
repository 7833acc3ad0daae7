import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { roleFitsTenant } from '../../domain/permissions';
import { TenantKind } from '../../core/enums';
import { TenantSpec, tenantFileSpec } from './spec';

/** A problem in a tenant file: which file, where in the document, and what is wrong. */
export interface SpecProblem {
  file: string;
  path: string;
  message: string;
}

export class InvalidTenantFiles extends Error {
  constructor(readonly problems: SpecProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.path}: ${p.message}`).join('\n'));
  }
}

export interface LoadedTenant {
  file: string;
  index: number;
  spec: TenantSpec;
}

/** Reads and checks every .yaml/.yml file at `target` (a file or a folder, recursively). */
export function loadTenantFiles(target: string): LoadedTenant[] {
  const files = listFiles(target);
  if (files.length === 0) throw new InvalidTenantFiles([{ file: target, path: '(file)', message: 'no .yaml or .yml file found' }]);
  const problems: SpecProblem[] = [];
  const loaded: LoadedTenant[] = [];
  for (const file of files) {
    const name = relative(process.cwd(), file) || file;
    const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        const line = error.linePos?.[0];
        problems.push({ file: name, path: line ? `line ${line.line}, column ${line.col}` : '(document)', message: error.message.split('\n')[0] });
      }
      continue;
    }
    const parsed = tenantFileSpec.safeParse(document.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file: name, path: formatPath(issue.path), message: issue.message });
      continue;
    }
    parsed.data.tenants.forEach((spec, index) => loaded.push({ file: name, index, spec }));
  }
  problems.push(...crossChecks(loaded));
  if (problems.length > 0) throw new InvalidTenantFiles(problems);
  return loaded;
}

/**
 * Rules that span documents. A parent may also be a tenant that already exists
 * in the database; that is checked when applying.
 */
function crossChecks(loaded: LoadedTenant[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const bySlug = new Map<string, LoadedTenant>();
  for (const entry of loaded) {
    const at = (path: string) => ({ file: entry.file, path: `tenants[${entry.index}]${path}` });
    const { spec } = entry;
    if (bySlug.has(spec.slug)) problems.push({ ...at('.slug'), message: `slug ${spec.slug} is also defined in ${bySlug.get(spec.slug)!.file}` });
    bySlug.set(spec.slug, entry);
    if (spec.kind === TenantKind.HQ && spec.parent) problems.push({ ...at('.parent'), message: 'an HQ has no parent' });
    if (spec.kind !== TenantKind.HQ && spec.productModels.length > 0) {
      problems.push({ ...at('.productModels'), message: 'only an HQ keeps a product catalogue' });
    }
    const codes = new Set<string>();
    spec.productModels.forEach((model, i) => {
      if (codes.has(model.modelCode)) problems.push({ ...at(`.productModels[${i}].modelCode`), message: `${model.modelCode} appears twice` });
      codes.add(model.modelCode);
    });
    if (spec.kind !== TenantKind.HQ && !spec.parent) problems.push({ ...at('.parent'), message: `a ${spec.kind} needs the slug of its HQ as parent` });
    const emails = new Set<string>();
    spec.staff.forEach((staff, i) => {
      if (emails.has(staff.email)) problems.push({ ...at(`.staff[${i}].email`), message: `${staff.email} appears twice` });
      emails.add(staff.email);
      if (!roleFitsTenant(staff.role, spec.kind)) {
        problems.push({ ...at(`.staff[${i}].role`), message: `role ${staff.role} does not exist in a ${spec.kind} tenant` });
      }
    });
  }
  for (const entry of loaded) {
    const parent = entry.spec.parent ? bySlug.get(entry.spec.parent) : undefined;
    if (parent && parent.spec.kind !== TenantKind.HQ) {
      problems.push({ file: entry.file, path: `tenants[${entry.index}].parent`, message: `${parent.spec.slug} is a ${parent.spec.kind}, not an HQ` });
    }
  }
  return problems;
}

function listFiles(target: string): string[] {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new InvalidTenantFiles([{ file: target, path: '(file)', message: 'no such file or folder' }]);
  if (stat.isFile()) return [target];
  return readdirSync(target)
    .sort()
    .flatMap((entry) => {
      const full = join(target, entry);
      if (statSync(full).isDirectory()) return listFiles(full);
      return /\.ya?ml$/.test(entry) ? [full] : [];
    });
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(document)';
}
