import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * A domain folder that reacts to another's change subscribes to its domain
 * events instead of being called by it, and a piece both sides need lives in
 * the lower one: no two folders of `domain/` import each other. This reads
 * every import of the domain's source (type-only ones too) and fails on any
 * pair of folders that import each other, naming the files on each side, and
 * on any longer chain of folders that comes back to where it started.
 */
const ROOT = resolve(__dirname, '..');
const DOMAIN = join(ROOT, 'domain');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `domain/<folder>/...` gives the folder; files directly in `domain/` belong to no folder. */
function folderOf(path: string): string | null {
  const parts = relative(DOMAIN, path).split(sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : null;
}

/** Every pair `from -> to` of domain folders with the files of `from` that import `to`. */
function folderImports(files: string[]): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file);
    if (!from) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = folderOf(resolve(dirname(file), fileName));
      if (!to || to === from) continue;
      const key = `${from} -> ${to}`;
      edges.set(key, (edges.get(key) ?? new Set()).add(relative(ROOT, file)));
    }
  }
  return edges;
}

function importPairs(edges: Map<string, Set<string>>): string[] {
  const pairs: string[] = [];
  for (const [key, files] of edges) {
    const [from, to] = key.split(' -> ');
    const back = edges.get(`${to} -> ${from}`);
    if (!back || from > to) continue;
    pairs.push(`${from} <-> ${to}: ${[...files].join(', ')} | ${[...back].join(', ')}`);
  }
  return pairs.sort();
}

/** A chain of folders that leads back to where it started (a -> b -> c -> a), or null when there is none. */
function firstCycle(edges: Map<string, Set<string>>): string[] | null {
  const next = new Map<string, string[]>();
  for (const key of [...edges.keys()].sort()) {
    const [from, to] = key.split(' -> ');
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const done = new Set<string>();
  const visit = (folder: string, path: string[]): string[] | null => {
    if (path.includes(folder)) return [...path.slice(path.indexOf(folder)), folder];
    if (done.has(folder)) return null;
    for (const to of next.get(folder) ?? []) {
      const cycle = visit(to, [...path, folder]);
      if (cycle) return cycle;
    }
    done.add(folder);
    return null;
  };
  for (const folder of [...next.keys()].sort()) {
    const cycle = visit(folder, []);
    if (cycle) return cycle;
  }
  return null;
}

describe('domain folders', () => {
  const edges = folderImports(sourceFiles(DOMAIN));

  it('reads the imports between folders', () => {
    // The reader itself must see what is there: tickets publish through the events folder.
    expect(edges.get('tickets -> events')).toContain('domain/tickets/ticket.service.ts');
    expect(edges.size).toBeGreaterThan(20);
  });

  it('never import each other', () => {
    expect(importPairs(edges)).toEqual([]);
  });

  it('form no longer cycle either', () => {
    expect(firstCycle(edges)).toBeNull();
    // The search itself finds one where there is one.
    const looped = new Map(edges).set('events -> tickets', new Set(['a file']));
    expect(firstCycle(looped)).toEqual(expect.arrayContaining(['events', 'tickets']));
  });

  it('leave the events below every subscriber and tickets above none of them', () => {
    const importsOf = (folder: string) => [...edges.keys()].filter((key) => key.startsWith(`${folder} -> `)).map((key) => key.split(' -> ')[1]);
    expect(importsOf('events')).toEqual([]);
    for (const subscriber of ['notifications', 'webhooks', 'callbacks']) expect(importsOf('tickets')).not.toContain(subscriber);
    // Only the processes' wiring knows every subscriber: no domain folder imports it.
    expect([...edges.keys()].filter((key) => key.endsWith(' -> wiring'))).toEqual([]);
  });
});
