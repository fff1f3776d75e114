import * as vscode from 'vscode';
import { DEFAULT_LIMITS, SessionScan, failureKey, type DebugFinding, type DebugSource } from './session';
import type { ShowFinding } from './findingActions';
import { DEFAULT_LEEWAY_SECONDS } from '../../core/model';

/** The view's id (package.json contributes.views.debug). */
export const DEBUG_VIEW_ID = 'tokenDoctor.debugFindings';
const MAX_RECORDS = 10;
const MAX_PENDING_EVALUATIONS = 256;
const MAX_VALUES_PER_RESPONSE = 50;

/** What the view and notifications show for one top-level debug session and its children. */
export class SessionRecord {
  readonly scans = new Map<string, SessionScan>();
  /** Failure keys a notification was shown for (at most one per key and session). */
  readonly notified = new Set<string>();
  readonly started = Date.now();

  constructor(
    readonly id: string,
    readonly name: string,
  ) {}

  get ended(): boolean {
    for (const s of this.scans.values()) if (!s.ended) return false;
    return true;
  }

  findings(): DebugFinding[] {
    return [...this.scans.values()].flatMap((s) => s.findings);
  }

  dispose(): void {
    for (const s of this.scans.values()) s.dispose();
    this.scans.clear();
  }
}

const EVALUATE_SOURCES: Readonly<Record<string, DebugSource>> = {
  watch: 'watch',
  hover: 'hover',
  repl: 'repl',
};

/**
 * Watches every debug session through a debug adapter tracker: output events
 * are scanned as a stream, and values the debugger shows (variables, watch,
 * hover, console evaluations) are checked for tokens. State lives in this
 * instance, one SessionScan per session, ended with the session.
 */
export class DebugWatcher implements vscode.Disposable {
  private readonly records = new Map<string, SessionRecord>();
  private readonly sessions = new Map<string, vscode.DebugSession>();
  private readonly changed = new vscode.EventEmitter<SessionRecord | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private leeway = readLeeway();

  constructor(private readonly showFinding: ShowFinding) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tokenDoctor.leeway')) this.leeway = readLeeway();
      }),
      vscode.debug.registerDebugAdapterTrackerFactory('*', {
        createDebugAdapterTracker: (session) => this.track(session),
      }),
      vscode.debug.onDidTerminateDebugSession((session) => this.end(session.id)),
    );
  }

  /** The debug session with this id, while it runs. */
  session(id: string): vscode.DebugSession | undefined {
    return this.sessions.get(id);
  }

  allRecords(): SessionRecord[] {
    return [...this.records.values()];
  }

  /** The record of a session (by its own id or its top-level session's id). */
  record(sessionId: string): SessionRecord | undefined {
    const direct = this.records.get(sessionId);
    if (direct) return direct;
    for (const r of this.records.values()) if (r.scans.has(sessionId)) return r;
    return undefined;
  }

  find(findingId: string): DebugFinding | undefined {
    for (const r of this.records.values()) {
      const f = r.findings().find((d) => d.id === findingId);
      if (f) return f;
    }
    return undefined;
  }

  clear(): void {
    for (const [id, r] of this.records) {
      if (r.ended) {
        r.dispose();
        this.records.delete(id);
      } else {
        for (const s of r.scans.values()) s.findings.length = 0;
      }
    }
    this.changed.fire(undefined);
  }

  /** Resolves once every running session's queued output was scanned. */
  async whenIdle(): Promise<void> {
    await Promise.all(this.allRecords().flatMap((r) => [...r.scans.values()].map((s) => s.whenIdle())));
  }

  dispose(): void {
    for (const r of this.records.values()) r.dispose();
    this.records.clear();
    this.sessions.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private track(session: vscode.DebugSession): vscode.DebugAdapterTracker | undefined {
    if (!vscode.workspace.getConfiguration('tokenDoctor.debug').get<boolean>('scanOutput', true)) return undefined;
    let root = session;
    while (root.parentSession) root = root.parentSession;
    let record = this.records.get(root.id);
    if (!record) {
      record = new SessionRecord(root.id, root.name);
      this.records.set(root.id, record);
      this.prune();
    }
    const rec = record;
    const scan = new SessionScan(
      session.id,
      (added) => this.added(rec, added),
      DEFAULT_LIMITS,
      () => this.leeway,
    );
    rec.scans.set(session.id, scan);
    this.sessions.set(session.id, session);
    // evaluate request seq -> where it came from; answered requests are removed.
    const evaluations = new Map<number, DebugSource>();

    return {
      onWillReceiveMessage: (m: DapMessage) => {
        if (m?.type !== 'request' || m.command !== 'evaluate') return;
        const source = EVALUATE_SOURCES[String(m.arguments?.context)];
        if (!source || typeof m.seq !== 'number') return;
        if (evaluations.size >= MAX_PENDING_EVALUATIONS) evaluations.clear();
        evaluations.set(m.seq, source);
      },
      onDidSendMessage: (m: DapMessage) => {
        try {
          if (m?.type === 'event') {
            if (m.event === 'output') scan.output(str(m.body?.category), str(m.body?.output));
            return;
          }
          if (m?.type !== 'response') return;
          if (m.command === 'evaluate' && typeof m.request_seq === 'number') {
            const source = evaluations.get(m.request_seq);
            evaluations.delete(m.request_seq);
            if (source && m.success) scan.value(source, str(m.body?.result));
          } else if (m.command === 'variables' && m.success && Array.isArray(m.body?.variables)) {
            // Bounded: at most MAX_VALUES_PER_RESPONSE values that could hold a token are scanned.
            let budget = MAX_VALUES_PER_RESPONSE;
            for (const v of m.body.variables as unknown[]) {
              const value = str((v as { value?: unknown } | null)?.value);
              if (value === undefined || !value.includes('eyJ')) continue;
              scan.value('variables', value);
              if (--budget === 0) break;
            }
          }
        } catch {
          // Never let a malformed message disturb the debug session.
        }
      },
      onWillStopSession: () => this.end(session.id),
      onExit: () => this.end(session.id),
    };
  }

  private end(sessionId: string): void {
    const record = this.record(sessionId);
    const scan = record?.scans.get(sessionId);
    this.sessions.delete(sessionId);
    if (!record || !scan || scan.ended) return;
    scan.end(); // scans what is left and drops the scanners; findings stay for the view
    if (record.ended && record.findings().length === 0) {
      record.dispose();
      this.records.delete(record.id);
    }
    this.changed.fire(undefined);
  }

  /** Drops the oldest ended sessions beyond MAX_RECORDS. */
  private prune(): void {
    if (this.records.size <= MAX_RECORDS) return;
    const ended = this.allRecords()
      .filter((r) => r.ended)
      .sort((a, b) => a.started - b.started);
    for (const r of ended.slice(0, this.records.size - MAX_RECORDS)) {
      r.dispose();
      this.records.delete(r.id);
    }
  }

  private added(record: SessionRecord, added: readonly DebugFinding[]): void {
    this.changed.fire(record);
    const config = vscode.workspace.getConfiguration('tokenDoctor.debug');
    if (!config.get<boolean>('notifications', true)) return;
    for (const d of added) {
      // Notify about failures that happened (program output), not tokens sitting in variables.
      if (d.source !== 'stdout' && d.source !== 'stderr' && d.source !== 'console') continue;
      const key = failureKey(d.finding);
      if (!key || record.notified.has(key)) continue;
      record.notified.add(key);
      void this.notify(record, d);
    }
  }

  private async notify(record: SessionRecord, d: DebugFinding): Promise<void> {
    const diagnose = 'Diagnose';
    const show = 'Show Findings';
    const never = "Don't Show Again";
    const choice = await vscode.window.showWarningMessage(`Token Doctor: ${d.finding.summary} (debug session "${record.name}")`, diagnose, show, never);
    if (choice === diagnose) this.showFinding(d.finding, d.text, `Diagnosis of a finding in debug session "${record.name}"`);
    else if (choice === show) await vscode.commands.executeCommand(`${DEBUG_VIEW_ID}.focus`);
    else if (choice === never) {
      await vscode.workspace.getConfiguration('tokenDoctor.debug').update('notifications', false, vscode.ConfigurationTarget.Global);
    }
  }
}

/** The `tokenDoctor.leeway` setting (seconds of clock skew allowed), clamped like the editor's. */
function readLeeway(): number {
  const v = vscode.workspace.getConfiguration('tokenDoctor').get<unknown>('leeway');
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(86400, Math.max(0, v)) : DEFAULT_LEEWAY_SECONDS;
}

/** The members of a DAP message the tracker reads; anything may be missing. */
interface DapMessage {
  type?: string;
  seq?: number;
  event?: string;
  command?: string;
  request_seq?: number;
  success?: boolean;
  arguments?: { context?: unknown };
  /** Read defensively: an adapter may send anything. */
  body?: { category?: unknown; output?: unknown; result?: unknown; variables?: unknown };
}

/** A string member of an adapter's message, or undefined. */
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
