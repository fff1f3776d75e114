import { visible } from '../core/text/visible';
import { type Finding, type TokenReport, problemOf, tokenOf } from '../core/model';

/** ANSI styling that turns itself off when colour is not wanted. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

/**
 * Text for a terminal: every control, bidi or zero-width character in it is
 * written visibly (\u001B, \u202E), except the colour codes this report
 * adds itself (ESC [ n m) when colour is on. A log line that holds
 * `ESC ]0;…BEL ESC [2J` can neither retitle nor clear the terminal.
 */
export function terminalSafe(text: string, color: boolean): string {
  if (!color) return visible(text);
  // Keep SGR colour codes (they only colour); make every other escape visible.
  return (
    text
      // eslint-disable-next-line no-control-regex -- the colour codes this report writes itself
      .split(/(\u001b\[\d{1,2}m)/)
      .map((part, i) => (i % 2 === 1 ? part : visible(part)))
      .join('')
  );
}

export function style(color: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

/** How the report names a cause: a title from the catalog when there is one. */
export type CauseTitle = (id: string) => string | undefined;

/** A cause as the report shows it: established by the text (✗) or suspected (?). */
export interface CauseLine {
  readonly id: string;
  readonly evidence: readonly string[];
  readonly established: boolean;
}

/**
 * The report for people, one finding at a time: what follows the
 * `file:line:column` heading. What it is, the decoded token (never the token
 * itself: it is a secret, only its first characters) or what the error says,
 * and the causes with their evidence: ✗ for the most likely cause and for
 * causes the text establishes, ? for the other suspects.
 */
export function findingBody(f: Finding, tokenText: string | undefined, causes: readonly CauseLine[], s: Style, title: CauseTitle): string {
  const out: string[] = [`  ${s.cyan(f.kind)}  ${f.summary}`];
  if (tokenOf(f)) out.push(...tokenLines(f, tokenText ?? '', s));
  if (problemOf(f)) out.push(...problemLines(f, s));
  if (causes.length === 0) out.push(`  ${s.green('✓')} nothing wrong found in the token itself${notCheckedNote(f)}`);
  causes.forEach((c, i) => {
    const t = title(c.id);
    const mark = c.established || i === 0 ? s.red('✗') : s.yellow('?');
    out.push(`  ${mark} ${s.bold(c.id)}${t ? ` — ${t}` : ''}${c.established ? s.dim(' (established)') : ''}`);
    for (const e of c.evidence.slice(0, 3)) out.push(`      ${s.dim(e)}`);
  });
  return `${out.join('\n')}\n\n`;
}

/** The closing lines: how many findings, then the notes about the scan itself. */
export function reportFooter(findings: number, files: number | undefined, filesWithFindings: number, notes: readonly string[], s: Style): string {
  const out: string[] = [];
  const inFiles = files === undefined ? '' : ` in ${filesWithFindings} of ${files} file${files === 1 ? '' : 's'}`;
  if (findings === 0) out.push(`No tokens or auth errors found${files === undefined ? '' : ` in ${files} file${files === 1 ? '' : 's'}`}.`);
  else out.push(`${findings} finding${findings === 1 ? '' : 's'}${inFiles}.`);
  for (const note of notes) out.push(s.yellow(`note: ${note}`));
  return `${out.join('\n')}\n`;
}

/** `token-doctor decode`: the header and claims in full, then the same diagnosis as a scan. */
export function decodeBody(
  f: Finding,
  tokenText: string,
  causes: readonly CauseLine[],
  s: Style,
  title: CauseTitle,
  fixes: (id: string) => string | undefined,
): string {
  const t = tokenOf(f);
  const out: string[] = [`${s.bold(f.summary)}`, `  ${s.dim('token')}   ${redact(tokenText)}`];
  if (t) {
    out.push(`  ${s.dim('type')}    ${t.type.label} (${t.type.reason})`);
    if (t.header) out.push(`  ${s.dim('header')}`, indent(JSON.stringify(t.header, null, 2), 4));
    if (t.claims) out.push(`  ${s.dim('claims')}`, indent(JSON.stringify(t.claims, null, 2), 4));
    else if (t.format === 'jwe' && t.decryption?.status !== 'decrypted')
      out.push(`  ${s.dim('claims')}  (encrypted: the payload cannot be read without the key)`);
    else if (t.payloadText) out.push(`  ${s.dim('payload')} ${JSON.stringify(t.payloadText.slice(0, 2000))}`);
    for (const tm of t.times) if (tm.iso) out.push(`  ${s.dim(tm.claim.padEnd(7))} ${tm.iso} (${tm.relative})`);
    for (const e of t.segmentErrors) out.push(`  ${s.dim('segment')} ${e.name}: ${e.message}`);
    for (const n of t.notes) out.push(`  ${n.severity === 'info' ? s.dim('note') : s.yellow('warning')} ${n.message}`);
    out.push(...keyLines(t, s));
    if (t.nested && t.decryption?.status === 'decrypted') {
      out.push(`  ${s.dim('inside')}  ${t.nested.type.label}`);
      if (t.nested.header) out.push(indent(JSON.stringify(t.nested.header, null, 2), 4));
      if (t.nested.claims) out.push(indent(JSON.stringify(t.nested.claims, null, 2), 4));
    }
  }
  if (causes.length === 0) out.push(`  ${s.green('✓')} nothing wrong found in the token itself${notCheckedNote(f)}`);
  causes.forEach((c, i) => {
    const ct = title(c.id);
    const mark = c.established || i === 0 ? s.red('✗') : s.yellow('?');
    out.push(`  ${mark} ${s.bold(c.id)}${ct ? ` — ${ct}` : ''}${c.established ? s.dim(' (established)') : ''}`);
    for (const e of c.evidence) out.push(`      ${s.dim(e)}`);
    const fix = fixes(c.id);
    if (fix) out.push(`      ${s.green('fix:')} ${fix}`);
  });
  return `${out.join('\n')}\n`;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

function tokenLines(f: Finding, text: string, s: Style): string[] {
  const t = tokenOf(f)!;
  const out = [`  ${s.dim('token')}   ${redact(text)}`, `  ${s.dim('type')}    ${t.type.label} (${t.type.reason})`];
  if (t.header) out.push(`  ${s.dim('header')}  ${oneLine(t.header)}`);
  if (t.claims) out.push(`  ${s.dim('claims')}  ${oneLine(t.claims)}`);
  else if (t.format === 'jwe' && t.decryption?.status !== 'decrypted')
    out.push(`  ${s.dim('claims')}  (encrypted: the payload cannot be read without the key)`);
  else if (t.payloadText) out.push(`  ${s.dim('payload')} ${JSON.stringify(t.payloadText.slice(0, 200))}`);
  for (const tm of t.times) {
    if (tm.iso) out.push(`  ${s.dim(tm.claim.padEnd(7))} ${tm.iso} (${tm.relative})`);
  }
  for (const e of t.segmentErrors) out.push(`  ${s.dim('segment')} ${e.name}: ${e.message}`);
  for (const n of t.notes) out.push(`  ${n.severity === 'info' ? s.dim('note') : s.yellow('warning')} ${n.message}`);
  out.push(...keyLines(t, s));
  if (t.nested && t.decryption?.status === 'decrypted') {
    out.push(`  ${s.dim('inside')}  ${t.nested.type.label}`);
    if (t.nested.header) out.push(`  ${s.dim('header')}  ${oneLine(t.nested.header)}`);
    if (t.nested.claims) out.push(`  ${s.dim('claims')}  ${oneLine(t.nested.claims)}`);
  }
  return out;
}

const STATUS_WORDS: Record<string, string> = {
  invalid: 'signature invalid',
  'no-key': 'no matching key',
  'not-allowed': 'not allowed',
  unsupported: 'not checked',
  failed: 'does not decrypt',
};

/** What the keys said about a token: its signature check, or its decryption and the token inside. */
function keyLines(t: TokenReport, s: Style): string[] {
  const out: string[] = [];
  const mark = (ok: boolean, bad: boolean) => (ok ? s.green('✔') : bad ? s.red('✗') : s.yellow('?'));
  const said = (status: string, reason: string | undefined) =>
    status === 'verified' || status === 'decrypted' ? (reason ?? status) : `${STATUS_WORDS[status] ?? status}${reason ? `: ${reason}` : ''}`;
  if (t.signature) {
    const g = t.signature;
    out.push(`  ${s.dim('signed')}  ${mark(g.status === 'verified', g.status === 'invalid' || g.status === 'not-allowed')} ${said(g.status, g.reason)}`);
    for (const n of g.notes) out.push(`  ${s.dim('note')}    ${n}`);
  }
  if (t.decryption) {
    const d = t.decryption;
    out.push(`  ${s.dim('sealed')}  ${mark(d.status === 'decrypted', d.status === 'failed')} ${said(d.status, d.reason)}`);
    const inner = d.status === 'decrypted' ? t.nested?.signature : undefined;
    if (inner)
      out.push(
        `  ${s.dim('signed')}  ${mark(inner.status === 'verified', inner.status === 'invalid' || inner.status === 'not-allowed')} the token inside: ${said(inner.status, inner.reason)}`,
      );
  }
  return out;
}

/** Why "nothing wrong" is not the whole story: the signature was not checked, or it was. */
function notCheckedNote(f: Finding): string {
  const t = tokenOf(f);
  const sig = t?.format === 'jwe' ? t.nested?.signature : t?.signature;
  if (sig?.status === 'verified') return ` (its signature verifies with ${sig.key ?? 'a key given'})`;
  if (t?.decryption?.status === 'decrypted') return ' (decrypted; its authentication tag matches)';
  return ' (its signature was not checked)';
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
