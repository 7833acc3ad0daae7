import type { Orm } from '../ports/database';
import type { Clock } from '../../core/clock';
import type { TokenSettings } from './tokens';

/** What authentication needs before any tenant context exists. */
export interface AuthDeps {
  orm: Orm;
  tokens: TokenSettings;
  clock: Clock;
}
