/** Mistakes in token requests (and the authorize requests they follow), with their fixes. */
import { quoted } from '../text/quote';
import type { FixAction, Mistake } from './types';
import type { Param, ParamSet } from './sets';
import { GRANT, JWT_BEARER_ASSERTION_TYPE, intendedAssertionType, intendedGrant, intendedParameter, normal, requiredFor } from './params';
import { isTemplated } from './values';

/** What the rest of the file says: the authorize requests, client ids and token endpoints in it. */
export interface FileContext {
  /** Distinct literal client_id values in requests. */
  readonly clientIds: readonly string[];
  /** Distinct redirect_uri values of authorize requests. */
  readonly authorizeRedirects: readonly string[];
  /** An authorize request sent a code_challenge (PKCE). */
  readonly pkce: boolean;
  /** Distinct token endpoint URLs written in the file. */
  readonly tokenEndpoints: readonly string[];
}

export type SetRole = 'token' | 'authorize' | 'other';

/** The registered name a parameter stands for (its own when it is one). */
export function effectiveName(p: Param): string {
  return intendedParameter(p.name) ?? p.name;
}

export function roleOf(set: ParamSet, text: string): SetRole {
  const names = new Set(set.params.map(effectiveName));
  if (names.has('grant_type') || names.has('client_assertion_type') || names.has('client_assertion')) return 'token';
  if (names.has('response_type') || (names.has('code_challenge') && names.has('client_id'))) return 'authorize';
  if (
    set.kind === 'form' &&
    names.has('redirect_uri') &&
    names.has('client_id') &&
    /\/authori[sz]e\??$/i.test(text.slice(Math.max(0, set.start - 40), set.start))
  ) {
    return 'authorize';
  }
  return 'other';
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/**
 * `audSpans`: the spans of assertion aud values, whose URLs name what the
 * assertion claims, not the endpoint the file calls.
 */
export function fileContext(
  text: string,
  sets: readonly ParamSet[],
  roles: readonly SetRole[],
  audSpans: ReadonlyArray<readonly [number, number]>,
): FileContext {
  const clientIds: string[] = [];
  const redirects: string[] = [];
  let pkce = false;
  sets.forEach((s, i) => {
    const role = roles[i];
    if (role === 'other') return;
    for (const p of s.params) {
      const n = effectiveName(p);
      if (p.value === undefined || isTemplated(p.value) || !p.value) continue;
      if (n === 'client_id') clientIds.push(p.value);
      if (role === 'authorize' && n === 'redirect_uri') redirects.push(p.value);
      if (role === 'authorize' && n === 'code_challenge') pkce = true;
    }
  });
  return {
    clientIds: distinct(clientIds),
    authorizeRedirects: distinct(redirects),
    pkce,
    tokenEndpoints: distinct(tokenEndpoints(text, audSpans)),
  };
}

/** URLs in the text whose last path segment is `token`: token endpoints. */
export function tokenEndpoints(text: string, exclude: ReadonlyArray<readonly [number, number]> = []): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < text.length && out.length < 200) {
    const at = text.indexOf('://', pos);
    if (at < 0) break;
    pos = at + 3;
    const scheme = text.slice(Math.max(0, at - 5), at).toLowerCase();
    if (!scheme.endsWith('http') && !scheme.endsWith('https')) continue;
    const start = at - (scheme.endsWith('https') ? 5 : 4);
    let e = at + 3;
    while (e < text.length && e - at < 2048 && !/[\s'"`<>(){}[\],;|\\^]/.test(text[e]!)) e++;
    pos = e;
    let url = text.slice(start, e).replace(/[.:]+$/, '');
    url = url.replace(/[?#].*$/, '');
    if (isTemplated(url)) continue;
    if (exclude.some(([s, e]) => s <= start && start < e)) continue;
    if (/\/token\/?$/i.test(url)) out.push(url);
  }
  return out;
}

const PLACEHOLDER: Record<string, string> = {
  code: 'AUTHORIZATION_CODE',
  redirect_uri: 'REDIRECT_URI',
  refresh_token: 'REFRESH_TOKEN',
  username: 'USERNAME',
  password: 'PASSWORD',
  device_code: 'DEVICE_CODE',
  assertion: 'ASSERTION',
  subject_token: 'SUBJECT_TOKEN',
  subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
  auth_req_id: 'AUTH_REQ_ID',
  client_assertion: 'CLIENT_ASSERTION',
  client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
  code_verifier: 'CODE_VERIFIER',
};

function replaceValue(set: ParamSet, p: Param, value: string, title: string): FixAction {
  return { title, preferred: true, edits: [{ start: p.valueStart, end: p.valueEnd, newText: set.encode(p, value) }] };
}

/** Every problem in one parameter set, given its role and the file around it. */
export function requestMistakes(set: ParamSet, role: SetRole, ctx: FileContext): Mistake[] {
  if (role === 'other') return [];
  const out: Mistake[] = [];
  const container = { start: set.start, end: set.end };
  const present = new Set(set.params.map(effectiveName));
  const snakeBody = !set.camelCase;

  // Misspelled or miscased parameter names.
  for (const p of set.params) {
    const meant = intendedParameter(p.name);
    if (!meant || !snakeBody) continue;
    if (set.params.some((q) => q.name === meant)) continue;
    const sameWord = normal(p.name) === normal(meant);
    out.push({
      causeId: 'request.invalid',
      error: 'invalid_request',
      start: p.nameStart,
      end: p.nameEnd,
      message: sameWord
        ? `The parameter "${p.name}" must be written exactly "${meant}": parameter names are case-sensitive snake_case, and servers ignore "${p.name}" (invalid_request).`
        : `"${p.name}" is not a registered parameter; it should be "${meant}". Servers ignore unknown names, so the request lacks ${meant} (invalid_request).`,
      fixes: [{ title: `Rename to ${meant}`, preferred: true, edits: [{ start: p.nameStart, end: p.nameEnd, newText: meant }] }],
      container,
    });
  }

  const byName = (n: string) => set.params.find((p) => effectiveName(p) === n);
  let grant: string | undefined;
  const gp = byName('grant_type');
  if (gp && gp.value !== undefined && !isTemplated(gp.value)) {
    const meant = intendedGrant(gp.value);
    grant = meant ?? gp.value;
    if (meant) {
      out.push({
        causeId: 'grant.unsupported',
        error: 'unsupported_grant_type',
        ...valueSpan(gp),
        message: `grant_type ${quoted(gp.value)} is not a grant type the server knows; it should be "${meant}" (unsupported_grant_type).`,
        fixes: [replaceValue(set, gp, meant, `Change grant_type to ${meant}`)],
        container,
      });
    }
  }

  if (role === 'token') {
    const cat = byName('client_assertion_type');
    if (cat && cat.value !== undefined && !isTemplated(cat.value)) {
      const meant = intendedAssertionType(cat.value);
      if (meant) {
        out.push({
          causeId: 'client.assertion-type',
          error: 'invalid_client',
          ...valueSpan(cat),
          message: `client_assertion_type ${quoted(cat.value)} is not registered; for a JWT it must be exactly "${meant}".`,
          fixes: [replaceValue(set, cat, meant, `Change client_assertion_type to ${meant}`)],
          container,
        });
      }
    }
  }

  // Parameters the grant (or the client authentication) needs.
  if (set.complete && role === 'token') {
    const anchor = gp ?? byName('client_assertion') ?? byName('client_assertion_type');
    const missing: Array<{ name: string; cause: Mistake['causeId']; why: string; value?: string }> = [];
    if (grant) {
      for (const n of requiredFor(grant)) {
        if (present.has(n)) continue;
        const why = n === 'redirect_uri' ? 'the authorization_code grant needs the redirect_uri the authorize request used' : `the ${grant} grant needs ${n}`;
        missing.push({
          name: n,
          cause: 'request.invalid',
          why,
          value: n === 'redirect_uri' && ctx.authorizeRedirects.length === 1 ? ctx.authorizeRedirects[0] : undefined,
        });
      }
      if (grant === GRANT.code && ctx.pkce && !present.has('code_verifier')) {
        missing.push({
          name: 'code_verifier',
          cause: 'request.invalid',
          why: 'the authorize request in this file sent a code_challenge (PKCE), so the token request must send its code_verifier',
        });
      }
    }
    if (present.has('client_assertion') && !present.has('client_assertion_type')) {
      missing.push({ name: 'client_assertion_type', cause: 'client.assertion-type', why: 'a client_assertion must come with its client_assertion_type' });
    }
    if (present.has('client_assertion_type') && !present.has('client_assertion')) {
      missing.push({ name: 'client_assertion', cause: 'request.invalid', why: 'client_assertion_type is sent without the client_assertion itself' });
    }
    if (anchor) {
      for (const m of missing) {
        const value = m.value ?? PLACEHOLDER[m.name] ?? m.name.toUpperCase();
        out.push({
          causeId: m.cause,
          error: m.cause === 'client.assertion-type' ? 'invalid_client' : 'invalid_request',
          start: p0(anchor).start,
          end: p0(anchor).end,
          message: `The request has no ${m.name}: ${m.why} (${m.cause === 'client.assertion-type' ? 'invalid_client' : 'invalid_request'}).`,
          fixes: [
            {
              title: m.value || m.name === 'client_assertion_type' ? `Add ${m.name}` : `Add ${m.name} (then fill in its value)`,
              preferred: true,
              edits: [set.insert(m.name, value)],
            },
          ],
          container,
        });
      }
    }
  }

  // redirect_uri must be the authorize request's, character for character.
  const rp = byName('redirect_uri');
  if (role === 'token' && rp && rp.value !== undefined && !isTemplated(rp.value) && ctx.authorizeRedirects.length === 1) {
    const want = ctx.authorizeRedirects[0]!;
    if (rp.value !== want) {
      out.push({
        causeId: 'grant.invalid',
        error: 'invalid_grant',
        start: rp.valueStart,
        end: rp.valueEnd,
        message: `redirect_uri ${quoted(rp.value)} differs from the authorize request's ${quoted(want)} (${describeUrlDifference(rp.value, want)}); the server refuses the code (invalid_grant).`,
        fixes: [replaceValue(set, rp, want, "Use the authorize request's redirect_uri")],
        container,
      });
    }
  }

  // Scopes are separated by spaces (RFC 6749 §3.3).
  const sp = byName('scope');
  if (sp && sp.value !== undefined && sp.value.includes(',') && !isTemplated(sp.value) && !/^[[{]/.test(sp.value.trim())) {
    const fixed = sp.value
      .split(/[\s,]+/)
      .filter(Boolean)
      .join(' ');
    out.push({
      causeId: 'request.invalid-scope',
      error: 'invalid_scope',
      start: sp.valueStart,
      end: sp.valueEnd,
      message: `scope ${quoted(sp.value)} separates scopes with commas; OAuth separates them with spaces, so the server reads one unknown scope (invalid_scope).`,
      fixes: [replaceValue(set, sp, fixed, 'Separate the scopes with spaces')],
      container,
    });
  }
  return out;
}

/** The span to underline for a value (the whole parameter when the value is empty). */
function valueSpan(p: Param): { start: number; end: number } {
  return p.valueEnd > p.valueStart ? { start: p.valueStart, end: p.valueEnd } : p0(p);
}

/** The span to underline for a parameter: name through value. */
function p0(p: Param): { start: number; end: number } {
  return { start: p.start, end: p.end };
}

/** How two URLs differ, in a few words. */
export function describeUrlDifference(got: string, want: string): string {
  if (got.replace(/\/+$/, '') === want.replace(/\/+$/, '')) return 'a trailing slash';
  if (got.toLowerCase() === want.toLowerCase()) return 'letter case';
  const host = (u: string) => /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(u)?.[1]?.toLowerCase();
  const scheme = (u: string) => /^([a-z][a-z0-9+.-]*):/i.exec(u)?.[1]?.toLowerCase();
  if (scheme(got) !== scheme(want)) return 'the scheme';
  if (host(got) !== host(want)) {
    const bare = (h?: string) => h?.replace(/:\d+$/, '');
    return bare(host(got)) === bare(host(want)) ? 'the port' : 'another host';
  }
  return 'another path';
}
