/**
 * The engine's one error boundary. Each stage of an analysis runs inside it:
 * an internal error (a bug, never a property of the input) becomes a note
 * that says which stage stopped, and the analysis goes on with what the other
 * stages found. With `strict` (tests) the error is thrown instead, so a bug
 * can never hide as "no findings".
 */
export class EngineError extends Error {
  readonly code = 'ERR_ENGINE_STAGE';
  constructor(
    readonly stage: string,
    readonly original: unknown,
  ) {
    super(`${stage}: ${original instanceof Error ? original.message : String(original)}`);
    this.name = 'EngineError';
  }
}

export interface Boundary {
  readonly notes: string[];
  readonly strict: boolean;
}

/** Runs `fn`; on an internal error records a note (or throws an EngineError when strict) and returns `fallback`. */
export function guarded<T>(boundary: Boundary, stage: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (boundary.strict) throw err instanceof EngineError ? err : new EngineError(stage, err);
    const note = `Part of the analysis (${stage}) stopped early because of an internal error; what it found before is shown.`;
    if (!boundary.notes.includes(note)) boundary.notes.push(note);
    return fallback;
  }
}
