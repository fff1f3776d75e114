/**
 * Scans the documents on screen shortly after they open or stop changing, so
 * the first hover or CodeLens request finds the scan cached instead of paying
 * for it. A pending scan is dropped when its document changes again.
 */
import * as vscode from 'vscode';
import type { ScanCache } from './cache';

const IDLE_MS = 300;

export class Prewarmer implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly cache: ScanCache) {}

  /** Schedules a scan of the document once it has been idle for a moment. */
  schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    const version = document.version;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (document.isClosed || document.version !== version) return;
        this.cache.get(document, () => document.isClosed || document.version !== version);
      }, IDLE_MS),
    );
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
