import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../core/project-root';

/**
 * The console speaks zh-CN and en completely: every namespace has the same
 * keys in both, and every value of every enum the API can answer has its
 * words in both (the browser tests catch a key a page asks for and lacks).
 */
const LOCALES = join(projectRoot(), 'console', 'src', 'i18n', 'locales');
const LANGUAGES = ['zh-CN', 'en'];

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

const read = (language: string, namespace: string): Tree => JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8'));

const namespaces = [...new Set(LANGUAGES.flatMap((language) => readdirSync(join(LOCALES, language)).map((file) => file.replace(/\.json$/, ''))))].sort();

test.each(namespaces)('namespace %s: the same keys in zh-CN and en, none empty', (namespace) => {
  const [zh, en] = LANGUAGES.map((language) => read(language, namespace));
  expect(keysOf(zh).sort()).toEqual(keysOf(en).sort());
  for (const tree of [zh, en]) {
    const empty = keysOf(tree).filter((key) => key.split('.').reduce<string | Tree>((node, part) => (node as Tree)[part], tree) === '');
    expect(empty).toEqual([]);
  }
});

test('every value of every enum of the schema has its words, in both languages', () => {
  const schema = readFileSync(join(projectRoot(), 'schema', 'schema.graphql'), 'utf8');
  const values = [...schema.matchAll(/^enum (\w+) \{\n([\s\S]*?)^\}/gm)].flatMap(([, name, body]) =>
    [...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*)$/gm)].map(([, value]) => `${name}.${value}`),
  );
  expect(values.length).toBeGreaterThan(150);
  for (const language of LANGUAGES) {
    const enums = keysOf(read(language, 'enums'));
    expect({ language, missing: values.filter((value) => !enums.includes(value)) }).toEqual({ language, missing: [] });
  }
});

/** Every console source file, without the generated GraphQL types. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'gql' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

test('every key a component names literally has its words (a page not opened by a browser test is checked too)', () => {
  const keys = new Map(namespaces.map((namespace) => [namespace, new Set(keysOf(read('en', namespace)))]));
  // i18next's plural forms: `count` picks `key_one`, `key_other`…
  const has = (set: Set<string>, key: string) => set.has(key) || [...set].some((known) => known.startsWith(`${key}_`));
  const named = sourceFiles(join(projectRoot(), 'console', 'src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'/g)].map(([, key]) => ({ file: file.slice(projectRoot().length + 1), key })),
  );
  expect(named.length).toBeGreaterThan(1000);
  const missing = named.filter(({ key }) => {
    const [namespace, rest] = key.includes(':') ? key.split(':', 2) : [undefined, key];
    // Without a namespace, the key is looked up in the component's own namespaces: it must be in one of them.
    return namespace ? !has(keys.get(namespace) ?? new Set(), rest) : ![...keys.values()].some((set) => has(set, rest));
  });
  expect(missing).toEqual([]);
});
