/**
 * "Verify Signature…", "Decrypt…" and "Manage Keys": the user picks keys
 * (stored ones, a paste box, a file, a URL fetch) and the token is checked
 * with them; the result feeds every feature through CheckResults.
 *
 * The network is used only here, only after the user picked an item that
 * shows the exact URL, and only that URL is requested (a redirect is shown
 * as a new choice). A key URL the token names itself (jku) is offered with
 * a warning and a modal question. Nothing reads workspace files unasked:
 * a key file is one the user picked. The prompts go through KeyUi, so
 * tests script the answers while everything else runs for real.
 */
import * as vscode from 'vscode';
import type { JWK } from 'jose';
import { analyze } from '../../core/analysis/analyze';
import { compactOf } from '../../core/jwt/compact';
import { decodeHeader } from '../../core/jwt/structure';
import { isTokenFinding, tokenOf, type Finding, type TokenCheck, type TokenChecks } from '../../core/model';
import { checkToken } from '../../core/verify/check';
import {
  describeKey,
  keysFromJson,
  keyTextKind,
  loadKeyText,
  secretKey,
  scopedTo,
  thumbprint,
  type SecretEncoding,
  type UserKey,
} from '../../core/verify/keys';
import { ageText, discoveryUrl, jwksUriOf, urlProblem } from '../../core/verify/remote';
import { decryptionState, signatureState } from '../../present/keyText';
import type { KeyFetcher } from './fetcher';
import { userKeysOf, type KeyStore, type StoredKey } from './keyStore';
import type { CheckResults } from './results';

/** The prompts the key commands show; tests pass scripted answers. */
export interface KeyUi {
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: { title: string; placeHolder?: string }): Thenable<T | undefined>;
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A modal question: the action chosen, or undefined when cancelled. */
  ask(message: string, detail: string, ...actions: string[]): Thenable<string | undefined>;
  /** A message with buttons: the one clicked, if any. */
  tell(kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Thenable<string | undefined>;
  openFile(): Thenable<vscode.Uri | undefined>;
}

export const vscodeKeyUi: KeyUi = {
  pick: (items, options) => vscode.window.showQuickPick(items, { ...options, ignoreFocusOut: true, matchOnDescription: true, matchOnDetail: true }),
  input: (options) => vscode.window.showInputBox({ ignoreFocusOut: true, ...options }),
  ask: (message, detail, ...actions) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions),
  tell: (kind, message, ...actions) =>
    kind === 'error'
      ? vscode.window.showErrorMessage(message, ...actions)
      : kind === 'warning'
        ? vscode.window.showWarningMessage(message, ...actions)
        : vscode.window.showInformationMessage(message, ...actions),
  openFile: async () =>
    (
      await vscode.window.showOpenDialog({
        title: 'Token Doctor: choose a key file',
        canSelectMany: false,
        openLabel: 'Use this key',
        filters: { 'Keys (JWK, JWK Set, PEM, secret)': ['json', 'jwk', 'jwks', 'pem', 'crt', 'cer', 'key', 'pub', 'txt', 'secret'], 'All files': ['*'] },
      })
    )?.[0],
};

/** The token a command acts on: its compact text and how to show it again. */
export interface TokenTarget {
  readonly finding: Finding;
  readonly compact: string;
  /** The command argument that names the finding (to open its diagnosis again). */
  readonly arg: unknown;
}

/** What a command did, for tests and for the caller to show. */
export interface KeyOutcome {
  readonly status: string;
  readonly key?: string;
  readonly reason?: string;
  /** Requests made for it (URLs), in order. */
  readonly fetched?: readonly string[];
}

export interface KeyCommandDeps {
  readonly store: KeyStore;
  readonly results: CheckResults;
  readonly fetcher: KeyFetcher;
  /** The token a command argument (a hover or lens target, { text }, nothing: the cursor) names. */
  readonly findToken: (arg: unknown) => Promise<TokenTarget | undefined>;
  /** Opens (or refreshes) the diagnosis of the target. */
  readonly showDiagnosis: (arg: unknown) => Promise<unknown>;
  /** PBES2: the most iterations a password-encrypted token may ask for (tokenDoctor.keys.pbes2MaxIterations). */
  readonly pbes2MaxIterations: () => number;
  readonly ui: () => KeyUi;
}

type Choice = vscode.QuickPickItem & {
  readonly run?: () => Promise<Gathered | undefined>;
};

/** Keys gathered for one check, with what to say about where they came from. */
interface Gathered {
  readonly keys: UserKey[];
  /** Not stored yet: offer to save them (their name, source, URL). */
  readonly unsaved?: Omit<StoredKey, 'id' | 'addedAt'>;
  readonly fetched?: readonly string[];
  readonly notes?: readonly string[];
}

const SECRET_ENCODINGS: Array<vscode.QuickPickItem & { encoding: SecretEncoding }> = [
  { label: 'UTF-8 text', description: 'the characters as typed are the secret', encoding: 'utf8' },
  { label: 'base64', description: 'the text encodes the secret bytes (A–Z a–z 0–9 + / =)', encoding: 'base64' },
  { label: 'base64url', description: 'the text encodes the secret bytes (A–Z a–z 0–9 - _)', encoding: 'base64url' },
];

function summaryOf(k: StoredKey): string {
  const kinds = [...new Set(k.jwks.map(describeKey))].join(', ');
  const kids = k.jwks.map((j) => j.kid).filter((x): x is string => typeof x === 'string');
  return `${kinds}${kids.length ? ` · kid ${kids.slice(0, 4).join(', ')}${kids.length > 4 ? '…' : ''}` : ''}`;
}

function detailOf(k: StoredKey, now: number): string {
  const bits: string[] = [];
  bits.push(k.issuer ? `for tokens from ${k.issuer}` : 'for any token (when picked)');
  if (k.source === 'url' && k.from) bits.push(`from ${k.from}${k.fetchedAt ? `, fetched ${ageText(k.fetchedAt, now)}` : ''}`);
  else if (k.from) bits.push(`from ${k.from}`);
  return bits.join(' · ');
}

function basename(uri: vscode.Uri): string {
  const parts = uri.path.split('/');
  return parts[parts.length - 1] || uri.toString();
}

export class KeyCommands {
  constructor(private readonly deps: KeyCommandDeps) {}

  private get ui(): KeyUi {
    return this.deps.ui();
  }

  // ---------------------------------------------------------------- verify

  async verify(arg?: unknown): Promise<KeyOutcome> {
    const target = await this.deps.findToken(arg);
    if (!target) {
      void this.ui.tell('info', 'Token Doctor: no token under the cursor to verify.');
      return { status: 'none' };
    }
    const t = tokenOf(target.finding)!;
    let compact = target.compact;
    if (t.format === 'jwe') {
      const plain = this.deps.results.get(compact)?.plaintext?.trim();
      if (t.decryption?.status !== 'decrypted' || !t.nested || !plain) return this.decrypt(arg);
      // A decrypted JWE: verify the token inside it.
      compact = plain;
    }
    const header = decodeHeader(compact.split('.', 1)[0]!) ?? {};
    const claims = compact === target.compact ? t.claims : t.nested?.claims;
    if (typeof header.alg === 'string' && header.alg.toLowerCase() === 'none') return this.run(target, compact, { keys: [] }, 'signature');
    const choice = await this.ui.pick(await this.verifyChoices(header, claims), {
      title: 'Token Doctor: Verify Signature',
      placeHolder: `Which key should check this ${typeof header.alg === 'string' ? header.alg : ''} signature${typeof header.kid === 'string' ? ` (kid ${header.kid})` : ''}?`,
    });
    const gathered = await choice?.run?.();
    if (!gathered) return { status: 'cancelled' };
    return this.run(target, compact, gathered, 'signature');
  }

  private async storedChoices(header: Record<string, unknown>, claims: Record<string, unknown> | undefined): Promise<Choice[]> {
    const stored = await this.deps.store.list();
    if (!stored.length) return [];
    const now = Date.now();
    const scoped = stored.filter((k) => userKeysOf(k).some((u) => scopedTo(u, claims?.iss)));
    const out: Choice[] = [{ label: 'Stored keys', kind: vscode.QuickPickItemKind.Separator }];
    out.push({
      label: '$(key) Every stored key',
      description: `${stored.length} key${stored.length === 1 ? '' : 's'}${scoped.length ? `, ${scoped.length} for this issuer` : ''}`,
      detail: typeof header.kid === 'string' ? `The key with kid ${header.kid} is tried first; the others only when none has it.` : undefined,
      run: () => Promise.resolve({ keys: stored.flatMap(userKeysOf) }),
    });
    for (const k of stored) {
      out.push({ label: `$(key) ${k.name}`, description: summaryOf(k), detail: detailOf(k, now), run: () => Promise.resolve({ keys: userKeysOf(k) }) });
    }
    return out;
  }

  private async verifyChoices(header: Record<string, unknown>, claims: Record<string, unknown> | undefined): Promise<Choice[]> {
    const out: Choice[] = await this.storedChoices(header, claims);
    out.push({ label: 'Other keys', kind: vscode.QuickPickItemKind.Separator });
    out.push({
      label: '$(clippy) Paste a key…',
      detail: 'A JWK, a JWK Set or PEM (public key or certificate), or a shared secret (UTF-8, base64 or base64url).',
      run: () => this.pasted(),
    });
    out.push({
      label: '$(file) Choose a key file…',
      detail: 'Read only the file you pick: a JWK, JWK Set, PEM, or the bytes of a shared secret.',
      run: () => this.fromFile(),
    });
    const iss = claims?.iss;
    const discovery = discoveryUrl(iss);
    if (discovery) {
      const at = this.deps.fetcher.cachedAt(discovery);
      out.push({
        label: "$(globe) Fetch the issuer's keys (OpenID discovery)",
        description: discovery,
        detail: `GET ${discovery}, then the jwks_uri it names (shown to you before it is fetched).${at ? ` Cached ${ageText(at, Date.now())}.` : ''}`,
        run: () => this.discovered(String(iss), discovery),
      });
    }
    out.push({
      label: '$(globe) Fetch a JWK Set URL…',
      detail: 'One GET of the https URL you type; redirects are shown, not followed.',
      run: () => this.fromUrl(),
    });
    for (const member of ['jku', 'x5u'] as const) {
      const url = header[member];
      if (typeof url !== 'string') continue;
      out.push({
        label: `$(warning) Fetch the key URL the token names (${member})`,
        description: url,
        detail: 'Whoever made the token chose this URL: a key from it proves nothing unless you trust that host.',
        run: () => this.tokenUrl(member, url),
      });
    }
    return out;
  }

  // ---------------------------------------------------------------- decrypt

  async decrypt(arg?: unknown): Promise<KeyOutcome> {
    const target = await this.deps.findToken(arg);
    if (!target || target.finding.kind !== 'jwe') {
      if (target) return this.verify(arg);
      void this.ui.tell('info', 'Token Doctor: no encrypted token (JWE) under the cursor to decrypt.');
      return { status: 'none' };
    }
    const header = decodeHeader(target.compact.split('.', 1)[0]!) ?? {};
    const alg = typeof header.alg === 'string' ? header.alg : '';
    const enc = typeof header.enc === 'string' ? header.enc : '';
    if (alg.startsWith('PBES2')) return this.decryptPbes2(target, header);
    const stored = await this.storedChoices(header, undefined);
    const choice = await this.ui.pick(
      [
        ...stored,
        { label: 'Other keys', kind: vscode.QuickPickItemKind.Separator },
        {
          label: '$(clippy) Paste a key…',
          detail: 'A private JWK or PEM (PKCS#8) for RSA-OAEP and ECDH-ES, or the shared key for dir and AES key wrap.',
          run: () => this.pasted(),
        },
        { label: '$(file) Choose a key file…', detail: 'Read only the file you pick.', run: () => this.fromFile() },
      ],
      {
        title: 'Token Doctor: Decrypt',
        placeHolder: `Which key should decrypt this ${alg} / ${enc} token${typeof header.kid === 'string' ? ` (kid ${header.kid})` : ''}?`,
      },
    );
    const gathered = await choice?.run?.();
    if (!gathered) return { status: 'cancelled' };
    return this.run(target, target.compact, gathered, 'decryption');
  }

  /** PBES2: a password, only after the user agrees to run p2c rounds of PBKDF2, never above the cap. */
  private async decryptPbes2(target: TokenTarget, header: Record<string, unknown>): Promise<KeyOutcome> {
    const cap = this.deps.pbes2MaxIterations();
    const p2c = typeof header.p2c === 'number' ? header.p2c : NaN;
    if (!(p2c >= 1) || p2c > cap) {
      const reason = !(p2c >= 1) ? 'the header has no valid p2c' : `p2c is ${p2c}, above the cap of ${cap} (tokenDoctor.keys.pbes2MaxIterations)`;
      void this.ui.tell('warning', `Token Doctor: this password-encrypted token is not tried: ${reason}.`);
      return { status: 'unsupported', reason };
    }
    const go = await this.ui.ask(
      `Decrypt with a password (${String(header.alg)})?`,
      `The token asks for ${p2c} rounds of PBKDF2 to test a password. That is within the cap of ${cap}.`,
      'Enter a password…',
    );
    if (!go) return { status: 'cancelled' };
    const password = await this.ui.input({ title: 'Token Doctor: Decrypt', prompt: 'The password (UTF-8)', password: true });
    if (!password) return { status: 'cancelled' };
    const key = secretKey(new TextEncoder().encode(password), 'the password you entered');
    return this.run(target, target.compact, { keys: [key] }, 'decryption', { allowed: true, maxIterations: cap });
  }

  // ---------------------------------------------------------------- where keys come from

  private async pasted(): Promise<Gathered | undefined> {
    const text = await this.ui.input({
      title: 'Token Doctor: paste a key',
      prompt: 'A JWK, a JWK Set, PEM, or a shared secret. It stays on this machine.',
      placeHolder: '{"kty":"RSA",…}  or  -----BEGIN PUBLIC KEY-----…  or  a shared secret',
      password: true,
    });
    if (!text?.trim()) return undefined;
    return this.fromText(text, 'pasted key', { source: 'pasted' });
  }

  private async fromText(
    text: string,
    name: string,
    origin: Pick<StoredKey, 'source' | 'from' | 'fetchedAt'>,
    bytes?: Uint8Array,
  ): Promise<Gathered | undefined> {
    if (keyTextKind(text) === 'other') {
      const picked = await this.ui.pick(SECRET_ENCODINGS, { title: 'Token Doctor: a shared secret', placeHolder: 'How is the secret written?' });
      if (!picked) return undefined;
      const loaded =
        bytes && picked.encoding === 'utf8'
          ? { keys: this.fileSecrets(bytes, name), problems: [] }
          : await loadKeyText(text, name, { secret: picked.encoding });
      if (!loaded.keys.length) {
        void this.ui.tell('error', `Token Doctor: ${loaded.problems.join('; ')}.`);
        return undefined;
      }
      return { keys: loaded.keys, unsaved: { name, jwks: loaded.keys.map((k) => k.jwk), ...origin } };
    }
    const loaded = await loadKeyText(text, name);
    if (!loaded.keys.length) {
      void this.ui.tell('error', `Token Doctor: no key could be read: ${loaded.problems.join('; ')}.`);
      return undefined;
    }
    return { keys: loaded.keys, unsaved: { name, jwks: loaded.keys.map((k) => k.jwk), ...origin }, notes: loaded.problems };
  }

  /** A file's bytes as a secret; the line break an editor adds at the end is tried without, under its own name. */
  private fileSecrets(bytes: Uint8Array, name: string): UserKey[] {
    const keys = [secretKey(bytes, name)];
    const cut = bytes.at(-1) === 10 ? (bytes.at(-2) === 13 ? 2 : 1) : 0;
    if (cut && bytes.length > cut) keys.push(secretKey(bytes.subarray(0, bytes.length - cut), `${name} without its final line break`));
    return keys;
  }

  private async fromFile(): Promise<Gathered | undefined> {
    const uri = await this.ui.openFile();
    if (!uri) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      void this.ui.tell('error', `Token Doctor: cannot read ${basename(uri)}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    if (bytes.length > 1024 * 1024) {
      void this.ui.tell('error', `Token Doctor: ${basename(uri)} is over 1 MB; that is not a key.`);
      return undefined;
    }
    const text = new TextDecoder('utf-8').decode(bytes);
    return this.fromText(text, basename(uri), { source: 'file', from: basename(uri) }, bytes);
  }

  /** One fetch of exactly `url`; a redirect becomes a new question showing the new URL. */
  private async fetchKeys(url: string, name: string, extra: Pick<UserKey, 'untrusted'> = {}, fetched: string[] = []): Promise<Gathered | undefined> {
    const got = await this.deps.fetcher.get(url);
    if (!got.cached) fetched.push(url);
    if (!got.outcome.ok) {
      const redirect = got.outcome.redirect;
      const follow = redirect && !urlProblem(redirect) ? `Fetch ${redirect}` : undefined;
      const answer = await this.ui.tell('error', `Token Doctor: ${url}: ${got.outcome.reason}.`, ...(follow ? [follow] : []));
      if (follow && answer === follow) return this.fetchKeys(redirect!, name, extra, fetched);
      return undefined;
    }
    const loaded = keysFromJson(got.outcome.json, name, extra);
    if (!loaded.keys.length) {
      void this.ui.tell('error', `Token Doctor: ${url} holds no usable key: ${loaded.problems.join('; ')}.`);
      return undefined;
    }
    const age = got.cached ? ` (cached, fetched ${ageText(got.fetchedAt, Date.now())})` : '';
    return {
      keys: loaded.keys,
      unsaved: { name, jwks: loaded.keys.map((k) => k.jwk), source: 'url', from: url, fetchedAt: got.fetchedAt },
      fetched,
      notes: [...loaded.problems, ...(age ? [`The key set from ${url} was used from the cache${age}.`] : [])],
    };
  }

  private async discovered(iss: string, discovery: string): Promise<Gathered | undefined> {
    const fetched: string[] = [];
    const got = await this.deps.fetcher.get(discovery);
    if (!got.cached) fetched.push(discovery);
    if (!got.outcome.ok) {
      void this.ui.tell('error', `Token Doctor: ${discovery}: ${got.outcome.reason}.`);
      return undefined;
    }
    const found = jwksUriOf(got.outcome.json, iss);
    if ('problem' in found) {
      void this.ui.tell('error', `Token Doctor: ${discovery}: ${found.problem}.`);
      return undefined;
    }
    const cachedAt = this.deps.fetcher.cachedAt(found.uri);
    const go = await this.ui.ask(
      `Fetch the issuer's keys from ${found.uri}?`,
      `The discovery document of ${iss} names this key set (jwks_uri).${cachedAt ? ` A copy fetched ${ageText(cachedAt, Date.now())} is used unless you fetch again.` : ''}${found.note ? `\n\n${found.note}` : ''}`,
      'Fetch',
    );
    if (go !== 'Fetch') return undefined;
    const host = (() => {
      try {
        return new URL(found.uri).host;
      } catch {
        return found.uri;
      }
    })();
    const keys = await this.fetchKeys(found.uri, `${host} (JWKS)`, {}, fetched);
    return keys && { ...keys, notes: [...(keys.notes ?? []), ...(found.note ? [found.note] : [])] };
  }

  private async fromUrl(): Promise<Gathered | undefined> {
    const url = await this.ui.input({
      title: 'Token Doctor: fetch a JWK Set',
      prompt: 'The https URL of the key set (jwks_uri). Only this URL is requested.',
      placeHolder: 'https://login.example.com/.well-known/jwks.json',
      validateInput: (v) => (v.trim() ? urlProblem(v.trim()) : undefined),
    });
    if (!url?.trim()) return undefined;
    const u = url.trim();
    const problem = urlProblem(u);
    if (problem) {
      void this.ui.tell('error', `Token Doctor: ${problem}.`);
      return undefined;
    }
    return this.fetchKeys(u, `${new URL(u).host} (JWKS)`);
  }

  private async tokenUrl(member: 'jku' | 'x5u', url: string): Promise<Gathered | undefined> {
    if (member === 'x5u') {
      void this.ui.tell(
        'warning',
        `Token Doctor: x5u (${url}) points at a certificate chain chosen by whoever made the token; it is not fetched. If you trust that host, download the certificate and choose it as a key file.`,
      );
      return undefined;
    }
    const problem = urlProblem(url);
    if (problem) {
      void this.ui.tell('error', `Token Doctor: the jku URL cannot be fetched: ${problem}.`);
      return undefined;
    }
    const go = await this.ui.ask(
      `Fetch ${url}, the key URL the token names itself?`,
      'Whoever made the token chose this URL. A signature that verifies with a key from it proves nothing unless you trust that host; receivers must only use keys from URLs they are configured with.',
      'Fetch anyway',
    );
    if (go !== 'Fetch anyway') return undefined;
    return this.fetchKeys(url, `${new URL(url).host} (jku from the token)`, { untrusted: "from the token's own jku: trust it only if you trust that host" });
  }

  // ---------------------------------------------------------------- running a check

  private async run(
    target: TokenTarget,
    compact: string,
    gathered: Gathered,
    what: 'signature' | 'decryption',
    pbes2 = { allowed: false, maxIterations: 0 },
  ): Promise<KeyOutcome> {
    const into = new Map<string, TokenCheck>();
    // A decrypted JWE's token inside is checked with the stored keys too, so its signature shows at once.
    const extra = what === 'decryption' ? (await this.deps.store.userKeys()).filter((k) => !gathered.keys.some((g) => g.jwk === k.jwk)) : [];
    const check = await checkToken(compact, [...gathered.keys, ...extra], into, { pbes2 });
    this.deps.results.add(into);
    const result = what === 'signature' ? check?.signature : check?.decryption;
    const state = what === 'signature' ? signatureState(check?.signature, decodeHeader(compact.split('.', 1)[0]!)?.alg) : decryptionState(check?.decryption);
    const outcome: KeyOutcome = {
      status: result?.status ?? 'unsupported',
      ...(result?.key ? { key: result.key } : {}),
      ...(result?.reason ? { reason: result.reason } : {}),
      ...(gathered.fetched?.length ? { fetched: gathered.fetched } : {}),
    };
    const good = result?.status === 'verified' || result?.status === 'decrypted';
    const actions = ['Open Diagnosis'];
    if (gathered.unsaved && good) actions.push('Save Key…');
    const notes = [...(gathered.notes ?? []), ...(result?.notes ?? [])];
    const text = `Token Doctor: ${state.line}${!good && result?.reason ? ` — ${result.reason}` : ''}${notes.length ? ` (${notes.join(' ')})` : ''}`;
    const answer = await this.ui.tell(good ? 'info' : result?.status === 'invalid' || result?.status === 'failed' ? 'error' : 'warning', text, ...actions);
    if (answer === 'Open Diagnosis') await this.deps.showDiagnosis(target.arg);
    else if (answer === 'Save Key…' && gathered.unsaved) {
      const claims = what === 'signature' ? (decodeClaims(compact) ?? {}) : {};
      await this.save(gathered.unsaved, typeof claims.iss === 'string' ? claims.iss : undefined);
    }
    return outcome;
  }

  /** Asks for a name and an issuer scope, then stores the keys. */
  private async save(unsaved: Omit<StoredKey, 'id' | 'addedAt'>, iss: string | undefined): Promise<StoredKey | undefined> {
    const name = await this.ui.input({
      title: 'Token Doctor: save the key',
      prompt: 'A name for the key',
      value: unsaved.name,
      validateInput: (v) => (v.trim() ? undefined : 'a name, please'),
    });
    if (!name?.trim()) return undefined;
    const scopes: Array<vscode.QuickPickItem & { issuer?: string }> = [
      ...(iss ? [{ label: `For tokens from ${iss}`, description: 'checked automatically when such a token shows', issuer: iss }] : []),
      { label: 'For any token', description: 'used when you pick it' },
      { label: 'For another issuer…', description: 'type the iss value' },
    ];
    const scope = await this.ui.pick(scopes, { title: 'Token Doctor: save the key', placeHolder: 'Which tokens is this key for?' });
    if (!scope) return undefined;
    let issuer = scope.issuer;
    if (scope.label === 'For another issuer…') {
      issuer = (await this.ui.input({ title: 'Token Doctor: save the key', prompt: 'The issuer (the iss claim) this key signs for' }))?.trim() || undefined;
    }
    try {
      const stored = await this.deps.store.add({ ...unsaved, name: name.trim(), ...(issuer ? { issuer } : {}) });
      void this.ui.tell('info', `Token Doctor: saved "${stored.name}" in VS Code's secret storage.`);
      return stored;
    } catch (err) {
      void this.ui.tell('error', `Token Doctor: the key was not saved: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  // ---------------------------------------------------------------- manage

  async manage(): Promise<void> {
    const stored = await this.deps.store.list();
    const now = Date.now();
    type Item = vscode.QuickPickItem & { key?: StoredKey; act?: 'add' | 'clear' };
    const items: Item[] = [{ label: '$(add) Add a key…', detail: 'Paste it, choose a file, or fetch a JWK Set URL.', act: 'add' }];
    if (stored.length) items.push({ label: 'Stored keys', kind: vscode.QuickPickItemKind.Separator });
    for (const k of stored) items.push({ label: `$(key) ${k.name}`, description: summaryOf(k), detail: detailOf(k, now), key: k });
    if (stored.length) items.push({ label: '$(trash) Remove every stored key…', act: 'clear' });
    const picked = await this.ui.pick(items, {
      title: 'Token Doctor: Manage Keys',
      placeHolder: stored.length ? `${stored.length} key${stored.length === 1 ? '' : 's'} in VS Code's secret storage` : 'No keys stored yet',
    });
    if (!picked) return;
    if (picked.act === 'add') return void (await this.add());
    if (picked.act === 'clear') {
      if ((await this.ui.ask('Remove every stored key?', 'Results they proved are forgotten too.', 'Remove All')) !== 'Remove All') return;
      await this.deps.store.clear();
      this.deps.results.clear();
      return;
    }
    if (picked.key) await this.manageOne(picked.key);
  }

  private async add(): Promise<StoredKey | undefined> {
    const from = await this.ui.pick<vscode.QuickPickItem & { run: () => Promise<Gathered | undefined> }>(
      [
        { label: '$(clippy) Paste a key…', run: () => this.pasted() },
        { label: '$(file) Choose a key file…', run: () => this.fromFile() },
        { label: '$(globe) Fetch a JWK Set URL…', run: () => this.fromUrl() },
      ],
      { title: 'Token Doctor: add a key' },
    );
    const gathered = await from?.run();
    if (!gathered?.unsaved) return undefined;
    return this.save(gathered.unsaved, undefined);
  }

  private async manageOne(k: StoredKey): Promise<void> {
    type Act = vscode.QuickPickItem & { act: 'rename' | 'scope' | 'unscope' | 'refresh' | 'remove' | 'thumbprints' };
    const acts: Act[] = [
      { label: 'Rename…', act: 'rename' },
      { label: k.issuer ? 'Change the issuer…' : 'Use for one issuer…', description: k.issuer, act: 'scope' },
      ...(k.issuer ? [{ label: 'Use for any token (remove the issuer)', act: 'unscope' as const }] : []),
      ...(k.source === 'url' && k.from
        ? [
            {
              label: `Fetch again from ${k.from}`,
              description: k.fetchedAt ? `fetched ${ageText(k.fetchedAt, Date.now())}` : undefined,
              act: 'refresh' as const,
            },
          ]
        : []),
      { label: 'Show key ids and thumbprints', act: 'thumbprints' },
      { label: '$(trash) Remove', act: 'remove' },
    ];
    const a = await this.ui.pick(acts, { title: `Token Doctor: ${k.name}` });
    if (!a) return;
    switch (a.act) {
      case 'rename': {
        const name = await this.ui.input({ title: 'Token Doctor: rename the key', value: k.name });
        if (name?.trim()) await this.deps.store.change(k.id, { name: name.trim() });
        return;
      }
      case 'scope': {
        const issuer = await this.ui.input({
          title: 'Token Doctor: the issuer',
          prompt: 'Tokens whose iss is this are checked with the key automatically',
          value: k.issuer ?? '',
        });
        if (issuer?.trim()) await this.deps.store.change(k.id, { issuer: issuer.trim() });
        return;
      }
      case 'unscope':
        await this.deps.store.change(k.id, { issuer: '' });
        return;
      case 'refresh': {
        const got = await this.deps.fetcher.get(k.from!, true);
        if (!got.outcome.ok) return void this.ui.tell('error', `Token Doctor: ${k.from}: ${got.outcome.reason}.`);
        const loaded = keysFromJson(got.outcome.json, k.name);
        if (!loaded.keys.length) return void this.ui.tell('error', `Token Doctor: ${k.from} holds no usable key.`);
        await this.deps.store.change(k.id, { jwks: loaded.keys.map((x) => x.jwk), fetchedAt: got.fetchedAt });
        this.deps.results.clear();
        return void this.ui.tell('info', `Token Doctor: ${k.name} now holds ${loaded.keys.length} key${loaded.keys.length === 1 ? '' : 's'}.`);
      }
      case 'thumbprints': {
        const lines = await Promise.all(
          k.jwks.map(
            async (j: JWK) =>
              `${typeof j.kid === 'string' ? `kid ${j.kid}` : 'no kid'} · ${describeKey(j)}${(await thumbprint(j)) ? ` · thumbprint ${await thumbprint(j)}` : ''}`,
          ),
        );
        await this.ui.pick(
          lines.map((label) => ({ label })),
          { title: `Token Doctor: ${k.name}` },
        );
        return;
      }
      case 'remove':
        if ((await this.ui.ask(`Remove "${k.name}"?`, 'Results it proved are forgotten too.', 'Remove')) !== 'Remove') return;
        await this.deps.store.remove(k.id);
        this.deps.results.clear();
        return;
    }
  }
}

function decodeClaims(compact: string): Record<string, unknown> | undefined {
  const finding = analyze(compact, { now: 0, leeway: 0, maxFindings: 1 }).findings[0];
  return tokenOf(finding)?.claims;
}

/** The token a command names: the finding itself, or the nearest token beside an error finding. */
export function tokenTarget(finding: Finding | undefined, all: readonly Finding[], arg: unknown): TokenTarget | undefined {
  let f = finding;
  if (f && !isTokenFinding(f)) {
    const from = f;
    f = all.filter(isTokenFinding).sort((a, b) => Math.abs(a.start - from.start) - Math.abs(b.start - from.start))[0];
  }
  const compact = compactOf(f);
  return f && compact ? { finding: f, compact, arg } : undefined;
}

/**
 * Checks tokens with the stored keys scoped to their issuer, without being
 * asked (no network: stored keys only). Tokens without a result are
 * checked once; the results make the editor analyse again.
 */
export class AutoChecker {
  private running = false;
  private readonly queue: Array<{ findings: readonly Finding[] }> = [];

  constructor(
    private readonly store: KeyStore,
    private readonly results: CheckResults,
    private readonly enabled: () => boolean,
  ) {}

  /** Queues the token findings of a fresh analysis. */
  noteAnalysis(findings: readonly Finding[]): void {
    if (!this.enabled()) return;
    this.queue.push({ findings });
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const { findings } = this.queue.shift()!;
        const keys = (await this.store.userKeys()).filter((k) => k.issuer);
        if (!keys.length) continue;
        const into = new Map<string, TokenCheck>();
        let n = 0;
        for (const f of findings) {
          if (n >= 500) break;
          if (f.kind !== 'jwt') continue;
          const compact = compactOf(f);
          if (!compact || this.results.has(compact) || into.has(compact)) continue;
          const iss = tokenOf(f)?.claims?.iss;
          const mine = keys.filter((k) => scopedTo(k, iss));
          if (!mine.length) continue;
          n++;
          await checkToken(compact, mine, into);
        }
        this.results.add(into);
      }
    } finally {
      this.running = false;
    }
  }
}

/** The checks an analysis reads, from the results (undefined when there are none). */
export type ChecksProvider = () => TokenChecks | undefined;
