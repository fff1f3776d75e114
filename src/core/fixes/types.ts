export type { FixAction, FixEdit, Mistake } from '../model';

/** How a document is written: decides how values and fixes are spelled. */
export type Dialect = 'json' | 'js' | 'python' | 'http' | 'shell' | 'other';

export const DEFAULT_MAX_ASSERTION_LIFETIME = 86400;
/** The lifetime the fixes give a client assertion. */
export const SHORT_LIFETIME_SECONDS = 600;
