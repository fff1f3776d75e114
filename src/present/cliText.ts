import { LineIndex } from '../core/text/lines';
import { type Finding, type Analysis, problemOf, tokenOf } from '../core/model';

/** ANSI styling that turns itself off when colour is not wanted. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

export function style(color: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

/** How the report names a cause: a title from the catalog when there is one. */
export type CauseTitle = (id: string) => string | undefined;

/**
 * The report for people: one block per finding with where it is, what it is,
 * the decoded token (never the token itself: it is a secret) and the ranked
 * causes with their evidence.
 */
export function humanReport(result: Analysis, text: string, name: string, s: Style, title: CauseTitle): string {
  const lines = new LineIndex(text);
  const out: string[] = [];
  for (const f of result.findings) {
    const { line, column } = lines.position(f.start);
    out.push(`${s.bold(`${name}:${line}:${column}`)}  ${s.cyan(f.kind)}  ${f.summary}`);
    if (tokenOf(f)) out.push(...tokenLines(f, text, s));
    if (problemOf(f)) out.push(...problemLines(f, s));
    if (f.causes.length === 0) out.push(`  ${s.green('✓')} nothing wrong found in the token itself (its signature was not checked)`);
    f.causes.forEach((c, i) => {
      const t = title(c.id);
      out.push(`  ${i === 0 ? s.red('✗') : s.yellow('?')} ${s.bold(c.id)}${t ? ` — ${t}` : ''}`);
      for (const e of c.evidence.slice(0, 3)) out.push(`      ${s.dim(e)}`);
    });
    out.push('');
  }
  const n = result.findings.length;
  out.push(n === 0 ? 'No tokens or auth errors found.' : `${n} finding${n === 1 ? '' : 's'}.`);
  for (const note of result.notes) out.push(s.yellow(`note: ${note}`));
  return out.join('\n') + '\n';
}

function tokenLines(f: Finding, text: string, s: Style): string[] {
  const t = tokenOf(f)!;
  const out = [`  ${s.dim('token')}   ${redact(text.slice(f.start, f.end))}`, `  ${s.dim('type')}    ${t.type.label} (${t.type.reason})`];
  if (t.header) out.push(`  ${s.dim('header')}  ${oneLine(t.header)}`);
  if (t.claims) out.push(`  ${s.dim('claims')}  ${oneLine(t.claims)}`);
  else if (t.format === 'jwe') out.push(`  ${s.dim('claims')}  (encrypted: the payload cannot be read without the key)`);
  else if (t.payloadText) out.push(`  ${s.dim('payload')} ${JSON.stringify(t.payloadText.slice(0, 200))}`);
  for (const tm of t.times) {
    if (tm.iso) out.push(`  ${s.dim(tm.claim.padEnd(7))} ${tm.iso} (${tm.relative})`);
  }
  for (const e of t.segmentErrors) out.push(`  ${s.dim('segment')} ${e.name}: ${e.message}`);
  for (const n of t.notes) out.push(`  ${n.severity === 'info' ? s.dim('note') : s.yellow('warning')} ${n.message}`);
  return out;
}

function problemLines(f: Finding, s: Style): string[] {
  const p = problemOf(f)!;
  const out: string[] = [];
  if (p.provider) out.push(`  ${s.dim('from')}    ${p.provider}${p.vendorCode ? ` (${p.vendorCode})` : ''}`);
  if (p.status) out.push(`  ${s.dim('status')}  ${p.status}`);
  if (p.description) out.push(`  ${s.dim('says')}    ${JSON.stringify(p.description.slice(0, 300))}`);
  if (p.meaning) out.push(`  ${s.dim('means')}   ${p.meaning}`);
  if (p.fix) out.push(`  ${s.dim('fix')}     ${p.fix}`);
  if (p.reference) out.push(`  ${s.dim('see')}     ${p.reference}`);
  return out;
}

/** A token shown without giving it away: its first characters and its length. */
export function redact(token: string): string {
  const clean = token.replace(/\s+/g, '');
  return clean.length <= 16 ? '…' : `${clean.slice(0, 12)}… (${clean.length} characters)`;
}

function oneLine(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 400 ? `${s.slice(0, 397)}...` : s;
}
