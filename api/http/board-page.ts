import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The dashboard loads nothing from another host: it must work offline and
 * where third-party hosts are blocked (inside China, Google's are). Bull-board's
 * page links Google Fonts; that link is dropped and its CSS falls back to the
 * system fonts it already names. Anything else a bull-board upgrade might load
 * from elsewhere stops the api at start instead of reaching a browser, and the
 * Content-Security-Policy below keeps scripts to this origin whatever they do.
 */
const THIRD_PARTY_LINK = /<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?\/\/[^>]*>\s*/gi;
const THIRD_PARTY_REFERENCE = /\b(?:src|href)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/i;
const THIRD_PARTY_CSS = /(?:@import\s+(?:url\()?|url\()\s*["']?((?:https?:)?\/\/[^"')\s]+)/i;

/** The board's page without its third-party links; throws when it references another host some other way. */
export function selfContainedPage(html: string): string {
  const page = html.replace(THIRD_PARTY_LINK, '');
  const left = THIRD_PARTY_REFERENCE.exec(page);
  if (left) throw new Error(`the queue dashboard page loads ${left[1]}: serve it from the api or strip it`);
  return page;
}

/** Throws when a stylesheet the board serves imports or points at another host. */
export function assertSelfContainedStyles(staticRoot: string): void {
  for (const entry of readdirSync(staticRoot, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.css')) continue;
    const file = join(entry.parentPath, entry.name);
    const found = THIRD_PARTY_CSS.exec(readFileSync(file, 'utf8'));
    if (found) throw new Error(`the queue dashboard stylesheet ${file} loads ${found[1]}: serve it from the api or strip it`);
  }
}

/**
 * Only this origin. Styles may be inline as well: bull-board's loading screen
 * is styled by attributes and a <style> element, and its components set
 * styles at run time; scripts, the riskier kind, may not.
 */
export const BOARD_CSP = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
