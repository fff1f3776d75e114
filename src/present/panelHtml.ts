/**
 * The diagnosis panel's HTML, rendered from a PanelModel. Pure. Every value
 * that came from scanned text is HTML-escaped; the page runs one script and
 * one stylesheet from media/ under a Content-Security-Policy with a nonce,
 * and has no inline script, inline style or style attribute.
 */
import { visible } from '../core/text/visible';
import {
  type DecryptionResult,
  type Finding,
  type KeyAttempt,
  type ProblemReport,
  type SignatureResult,
  type TokenReport,
  problemOf,
  tokenOf,
} from '../core/model';
import { getCause } from '../core/knowledge/causes/index';
import { decryptionState, signatureState, type KeyState } from './keyText';
import { claimText, describeClaim, describeHeader } from '../core/jwt/claims';
import { describeAlg } from '../core/jwt/algorithms';
import { isoUtc } from '../core/text/time';
import type { CheckResult } from '../core/knowledge/causes/index';
import { tickKey, type PanelCause, type PanelItem, type PanelModel } from './panelModel';

export interface PageResources {
  /** Fresh for every render, from a cryptographic random source. */
  readonly nonce: string;
  /** webview.cspSource */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Manual checks the user has ticked (tickKey values). */
  readonly ticked: ReadonlySet<string>;
}

/** HTML-escapes text for element content and quoted attribute values. */
export function esc(value: unknown): string {
  // Hidden and direction-changing characters are shown as \uXXXX, so an aud cannot display as another.
  return visible(String(value)).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(nonce: string, cspSource: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderPanel(model: PanelModel, res: PageResources): string {
  const now = isoUtc(model.now)?.replace('T', ' ').replace('Z', ' UTC') ?? String(model.now);
  const body = model.items.length
    ? model.items.map((item) => renderItem(item, res.ticked, model.now)).join('\n')
    : '<p class="empty">No token or auth error was found in this text.</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(res.nonce, res.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${esc(res.styleUri)}" nonce="${esc(res.nonce)}">
<title>Token Doctor</title>
</head>
<body>
<header class="page-head">
<h1>Token Doctor</h1>
<p class="meta">${esc(model.source)} · times relative to ${esc(now)} · clock leeway ${esc(model.leeway)} s</p>
${model.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
</header>
<main>
${body}
</main>
<script nonce="${esc(res.nonce)}" src="${esc(res.scriptUri)}"></script>
</body>
</html>`;
}

function kindLabel(f: Finding): string {
  switch (f.kind) {
    case 'jwt':
      return 'JWT';
    case 'jwe':
      return 'JWE';
    case 'oauth-error':
      return 'OAuth error';
    case 'auth-challenge':
      return 'WWW-Authenticate';
    case 'http-status':
      return 'HTTP status';
    case 'vendor-message':
      return 'Provider message';
    case 'token-request':
      return 'Token request';
  }
}

function renderItem(item: PanelItem, ticked: ReadonlySet<string>, now: number): string {
  const { finding: f, where, via } = item.input;
  const id = `f${item.index}`;
  const whereText = [where, via ? `through {{${via}}}` : undefined].filter(Boolean).join(' · ');
  const parts: string[] = [];
  parts.push(`<article class="finding" aria-labelledby="${id}-title">`);
  parts.push(`<h2 id="${id}-title"><span class="kind">${esc(kindLabel(f))}</span> ${esc(f.summary)}</h2>`);
  if (whereText) parts.push(`<p class="meta">${esc(whereText)}</p>`);
  const token = tokenOf(f);
  if (token) parts.push(`<p class="type"><strong>${esc(token.type.label)}</strong> <span class="muted">— ${esc(token.type.reason)}</span></p>`);
  parts.push('<div class="actions">');
  parts.push(`<button type="button" data-copy="decoded-${item.index}">${token ? 'Copy decoded JSON' : 'Copy as JSON'}</button>`);
  if (token?.header) parts.push(`<button type="button" class="secondary" data-copy="redacted-${item.index}">Copy redacted token</button>`);
  parts.push('</div>');
  if (!token) parts.push(renderProblem(f, problemOf(f) ?? {}));
  parts.push(renderCauses(item, ticked));
  parts.push(renderRuledOut(f));
  if (token) parts.push(renderToken(token, now, item.index));
  parts.push('</article>');
  return parts.join('\n');
}

/** A JSON value, pretty and coloured by type: spans with classes, every string escaped. */
export function jsonHtml(value: unknown, indent = 0, depth = 0): string {
  const pad = '  '.repeat(indent + 1);
  const close = '  '.repeat(indent);
  if (value === null) return '<span class="j-null">null</span>';
  if (typeof value === 'string') return `<span class="j-str">${esc(JSON.stringify(value))}</span>`;
  if (typeof value === 'number') return `<span class="j-num">${esc(String(value))}</span>`;
  if (typeof value === 'boolean') return `<span class="j-bool">${value}</span>`;
  if (depth > 12) return '<span class="j-null">…</span>';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = value.slice(0, 200).map((v) => pad + jsonHtml(v, indent + 1, depth + 1));
    if (value.length > 200) inner.push(`${pad}<span class="j-null">… ${value.length - 200} more</span>`);
    return `[\n${inner.join(',\n')}\n${close}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const inner = entries.slice(0, 200).map(([k, v]) => `${pad}<span class="j-key">${esc(JSON.stringify(k))}</span>: ${jsonHtml(v, indent + 1, depth + 1)}`);
    return `{\n${inner.join(',\n')}\n${close}}`;
  }
  // Nothing JSON is left (undefined, a bigint): its plain text.
  return esc(claimText(value));
}

function valueCell(v: unknown): string {
  const simple = v === null || typeof v !== 'object';
  return simple ? `<code class="value">${jsonHtml(v)}</code>` : `<pre class="value">${jsonHtml(v)}</pre>`;
}

function fieldTable(caption: string, rows: string[]): string {
  return `<table class="fields"><caption>${esc(caption)}: name, value, meaning</caption>
<colgroup><col class="c-name"><col class="c-value"><col class="c-meaning"></colgroup>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** Whether a time claim makes the token invalid now (exp passed, nbf or iat ahead). */
function timeIsBad(claim: string, seconds: number | undefined, now: number): boolean {
  if (seconds === undefined) return false;
  return claim === 'exp' ? seconds < now : claim === 'nbf' || claim === 'iat' ? seconds > now : false;
}

function renderToken(t: TokenReport, now: number, index?: number): string {
  const out: string[] = [];
  if (t.header) {
    const rows = Object.entries(t.header).map(([k, v]) => {
      let meaning = describeHeader(k) ?? '';
      if (k === 'alg' && typeof v === 'string') meaning = `${describeAlg(v)}. ${meaning}`;
      return `<tr><th scope="row"><code>${esc(k)}</code></th><td>${valueCell(v)}</td><td class="muted">${esc(meaning)}</td></tr>`;
    });
    out.push(`<section><h3>Header</h3>${fieldTable('Header parameters', rows)}</section>`);
  }
  if (t.claims) {
    const times = new Map(t.times.map((x) => [x.claim as string, x]));
    const rows = Object.entries(t.claims).map(([k, v]) => {
      const time = times.get(k);
      let when = '';
      if (time) {
        const bits = [time.iso?.replace('T', ' ').replace('Z', ' UTC'), time.relative, time.problem ? `written as ${time.problem}` : undefined];
        const bad = time.problem !== undefined || timeIsBad(time.claim, time.seconds, now);
        when = `<div class="time${bad ? ' bad' : ''}">${esc(bits.filter(Boolean).join(' · '))}</div>`;
      }
      return `<tr><th scope="row"><code>${esc(k)}</code></th><td>${valueCell(v)}${when}</td><td class="muted">${esc(describeClaim(k) ?? '')}</td></tr>`;
    });
    out.push(`<section><h3>Claims</h3>${fieldTable('Claims', rows)}</section>`);
    if (t.lifetimeSeconds !== undefined) out.push(`<p class="muted">Lifetime: ${esc(lifetime(t.lifetimeSeconds))}</p>`);
  } else if (t.payloadText !== undefined) {
    out.push(`<section><h3>Payload</h3><pre class="value">${esc(t.payloadText.slice(0, 20000))}</pre></section>`);
  } else if (t.format === 'jwe' && t.decryption?.status !== 'decrypted') {
    out.push('<p class="muted">The payload is encrypted; only the header can be read without the key.</p>');
  }
  out.push(t.format === 'jwe' ? renderDecryption(t, index) : renderSignature(t, index));
  const problems = [
    ...t.damage.map((d) => ({ severity: 'warning', message: d.message })),
    ...t.segmentErrors.map((e) => ({ severity: 'error', message: `${e.name}: ${e.message}` })),
    ...t.notes,
  ];
  if (problems.length) {
    const items = problems.map((n) => `<li class="sev-${esc(n.severity)}"><span class="sev">${esc(n.severity)}</span> ${esc(n.message)}</li>`);
    out.push(`<section><h3>Security and format notes</h3><ul class="notes">${items.join('')}</ul></section>`);
  }
  if (t.nested) {
    const title = t.format === 'jwe' ? 'The token inside (decrypted)' : 'Nested token';
    out.push(`<section><h3>${title}</h3>${renderToken(t.nested, now)}</section>`);
  }
  return out.join('\n');
}

const TONE_CLASS: Record<KeyState['tone'], string> = { good: 'verified', bad: 'invalid', unknown: 'unverified', none: 'unverified' };

function badge(state: KeyState, label: string): string {
  return `<span class="badge ${TONE_CLASS[state.tone]}">${esc(label)}</span>`;
}

/** The key buttons of an item (only at the top level of an item: nested tokens share them). */
function keyButtons(index: number | undefined, main: 'verify' | 'decrypt', label: string): string {
  if (index === undefined) return '';
  return `<div class="actions"><button type="button" data-keys="${main}" data-item="${index}">${esc(label)}</button><button type="button" class="secondary" data-keys="manageKeys" data-item="${index}">Manage keys</button></div>`;
}

/** Which key, how it was chosen, what was tried, and what else is worth knowing. */
function checkDetails(r: SignatureResult | DecryptionResult): string {
  const rows: [string, string][] = [];
  if (r.key) rows.push([r.status === 'verified' || r.status === 'decrypted' ? 'Key' : 'Key tried', r.key]);
  if (r.chosenBy) rows.push(['How it was chosen', r.chosenBy]);
  if (r.kidsAvailable?.length) rows.push(['Key ids the keys hold', r.kidsAvailable.join(', ')]);
  if ('critUnknown' in r && r.critUnknown?.length) rows.push(['crit lists', r.critUnknown.join(', ')]);
  const out: string[] = [];
  if (rows.length) out.push(`<dl class="problem">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`);
  if (r.tried.length) out.push(triedTable(r.tried));
  if (r.notes.length) out.push(`<ul class="notes">${r.notes.map((n) => `<li class="sev-warning">${esc(n)}</li>`).join('')}</ul>`);
  return out.join('');
}

function triedTable(tried: readonly KeyAttempt[]): string {
  const rows = tried.map((a) => `<tr><td>${esc(a.key)}</td><td class="muted">${esc(a.why)}</td><td>${esc(a.outcome)}</td></tr>`);
  return `<table class="fields tried"><caption>Keys tried, in order: key, why, outcome</caption><thead><tr><th scope="col">Key</th><th scope="col">Why</th><th scope="col">Outcome</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderSignature(t: TokenReport, index: number | undefined): string {
  const alg = typeof t.header?.alg === 'string' ? t.header.alg : undefined;
  const state = signatureState(t.signature, alg);
  const out: string[] = ['<section class="signature"><h3>Signature</h3>'];
  if (!t.signature) {
    const words =
      alg?.toLowerCase() === 'none'
        ? 'alg is none: there is no signature, and a receiver must reject the token.'
        : `Not verified yet: check it with the issuer's keys (its JWKS) or the shared secret${alg ? ` for ${alg}` : ''}.${t.signatureBytes !== undefined ? ` The signature is ${t.signatureBytes} bytes.` : ''}`;
    out.push(`<p>${badge(state, alg?.toLowerCase() === 'none' ? 'unsigned' : 'not verified')} ${esc(words)}</p>`);
    out.push(keyButtons(index, 'verify', 'Verify signature…'));
  } else {
    out.push(`<p>${badge(state, t.signature.status)} ${esc(t.signature.reason ?? state.line)}</p>`);
    out.push(checkDetails(t.signature));
    out.push(keyButtons(index, 'verify', t.signature.status === 'verified' ? 'Verify with another key…' : 'Verify again…'));
  }
  out.push('</section>');
  return out.join('\n');
}

function renderDecryption(t: TokenReport, index: number | undefined): string {
  const d = t.decryption;
  const state = decryptionState(d);
  const out: string[] = ['<section class="signature"><h3>Encryption</h3>'];
  if (!d) {
    out.push(
      `<p>${badge(state, 'encrypted')} ${esc('Not decrypted: only the header can be read without the key. Decrypt it with the private key or the shared key it was made for.')}</p>`,
    );
    out.push(keyButtons(index, 'decrypt', 'Decrypt…'));
  } else {
    out.push(`<p>${badge(state, d.status)} ${esc(d.reason ?? state.line)}</p>`);
    out.push(checkDetails(d));
    if (d.status === 'decrypted' && t.nested) {
      const inner = signatureState(t.nested.signature, t.nested.header?.alg);
      out.push(`<p>The token inside: ${badge(inner, t.nested.signature?.status ?? 'not verified')} ${esc(t.nested.signature?.reason ?? inner.line)}</p>`);
      out.push(keyButtons(index, 'verify', 'Verify the token inside…'));
    } else if (d.status !== 'decrypted') out.push(keyButtons(index, 'decrypt', 'Decrypt again…'));
  }
  out.push('</section>');
  return out.join('\n');
}

/** Causes a check with the user's keys ruled out. */
function renderRuledOut(f: Finding): string {
  const ruled = f.ruledOut ?? [];
  if (!ruled.length) return '';
  const items = ruled.map(
    (c) =>
      `<li><span class="cause-title">${esc(getCause(c.id)?.title ?? c.id)}</span> <code class="cause-id">${esc(c.id)}</code>${c.evidence.map((e) => `<div class="evidence">${esc(e)}</div>`).join('')}</li>`,
  );
  return `<section><h3>Ruled out</h3><ul class="evidence-list ruled-out">${items.join('')}</ul></section>`;
}

function lifetime(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 360) / 10} h`;
  return `${Math.round(seconds / 8640) / 10} d`;
}

function renderProblem(f: Finding, p: ProblemReport): string {
  const rows: [string, string][] = [];
  if (f.error) rows.push(['Error', f.error]);
  if (p.status) rows.push(['HTTP status', String(p.status)]);
  if (p.provider) rows.push(['Provider', p.provider]);
  if (p.vendorCode) rows.push(['Provider code', p.vendorCode]);
  if (p.meaning) rows.push(['Meaning', p.meaning]);
  if (p.fix) rows.push([p.vendorCode ? `What to do for ${p.vendorCode}` : 'What to do', p.fix]);
  if (p.description) rows.push(['Description', p.description]);
  for (const [k, v] of Object.entries(p.fields ?? {})) rows.push([k, v]);
  if (!rows.length) return '';
  const dl = rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
  // The provider's reference page, from the catalog (an https URL, escaped like any value).
  const ref = p.reference && /^https:\/\/\S+$/.test(p.reference) ? `<dt>Reference</dt><dd><a href="${esc(p.reference)}">${esc(p.reference)}</a></dd>` : '';
  return `<section><h3>What the error says</h3><dl class="problem">${dl}${ref}</dl></section>`;
}

function checkLine(c: CheckResult, key: string, ticked: ReadonlySet<string>): string {
  if (c.kind === 'manual') {
    const checked = ticked.has(key) ? ' checked' : '';
    return `<li class="check manual"><label><input type="checkbox" data-tick="${esc(key)}"${checked}> ${esc(c.text)}</label></li>`;
  }
  const icon = c.status === 'passed' ? '✓' : c.status === 'failed' ? '✗' : '?';
  const evidence = c.evidence ? `<div class="evidence">${esc(c.evidence)}</div>` : '';
  return `<li class="check auto ${esc(c.status)}"><span class="icon" aria-hidden="true">${icon}</span><span class="status">${esc(c.status)}</span> ${esc(c.text)}${evidence}</li>`;
}

function renderCause(item: PanelItem, cause: PanelCause, rank: number, ticked: ReadonlySet<string>): string {
  const e = cause.entry;
  const title = e?.title ?? cause.ref.id;
  const out: string[] = [];
  out.push(`<details class="cause"${rank === 0 ? ' open' : ''}>`);
  out.push(
    `<summary><span class="rank">${rank + 1}</span> <span class="cause-title">${esc(title)}</span> <code class="cause-id">${esc(cause.ref.id)}</code></summary>`,
  );
  out.push('<div class="cause-body">');
  if (e?.summary) out.push(`<p class="fix-line">${esc(e.summary)}</p>`);
  if (cause.ref.evidence.length) {
    out.push(`<h4>Evidence</h4><ul class="evidence-list">${cause.ref.evidence.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`);
  }
  if (e?.explanation) out.push(`<p class="explanation">${esc(e.explanation)}</p>`);
  if (cause.checks.length) {
    const lines = cause.checks.map((c) => checkLine(c, tickKey(item, cause.ref.id, c.id), ticked));
    out.push(`<h4>Checks</h4><ul class="checks">${lines.join('')}</ul>`);
  }
  if (e?.fixSteps.length) {
    const steps = e.fixSteps.map((s, i) => {
      const id = cause.snippetIds[i];
      const snippet =
        s.snippet && id
          ? `<div class="snippet"><pre><code data-lang="${esc(s.snippet.language)}">${esc(s.snippet.code)}</code></pre><button type="button" class="secondary copy-snippet" data-copy="${esc(id)}" aria-label="Copy ${esc(s.snippet.language)} snippet">Copy</button></div>`
          : '';
      return `<li>${esc(s.text)}${snippet}</li>`;
    });
    out.push(`<h4>How to fix</h4><ol class="steps">${steps.join('')}</ol>`);
  }
  out.push('</div></details>');
  return out.join('');
}

function renderCauses(item: PanelItem, ticked: ReadonlySet<string>): string {
  if (!item.causes.length) {
    return '<section><h3>Causes and fixes</h3><p class="muted">Nothing in this text points at a cause. If a request still fails, check the audience, issuer and signing keys the receiver expects.</p></section>';
  }
  return `<section><h3>Causes and fixes</h3>${item.causes.map((c, i) => renderCause(item, c, i, ticked)).join('\n')}</section>`;
}
