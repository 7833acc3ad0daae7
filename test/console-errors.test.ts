import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../core/project-root';

/**
 * Every code the api can answer has words in the console's `errors`
 * namespace, in zh-CN and en: the codes of `userErrors` and the codes of
 * top-level errors (`extensions.code`). The list is read from the source,
 * not kept by hand, so a new code without words fails here:
 *
 * - the first argument of every `new UserInputError(...)`, `new AccessError(...)`
 *   and of the standard's and calendar's own errors (both sides of a ternary);
 * - every `code: 'A' | 'B'` type and `code: 'A'` value (problems that become
 *   userErrors, extensions set by hand), and every `...Code = 'A' | 'B'` type;
 * - the codes the api lets through to clients (`KNOWN_CODES`, the limit codes)
 *   and those its HTTP routes answer with (`errorReply(reply, status, 'CODE', ...)`).
 */
const ROOT = projectRoot();
const SOURCES = ['api', 'domain', 'worker', 'infra'];
const LOCALES = join(ROOT, 'console', 'src', 'i18n', 'locales');
const CODE = /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(test|spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The source without its comments (a comment may hold a `;` or a quoted word). */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** The text of a call's first argument, from just after `(` to the first comma (or `)`) at its own depth. */
function firstArgument(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) {
      if (depth === 0) return text.slice(start, i);
      depth--;
    } else if (char === ',' && depth === 0) return text.slice(start, i);
  }
  return text.slice(start);
}

function codesIn(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const add = (fragment: string, why: string) => {
    for (const [, code] of fragment.matchAll(CODE)) if (!found.has(code)) found.set(code, why);
  };
  for (const match of text.matchAll(/new (UserInputError|AccessError|InvalidTemplateError|InvalidCalendarError)\(/g))
    add(firstArgument(text, match.index + match[0].length), match[1]);
  for (const match of text.matchAll(/\bcode\??:\s*((?:'[A-Z][A-Z0-9_]*'\s*\|?\s*)+)/g)) add(match[1], 'code:');
  for (const match of text.matchAll(/\btype \w*Code\w*\s*=([^;]+);/g)) add(match[1], 'type');
  for (const match of text.matchAll(/\bKNOWN_CODES = new Set\(\[([\s\S]*?)\]\)/g)) add(match[1], 'KNOWN_CODES');
  for (const match of text.matchAll(/\bLIMIT_MESSAGES\b[^=]*=\s*\[([\s\S]*?)\];/g)) add(match[1], 'LIMIT_MESSAGES');
  for (const match of text.matchAll(/errorReply\([^,]+,[^,]+,\s*('[A-Z][A-Z0-9_]*')/g)) add(match[1], 'errorReply');
  return found;
}

function apiCodes(): Map<string, string> {
  const all = new Map<string, string>();
  for (const file of SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    for (const [code, why] of codesIn(withoutComments(readFileSync(file, 'utf8')))) if (!all.has(code)) all.set(code, `${relative(ROOT, file)} (${why})`);
  }
  // Every failure the api does not expect reaches the client as this one.
  all.set('INTERNAL_SERVER_ERROR', 'api/graphql/errors.ts (formatError)');
  return all;
}

const words = (language: string): Record<string, unknown> => JSON.parse(readFileSync(join(LOCALES, language, 'errors.json'), 'utf8'));

const codes = apiCodes();

test('the codes are read from the source: userErrors, extension codes and HTTP codes alike', () => {
  expect(codes.size).toBeGreaterThan(150);
  for (const code of [
    'STALE',
    'LOOSER_THAN_HQ',
    'ILLEGAL_TRANSITION',
    'MISSING_PLACEHOLDER',
    'INVALID_PHONE_DIGITS',
    'THROTTLED',
    'PAYMENT_REQUIRED',
    'PLAN_LIMIT',
    'MAX_COST_EXCEEDED',
    'CSRF_ORIGIN_REFUSED',
    'GRAPHQL_VALIDATION_FAILED',
    'MAX_DEPTH_EXCEEDED',
    'INTERNAL_SERVER_ERROR',
  ])
    expect(codes.has(code)).toBe(true);
});

test.each(['zh-CN', 'en'])('in %s, every code the api can answer has words that say what happened', (language) => {
  const namespace = words(language);
  const missing = [...codes]
    .filter(([code]) => typeof namespace[code] !== 'string' || (namespace[code] as string).trim() === '')
    .map(([code, where]) => `${code} from ${where}`);
  expect(missing).toEqual([]);
});

test('the namespace words only codes (a code the api no longer answers is not left behind)', () => {
  for (const language of ['zh-CN', 'en']) {
    const stale = Object.keys(words(language)).filter((code) => !codes.has(code));
    expect({ language, stale }).toEqual({ language, stale: [] });
  }
});

test('the words need no values: a userError is worded by its code alone, so no {{placeholder}} is left unfilled', () => {
  for (const language of ['zh-CN', 'en']) {
    const withPlaceholders = Object.entries(words(language))
      .filter(([, text]) => /\{\{|\}\}/.test(String(text)))
      .map(([code]) => code);
    expect({ language, withPlaceholders }).toEqual({ language, withPlaceholders: [] });
  }
});
