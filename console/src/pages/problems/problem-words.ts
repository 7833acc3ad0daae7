import type { ProblemStatus } from '../../gql/graphql';

/** The namespaces a problem page's words come from. */
export const PROBLEM_NAMESPACES = ['problems', 'enums', 'errors', 'common'];

export const STATUSES: ProblemStatus[] = ['OPEN', 'KNOWN_ERROR', 'RESOLVED'];

export const STATUS_COLOR: Record<ProblemStatus, string> = { OPEN: 'orange', KNOWN_ERROR: 'blue', RESOLVED: 'green' };

export const FAULT_CATEGORIES = [
  'POWER',
  'BATTERY',
  'DISPLAY',
  'KEYBOARD_INPUT',
  'STORAGE',
  'OVERHEATING',
  'CONNECTIVITY',
  'AUDIO',
  'SOFTWARE',
  'MECHANICAL',
  'LIQUID_DAMAGE',
  'OTHER',
] as const;

/** A path below /console for a problem's page. */
export const problemPath = (id: string) => `/problems/${encodeURIComponent(id)}`;
