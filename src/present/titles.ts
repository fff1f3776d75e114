import { getCause } from '../core/knowledge/causes/index';

/** Cause titles for the command line's reports, from the catalog. */
export function causeTitle(id: string): string | undefined {
  return getCause(id)?.title;
}
