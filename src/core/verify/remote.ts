/**
 * Key sets from the network, only ever on a user's action: a JWKS URL the
 * user gave, or OIDC discovery from a token's iss
 * (`/.well-known/openid-configuration` → `jwks_uri`). Every request goes to
 * exactly the URL the caller showed: redirects are reported, not followed.
 * Each has a timeout and a size limit; the answer must be JSON.
 *
 * The fetch function is passed in (the extension host's, a browser's, Node's),
 * so tests can count requests and nothing here reaches the network by itself.
 */
import { printable } from './printable';

export interface FetchPolicy {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = { timeoutMs: 10_000, maxBytes: 512 * 1024 };

/** The part of the Fetch API this module uses. */
export type FetchFunction = (
  url: string,
  init: { signal: AbortSignal; redirect: 'manual'; headers: Record<string, string>; credentials: 'omit'; cache: 'no-store' },
) => Promise<Response>;

export type FetchOutcome =
  | { readonly ok: true; readonly url: string; readonly json: unknown; readonly bytes: number }
  | { readonly ok: false; readonly url: string; readonly reason: string; readonly redirect?: string };

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Why a URL may not be fetched (not https, credentials in it), or undefined when it may. */
export function urlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `${JSON.stringify(url)} is not a URL`;
  }
  if (u.username || u.password) return 'the URL holds a user name or password; give it without them';
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:' && isLoopback(u.hostname)) return undefined;
  return `only https URLs are fetched (or http on this machine); this one is ${u.protocol.replace(':', '')}`;
}

/** The OIDC discovery URL for an issuer (OpenID Connect Discovery 1.0 §4), or undefined when iss is not a URL that may be fetched. */
export function discoveryUrl(iss: unknown): string | undefined {
  if (typeof iss !== 'string' || urlProblem(iss)) return undefined;
  const u = new URL(iss);
  if (u.search || u.hash) return undefined;
  return `${iss.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

function isJsonType(type: string | null): boolean {
  if (!type) return false;
  const t = type.split(';', 1)[0]!.trim().toLowerCase();
  return t === 'application/json' || (t.startsWith('application/') && t.endsWith('+json'));
}

/** Reads at most `max` bytes of a body; undefined when it is longer. */
async function readLimited(res: Response, max: number): Promise<Uint8Array | undefined> {
  const reader = res.body?.getReader();
  if (!reader) {
    const buf = new Uint8Array(await res.arrayBuffer());
    return buf.length > max ? undefined : buf;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function kb(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

/** One GET of a JSON document from exactly `url`. Never throws; what the server says (status, type, location) is made printable. */
export async function fetchJson(url: string, fetch: FetchFunction, policy: FetchPolicy = DEFAULT_FETCH_POLICY): Promise<FetchOutcome> {
  const out = await fetchUnsafe(url, fetch, policy);
  return out.ok ? out : { ...out, reason: printable(out.reason, 500) };
}

async function fetchUnsafe(url: string, fetch: FetchFunction, policy: FetchPolicy): Promise<FetchOutcome> {
  const problem = urlProblem(url);
  if (problem) return { ok: false, url, reason: problem };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  try {
    const res = await fetch(url, {
      signal: controller.signal,
      redirect: 'manual',
      headers: { accept: 'application/json, application/jwk-set+json' },
      credentials: 'omit',
      cache: 'no-store',
    });
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      const location = res.headers.get('location');
      const to = location ? new URL(location, url).toString() : undefined;
      await res.body?.cancel().catch(() => undefined);
      return {
        ok: false,
        url,
        reason: `the server redirects${to ? ` to ${to}` : ''}; only the URL shown is fetched, so fetch ${to ? 'that URL' : 'the new address'} yourself if you trust it`,
        ...(to ? { redirect: to } : {}),
      };
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, url, reason: `the server answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
    }
    const type = res.headers.get('content-type');
    if (!isJsonType(type)) {
      await res.body?.cancel().catch(() => undefined);
      return {
        ok: false,
        url,
        reason: `the server answered ${type ? `with content type ${type.split(';', 1)[0]}` : 'without a content type'}, not JSON: the URL is probably a web page (a login or error page), not a key set`,
      };
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > policy.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, url, reason: `the answer is ${kb(declared)}, over the ${kb(policy.maxBytes)} limit for a key document` };
    }
    const bytes = await readLimited(res, policy.maxBytes);
    if (!bytes) return { ok: false, url, reason: `the answer is over the ${kb(policy.maxBytes)} limit for a key document` };
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8').decode(bytes));
    } catch (err) {
      return { ok: false, url, reason: `the answer is not valid JSON (${err instanceof Error ? err.message : String(err)})` };
    }
    return { ok: true, url, json, bytes: bytes.length };
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (controller.signal.aborted || name === 'AbortError' || name === 'TimeoutError')
      return { ok: false, url, reason: `no answer within ${policy.timeoutMs < 1000 ? `${policy.timeoutMs} ms` : `${Math.round(policy.timeoutMs / 1000)} s`}` };
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { ok: false, url, reason: `the request failed (${err instanceof Error ? err.message : String(err)}${cause})` };
  } finally {
    clearTimeout(timer);
  }
}

/** The jwks_uri of a discovery document for `iss`, or why there is none usable. */
export function jwksUriOf(doc: unknown, iss: string): { uri: string; note?: string } | { problem: string } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { problem: 'the discovery document is not a JSON object' };
  const d = doc as Record<string, unknown>;
  if (typeof d.jwks_uri !== 'string') return { problem: 'the discovery document has no jwks_uri' };
  const bad = urlProblem(d.jwks_uri);
  if (bad) return { problem: `its jwks_uri cannot be fetched: ${bad}` };
  const norm = (s: string) => s.replace(/\/+$/, '');
  const note =
    typeof d.issuer === 'string' && norm(d.issuer) !== norm(iss)
      ? `The discovery document says its issuer is ${d.issuer}, not ${iss}: a receiver that checks iss against it rejects the token (token.wrong-issuer).`
      : undefined;
  return { uri: d.jwks_uri, ...(note ? { note } : {}) };
}

/** How long ago, in words, for a cache's visible age ("fetched 3 min ago"). */
export function ageText(fetchedAtMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - fetchedAtMs) / 1000));
  if (s < 60) return s < 5 ? 'just now' : `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`;
  return `${Math.floor(s / 86400)} d ago`;
}
