/**
 * What checks with the user's keys found, by compact token, for as long as
 * VS Code runs (in memory only: results name keys, and a decrypted
 * plaintext is held here, never written anywhere). Every analysis reads a
 * snapshot; a change fires once per batch of checks so the editor analyses
 * again and hovers, lenses and the panel show the new facts.
 */
import * as vscode from 'vscode';
import type { TokenCheck, TokenChecks } from '../../core/model';

/** Results kept at most; the oldest go first. */
const MAX_RESULTS = 5000;

export class CheckResults implements vscode.Disposable {
  private readonly map = new Map<string, TokenCheck>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  /** Adds results (a JWE's and the tokens nested in it) and says so once. */
  add(results: ReadonlyMap<string, TokenCheck>): void {
    if (!results.size) return;
    for (const [compact, check] of results) {
      this.map.delete(compact);
      this.map.set(compact, check);
    }
    while (this.map.size > MAX_RESULTS) this.map.delete(this.map.keys().next().value!);
    this.changed.fire();
  }

  has(compact: string): boolean {
    return this.map.has(compact);
  }

  get(compact: string): TokenCheck | undefined {
    return this.map.get(compact);
  }

  /** The lookup an analysis reads: a copy, so one analysis sees one set of results. */
  snapshot(): TokenChecks | undefined {
    if (!this.map.size) return undefined;
    const copy = new Map(this.map);
    return (compact) => copy.get(compact);
  }

  /** Forgets every result (keys were removed: what they proved no longer stands). */
  clear(): void {
    if (!this.map.size) return;
    this.map.clear();
    this.changed.fire();
  }

  dispose(): void {
    this.map.clear();
    this.changed.dispose();
  }
}
