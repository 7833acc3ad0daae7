import { ActionKind } from '../../domain/scheduling/action-kinds';
import type { ProcessorRegistry } from './run-action';

/** Which processor does each kind of scheduled action. */
export const ACTION_PROCESSORS: ProcessorRegistry = {
} satisfies Partial<Record<ActionKind, unknown>>;
