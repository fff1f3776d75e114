/**
 * The extension's only network requests: key documents (OIDC discovery,
 * JWK Sets) fetched when the user picked a URL that was shown to them.
 * Answers are cached in memory with the time they were fetched, so the
 * user sees how old a key set is and can fetch it again. Every request is
 * recorded (URL only) for the integration tests that prove nothing else
 * is ever asked for.
 */
import { DEFAULT_FETCH_POLICY, fetchJson, type FetchFunction, type FetchOutcome, type FetchPolicy } from '../../core/verify/remote';

export interface Fetched {
  readonly outcome: FetchOutcome;
  /** Epoch milliseconds the answer was fetched. */
  readonly fetchedAt: number;
  /** True when the answer came from the cache (no request was made). */
  readonly cached: boolean;
}

/** Cached answers are reused for this long unless the user asks to fetch again. */
const FRESH_MS = 10 * 60 * 1000;

export class KeyFetcher {
  private readonly cache = new Map<string, { outcome: Extract<FetchOutcome, { ok: true }>; fetchedAt: number }>();
  /** URLs requested, in order (tests read it; nothing else does). */
  readonly requests: string[] = [];

  constructor(
    private readonly fetch: FetchFunction = (url, init) => globalThis.fetch(url, init),
    private readonly policy: FetchPolicy = DEFAULT_FETCH_POLICY,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** When the URL's answer was fetched, if it is cached. */
  cachedAt(url: string): number | undefined {
    return this.cache.get(url)?.fetchedAt;
  }

  /** The document at exactly `url`: from the cache when fresh (unless `again`), else one request. */
  async get(url: string, again = false): Promise<Fetched> {
    const hit = this.cache.get(url);
    if (hit && !again && this.clock() - hit.fetchedAt < FRESH_MS) return { outcome: hit.outcome, fetchedAt: hit.fetchedAt, cached: true };
    this.requests.push(url);
    const outcome = await fetchJson(url, this.fetch, this.policy);
    const fetchedAt = this.clock();
    if (outcome.ok) this.cache.set(url, { outcome, fetchedAt });
    return { outcome, fetchedAt, cached: false };
  }

  forget(): void {
    this.cache.clear();
  }
}
