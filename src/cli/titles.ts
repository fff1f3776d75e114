/** Cause titles for the command line's reports (filled from the catalog). */
export function causeTitle(_id: string): string | undefined {
  return undefined;
}
