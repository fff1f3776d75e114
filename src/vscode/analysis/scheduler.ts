import * as vscode from 'vscode';

/**
 * Runs work for a document once it has been idle for a moment, and only if
 * it has not changed or closed meanwhile; a newer request for the same
 * document replaces a pending one. Used by the background scan and by the
 * quick-fix diagnostics, so typing never pays for either.
 */
export class IdleScheduler implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly run: (document: vscode.TextDocument, isStale: () => boolean) => void,
    private readonly delayMs = 300,
  ) {}

  schedule(document: vscode.TextDocument, delay = this.delayMs): void {
    const key = document.uri.toString();
    this.cancel(document.uri);
    const version = document.version;
    const isStale = () => document.isClosed || document.version !== version;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!isStale()) this.run(document, isStale);
      }, delay),
    );
  }

  cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
