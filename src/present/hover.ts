/**
 * The Markdown of a hover: a token decoded (the header fields and claims that
 * matter, times in UTC and relative, its type) or an error explained, the top
 * causes with a one-line fix each, and links to the extension's commands.
 * Pure: every value from the text goes through markdown.ts escaping.
 */
import { type CauseRef, type Finding, type ProblemReport, type TokenReport, problemOf, tokenOf } from '../core/model';
import { getCause } from '../core/knowledge/causes/index';
import { describeAlg } from '../core/jwt/algorithms';
import { code, commandLink, text, valueText, webLink } from './markdown';
import { decryptionState, signatureOf, signatureState } from './keyText';

/** Which command each hover link runs, and the argument that names the finding. */
export interface HoverLinks {
  readonly showDiagnosis: string;
  readonly copyDecoded: string;
  readonly copyRedacted: string;
  /** "Verify signature…", "Decrypt…" and "Manage keys" (omitted where keys cannot be used). */
  readonly verify?: string;
  readonly decrypt?: string;
  readonly manageKeys?: string;
  readonly args: unknown;
}

const HEADER_FIELDS = ['alg', 'enc', 'kid', 'typ', 'cty'] as const;
const CLAIM_FIELDS = ['iss', 'sub', 'aud', 'azp', 'client_id', 'scope', 'scp', 'roles'] as const;
const MAX_CAUSES = 3;

/**
 * The hover text of one finding. `via` names the HTTP-file variable it was
 * reached through. Order: what it is and the actions, then why it fails,
 * then the decoded fields (the longest part, where a hover may scroll).
 */
export function hoverMarkdown(finding: Finding, links: HoverLinks, via?: string): string {
  const out: string[] = [];
  out.push(`**Token Doctor** · ${text(finding.summary)}`);
  if (via) out.push(`*${text(`{{${via}}} is defined in this file as:`)}*`);
  const actions = [commandLink('Open diagnosis', links.showDiagnosis, links.args)];
  const token = tokenOf(finding);
  if (token) {
    actions.push(commandLink('Copy decoded JSON', links.copyDecoded, links.args));
    if (token.header) actions.push(commandLink('Copy redacted token', links.copyRedacted, links.args));
  } else {
    actions.push(commandLink('Copy as JSON', links.copyDecoded, links.args));
  }
  out.push(actions.join(' · '));
  if (token) keyPart(token, links, out);
  if (!token) problemPart(finding, out);
  causesPart(finding.causes, out, token !== undefined);
  ruledOutPart(finding, out);
  if (token) tokenPart(token, out);
  return out.join('\n\n');
}

/** What the user's keys said (or the action that asks them), right under the actions. */
function keyPart(t: TokenReport, links: HoverLinks, out: string[]): void {
  const parts: string[] = [];
  if (t.format === 'jwe') {
    const d = decryptionState(t.decryption);
    parts.push(d.tone === 'none' ? text('Encrypted: not decrypted') : `**${text(d.line)}**`);
    if (t.decryption?.status === 'decrypted' && t.nested) {
      const inner = signatureState(t.nested.signature, t.nested.header?.alg);
      parts.push(`the token inside: ${inner.tone === 'none' ? text(inner.line) : `**${text(inner.line)}**`}`);
    }
    if (d.tone !== 'good' && links.decrypt) parts.push(commandLink('Decrypt…', links.decrypt, links.args));
    else if (links.verify && t.nested && signatureOf(t)?.status !== 'verified') parts.push(commandLink('Verify signature…', links.verify, links.args));
  } else {
    const s = signatureState(t.signature, t.header?.alg);
    parts.push(s.tone === 'none' ? text('Signature not verified') : `**${text(s.line)}**`);
    // An unsigned token (alg none) has nothing to verify.
    const unsigned = typeof t.header?.alg === 'string' && t.header.alg.toLowerCase() === 'none';
    if (links.verify && s.tone !== 'good' && !unsigned) parts.push(commandLink(t.signature ? 'Verify again…' : 'Verify signature…', links.verify, links.args));
  }
  if (links.manageKeys) parts.push(commandLink('Manage keys', links.manageKeys, undefined));
  out.push(parts.join(' · '));
  const reason = t.format === 'jwe' ? (t.decryption?.status !== 'decrypted' ? t.decryption?.reason : signatureOf(t)?.reason) : t.signature?.reason;
  const status = t.format === 'jwe' ? t.decryption?.status : t.signature?.status;
  if (reason && status !== 'verified' && status !== 'decrypted') out.push(text(reason, 300));
}

/** Causes a check with the user's keys ruled out, in one line. */
function ruledOutPart(f: Finding, out: string[]): void {
  const ruled = f.ruledOut ?? [];
  if (!ruled.length) return;
  const first = ruled[0]!.evidence[0];
  out.push(`Ruled out: ${ruled.map((c) => text(getCause(c.id)?.title ?? c.id)).join('; ')}${first ? ` — ${text(first, 200)}` : ''}`);
}

function tokenPart(t: TokenReport, out: string[]): void {
  out.push('---');
  const h = t.header ?? {};
  const head: string[] = [];
  for (const k of HEADER_FIELDS) {
    if (h[k] === undefined) continue;
    const note = k === 'alg' && typeof h.alg === 'string' ? ` ${text(describeAlg(h.alg))}` : '';
    head.push(`${text(k)} ${code(valueText(h[k]))}${note}`);
  }
  if (head.length) out.push(head.join(' · '));
  const rows: string[] = [];
  const c = t.claims ?? (t.decryption?.status === 'decrypted' ? t.nested?.claims : undefined) ?? {};
  for (const k of CLAIM_FIELDS) {
    if (c[k] !== undefined) rows.push(`| ${code(k)} | ${code(valueText(c[k]))} |`);
  }
  for (const time of t.times) {
    const when = time.iso ? code(time.iso.replace('T', ' ').replace('Z', ' UTC')) : code(valueText(time.raw));
    const notes = [time.relative, time.problem ? `written as ${time.problem}` : undefined].filter(Boolean) as string[];
    rows.push(`| ${code(time.claim)} | ${when}${notes.length ? ` · ${text(notes.join(' · '))}` : ''} |`);
  }
  if (rows.length) out.push(['| | |', '|:--|:--|', ...rows].join('\n'));
  const more = Object.keys(c).length - CLAIM_FIELDS.filter((k) => c[k] !== undefined).length - t.times.length;
  const facts: string[] = [`${text(t.type.label)} (${text(t.type.reason)})`];
  if (more > 0) facts.push(`${more} more claim${more === 1 ? '' : 's'} in the panel`);
  out.push(facts.join(' · '));
  for (const d of t.damage.slice(0, 2)) out.push(`⚠ ${text(d.message, 300)}`);
  for (const e of t.segmentErrors.slice(0, 2)) out.push(`⚠ ${text(`${e.name}: ${e.message}`, 300)}`);
  for (const n of t.notes.filter((x) => x.severity !== 'info').slice(0, 2)) out.push(`⚠ ${text(n.message, 300)}`);
}

function problemPart(f: Finding, out: string[]): void {
  const p: ProblemReport = problemOf(f) ?? {};
  const head: string[] = [];
  if (f.error) head.push(code(f.error));
  if (p.status) head.push(`HTTP ${p.status}`);
  if (p.provider) head.push(text(p.provider));
  if (p.vendorCode) head.push(code(p.vendorCode));
  // The error code alone is already in the summary line.
  if (head.length > (f.error ? 1 : 0)) out.push(head.join(' · '));
  if (p.meaning) out.push(text(p.meaning, 400));
  // What to do for this very code, from its provider's reference.
  if (p.fix)
    out.push(
      `**What to do${p.vendorCode ? ` for ${text(p.vendorCode)}` : ''}:** ${text(p.fix, 400)}${p.reference ? ` (${webLink('reference', p.reference)})` : ''}`,
    );
  if (p.description && p.description !== p.meaning) out.push(`> ${text(p.description, 300)}`);
}

function causesPart(causes: readonly CauseRef[], out: string[], isToken: boolean): void {
  if (causes.length === 0) {
    if (isToken) out.push('Nothing in the token itself explains a failure; open the diagnosis for what to check next.');
    return;
  }
  const line = (c: CauseRef) => {
    const entry = getCause(c.id);
    const fix = entry?.summary ? ` — ${text(entry.summary, 240)}` : '';
    return `**${text(entry?.title ?? c.id)}**${fix}`;
  };
  if (causes.length === 1) {
    out.push(`Likely cause: ${line(causes[0]!)}`);
    return;
  }
  const lines = causes.slice(0, MAX_CAUSES).map((c, i) => `${i + 1}. ${line(c)}`);
  out.push(`Likely causes:\n\n${lines.join('\n')}`);
}
