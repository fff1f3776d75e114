/**
 * One finding as the chosen output format writes it, built where the finding
 * was analysed (a worker thread) so that only short strings cross threads.
 * A record holds everything but the finding's place in the whole input, which
 * only the thread writing the output knows: positions are relative to the
 * start of the part of the input the job owned.
 */
import { createHash } from 'node:crypto';
import { isTokenFinding, problemOf, tokenOf, type Finding } from '../core/model';
import { findingBody, style, terminalSafe, type Style } from '../present/cliText';
import { causeTitle } from '../present/titles';
import type { Format } from './args';
import { causesOut, type CauseOut } from './established';
import { keyMembers } from './keys';
import type { Redactor } from './redaction';
import { ruleIndex } from './sarif';

export interface Rec {
  readonly kind: string;
  /** UTF-16 offsets relative to the owned part's start. */
  readonly s: number;
  readonly e: number;
  /** Line relative to the owned part's first line (0 there), and 0-based column (on line 0, relative to the part's start). */
  readonly l: number;
  readonly c: number;
  readonly el: number;
  readonly ec: number;
  /** Cause ids in output order, and the established ones (for --fail-on). */
  readonly ids: readonly string[];
  readonly est: readonly string[];
  /** The format's text for the finding without its place (see ./writers). */
  readonly body: string;
  /** SARIF: a hash of what was found, for partialFingerprints. */
  readonly fp?: string;
}

export interface RecordOptions {
  readonly format: Format;
  readonly color: boolean;
  readonly now: number;
  readonly leeway: number;
  /** Keys were given (--key, --secret-env, --jwks-url): token findings carry signature or decryption. */
  readonly keysGiven?: boolean;
}

/** The members of a `scan --json` finding after kind, start, end, line and column (../shared/contract.md). */
export function jsonMembers(f: Finding, causes: readonly CauseOut[], keysGiven = false): Record<string, unknown> {
  const t = tokenOf(f);
  const problem = problemOf(f);
  return {
    ...(f.error !== undefined ? { error: f.error } : {}),
    causes: causes.map((c) => ({ id: c.id, title: causeTitle(c.id), ...(c.established ? { established: true } : {}), evidence: c.evidence })),
    summary: f.summary,
    ...(t
      ? {
          token: {
            format: t.format,
            type: t.type.type,
            header: t.header,
            claims: t.claims,
            damage: t.damage.map((d) => d.kind),
            notes: t.notes.map((n) => n.code),
          },
        }
      : {}),
    ...(problem ? { problem } : {}),
    ...keyMembers(f, keysGiven),
  };
}

function sarifBody(f: Finding, causes: readonly CauseOut[]): string {
  const first = causes[0];
  const ruleId = first ? first.id : f.kind;
  const level = !first ? 'note' : first.established ? 'error' : 'warning';
  const title = first ? causeTitle(first.id) : undefined;
  const evidence = first?.evidence[0];
  let text = `${title ?? `A ${f.kind} finding`}: ${f.summary}.`;
  if (evidence) text += ` ${evidence}${/[.!?]$/.test(evidence) ? '' : '.'}`;
  const properties = {
    kind: f.kind,
    ...(f.error !== undefined ? { error: f.error } : {}),
    causes: causes.map((c) => c.id),
    established: causes.filter((c) => c.established).map((c) => c.id),
    summary: f.summary,
  };
  const json = JSON.stringify({ ruleId, ruleIndex: ruleIndex(ruleId), level, message: { text }, properties });
  return json.slice(1, -1);
}

const styles = new Map<boolean, Style>();

/** The record of one finding; `text` is the analysed text the finding's offsets point into. */
export function makeRecord(
  f: Finding,
  text: string,
  opts: RecordOptions,
  redactor: Redactor,
  pos: { s: number; e: number; l: number; c: number; el: number; ec: number },
): Rec {
  const causes = causesOut(f, opts.now, opts.leeway);
  const ids = causes.map((c) => c.id);
  const est = causes.filter((c) => c.established).map((c) => c.id);
  let body: string;
  let fp: string | undefined;
  switch (opts.format) {
    case 'json':
    case 'jsonl':
      body = `,${JSON.stringify(jsonMembers(f, causes, opts.keysGiven)).slice(1)}`;
      break;
    case 'sarif': {
      body = sarifBody(f, causes);
      fp = createHash('sha256')
        .update(`${f.kind}\0${ids[0] ?? ''}\0`)
        .update(text.slice(f.start, f.end))
        .digest('hex')
        .slice(0, 32);
      break;
    }
    default: {
      let s = styles.get(opts.color);
      if (!s) styles.set(opts.color, (s = style(opts.color)));
      body = terminalSafe(findingBody(f, isTokenFinding(f) ? text.slice(f.start, f.end) : undefined, causes, s, causeTitle), opts.color);
    }
  }
  return { kind: f.kind, ...pos, ids, est, body: redactor.clean(body), ...(fp ? { fp } : {}) };
}
