/**
 * What the diagnosis panel shows, computed from findings: per finding its
 * ranked causes with the catalog's checks evaluated, plus everything the
 * panel's buttons may copy. Pure (no vscode), so the panel stays a thin view.
 */
import { evaluateChecks, getCause, type CauseEntry, type CheckResult } from '../core/knowledge/causes/index';
import { type CauseRef, type Finding, problemOf, tokenOf } from '../core/model';
import { redactToken } from '../core/redact';

/** A finding to show, with the text it was found in. */
export interface PanelInput {
  readonly finding: Finding;
  /** The finding's own characters (its span of the scanned text). */
  readonly raw: string;
  /** Where it is, for people ("line 4"). */
  readonly where?: string;
  /** The HTTP-file variable it was reached through. */
  readonly via?: string;
  /** How the key commands name this finding (a document target, or { text }); opaque here. */
  readonly target?: unknown;
}

export interface PanelCause {
  readonly ref: CauseRef;
  readonly entry?: CauseEntry;
  readonly checks: readonly CheckResult[];
  /** Per fix step, the copy id of its snippet (undefined for steps without one). */
  readonly snippetIds: readonly (string | undefined)[];
}

export interface PanelItem {
  readonly index: number;
  /** Stable for the same finding text: keys the user's ticks. */
  readonly fingerprint: string;
  readonly input: PanelInput;
  readonly causes: readonly PanelCause[];
}

export interface PanelModel {
  /** What was diagnosed ("sample.http, line 4", "the clipboard"). */
  readonly source: string;
  readonly now: number;
  readonly leeway: number;
  readonly items: readonly PanelItem[];
  readonly notes: readonly string[];
  /** Copy-button ids → the text they copy. */
  readonly copies: ReadonlyMap<string, string>;
  /** Keys of the manual checks shown (the only keys a tick message may name). */
  readonly manualKeys: ReadonlySet<string>;
}

/** Findings shown in one panel at most; a selection of a whole log shows the first ones. */
export const MAX_ITEMS = 10;

/** FNV-1a of the text (first 8 KB and the length): equal findings tick alike, nothing secret is kept. */
export function fingerprint(kind: string, raw: string): string {
  let h = 0x811c9dc5;
  const s = `${kind}:${raw.length}:${raw.slice(0, 8192)}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The key of a manual check's tick. */
export function tickKey(item: Pick<PanelItem, 'fingerprint'>, causeId: string, checkId: string): string {
  return `${item.fingerprint}/${causeId}/${checkId}`;
}

/** The decoded content as pretty JSON, for "Copy decoded JSON". */
export function decodedJson(f: Finding): string {
  const t = tokenOf(f);
  if (t) {
    const value: Record<string, unknown> = { header: t.header ?? null };
    if (t.claims) value.claims = t.claims;
    else if (t.payloadText !== undefined) value.payloadText = t.payloadText;
    if (t.nested) value.nested = { header: t.nested.header ?? null, claims: t.nested.claims ?? null };
    if (t.signature) value.signature = { status: t.signature.status, key: t.signature.key ?? null, reason: t.signature.reason ?? null };
    if (t.decryption) value.decryption = { status: t.decryption.status, key: t.decryption.key ?? null, reason: t.decryption.reason ?? null };
    return JSON.stringify(value, null, 2);
  }
  return JSON.stringify({ kind: f.kind, ...(f.error ? { error: f.error } : {}), ...(problemOf(f) ?? {}) }, null, 2);
}

export function buildPanelModel(
  inputs: readonly PanelInput[],
  context: { source: string; now: number; leeway: number; all: readonly Finding[]; notes?: readonly string[] },
): PanelModel {
  const copies = new Map<string, string>();
  const manualKeys = new Set<string>();
  const notes = [...(context.notes ?? [])];
  if (inputs.length > MAX_ITEMS) notes.push(`Showing the first ${MAX_ITEMS} of ${inputs.length} findings.`);
  let snippet = 0;
  const items = inputs.slice(0, MAX_ITEMS).map((input, index): PanelItem => {
    const f = input.finding;
    const item = { index, fingerprint: fingerprint(f.kind, input.raw), input };
    copies.set(`decoded-${index}`, decodedJson(f));
    const token = tokenOf(f);
    if (token?.header) copies.set(`redacted-${index}`, redactToken(token));
    const causes = f.causes.map((ref): PanelCause => {
      const entry = getCause(ref.id);
      const all = context.all.includes(f) ? context.all : [f, ...context.all];
      const checks = evaluateChecks(ref.id, f, all, { now: context.now, leeway: context.leeway });
      for (const c of checks) if (c.kind === 'manual') manualKeys.add(tickKey(item, ref.id, c.id));
      const snippetIds = (entry?.fixSteps ?? []).map((step) => {
        if (!step.snippet) return undefined;
        const id = `snippet-${snippet++}`;
        copies.set(id, step.snippet.code);
        return id;
      });
      return { ref, ...(entry ? { entry } : {}), checks, snippetIds };
    });
    return { ...item, causes };
  });
  return { source: context.source, now: context.now, leeway: context.leeway, items, notes, copies, manualKeys };
}
