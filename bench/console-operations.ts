import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../core/project-root';

/**
 * Operations of the console, read from its source so that a bench asks exactly
 * what a page asks (the console's modules are browser code, not loaded here).
 */
const consoleSource = (...path: string[]) => readFileSync(join(projectRoot(), 'console', 'src', ...path), 'utf8');

/** The first `graphql(`…`)` document of a console source file. */
const firstDocument = (source: string) => /graphql\(`([\s\S]*?)`\)/.exec(source)![1];

const QUEUE_SOURCE = consoleSource('pages', 'desk', 'queue.queries.ts');

/** The store's work queue: its tickets by urgency, with what each row shows. */
export const QUEUE_QUERY = firstDocument(QUEUE_SOURCE);

/** How many rows the queue asks for after its first screenful. */
export const QUEUE_NEXT_PAGES = Number(/QUEUE_NEXT_PAGES = (\d+)/.exec(QUEUE_SOURCE)![1]);

/** The ticket states the queue shows. */
export const QUEUE_STATUSES = JSON.parse(/= (\[[^\]]*\])/.exec(consoleSource('pages', 'desk', 'open-statuses.ts'))![1].replace(/'/g, '"')) as string[];

/** HQ's network page: every store's weekly figures. */
export const NETWORK_FIGURES_QUERY = firstDocument(consoleSource('pages', 'hq', 'WeeklyTrend.tsx'));
