/**
 * The user's named keys, kept in VS Code's SecretStorage (the operating
 * system's keychain where there is one) and nowhere else: never in
 * settings, never in logs, never in workspace files. A stored key is the
 * JWKs jose read from what the user gave (a JWK Set, a PEM, a shared secret
 * as an `oct` JWK), its name, where it came from, and optionally the issuer
 * it is for: tokens from that issuer are checked with it without asking.
 */
import type { JWK } from 'jose';
import * as vscode from 'vscode';
import type { UserKey } from '../../core/verify/keys';
import { printable } from '../../core/verify/printable';

export interface StoredKey {
  readonly id: string;
  readonly name: string;
  readonly jwks: readonly JWK[];
  /** Tokens whose iss is this are checked with the key without being asked. */
  readonly issuer?: string;
  /** How it was added: pasted, a file (its name), a URL (fetched at `fetchedAt`). */
  readonly source: 'pasted' | 'file' | 'url';
  readonly from?: string;
  readonly fetchedAt?: number;
  readonly addedAt: number;
}

const SECRET = 'tokenDoctor.keys.v1';
/** A key set larger than this is refused (SecretStorage is not meant for megabytes). */
const MAX_STORED_CHARS = 256 * 1024;

function isStored(v: unknown): v is StoredKey {
  if (typeof v !== 'object' || v === null) return false;
  const k = v as Record<string, unknown>;
  return typeof k.id === 'string' && typeof k.name === 'string' && Array.isArray(k.jwks) && typeof k.addedAt === 'number';
}

/** The keys of a stored entry as the checks use them: one per JWK, named after the entry (and the kid). */
export function userKeysOf(k: StoredKey): UserKey[] {
  return k.jwks.map((jwk, i) => ({
    name: typeof jwk.kid === 'string' && jwk.kid ? `${k.name} · kid ${printable(jwk.kid, 100)}` : k.jwks.length > 1 ? `${k.name} · key ${i + 1}` : k.name,
    jwk,
    ...(k.issuer ? { issuer: k.issuer } : {}),
  }));
}

export class KeyStore implements vscode.Disposable {
  private cached: StoredKey[] | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    // Another window changed the keys: read them again.
    this.subscription = secrets.onDidChange((e) => {
      if (e.key !== SECRET) return;
      this.cached = undefined;
      this.changed.fire();
    });
  }

  async list(): Promise<StoredKey[]> {
    if (this.cached) return this.cached;
    let parsed: unknown;
    try {
      // No keychain, or an entry that is not ours: no keys (saving will say what went wrong).
      parsed = JSON.parse((await this.secrets.get(SECRET)) ?? '[]');
    } catch {
      parsed = [];
    }
    this.cached = Array.isArray(parsed) ? parsed.filter(isStored) : [];
    return this.cached;
  }

  /** Every stored key as the checks use them. */
  async userKeys(): Promise<UserKey[]> {
    return (await this.list()).flatMap(userKeysOf);
  }

  private update(change: (keys: StoredKey[]) => StoredKey[]): Promise<void> {
    const run = this.writing.then(async () => {
      const next = change([...(await this.list())]);
      const text = JSON.stringify(next);
      if (text.length > MAX_STORED_CHARS) throw new Error('the stored keys would exceed 256 KB; remove some first');
      await this.secrets.store(SECRET, text);
      this.cached = next;
      this.changed.fire();
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  async add(key: Omit<StoredKey, 'id' | 'addedAt'>): Promise<StoredKey> {
    const stored: StoredKey = { ...key, id: globalThis.crypto.randomUUID(), addedAt: Date.now() };
    await this.update((keys) => [...keys, stored]);
    return stored;
  }

  async change(id: string, patch: Partial<Pick<StoredKey, 'name' | 'issuer' | 'jwks' | 'fetchedAt'>>): Promise<void> {
    await this.update((keys) =>
      keys.map((k) => {
        if (k.id !== id) return k;
        const next: Record<string, unknown> = { ...k, ...patch };
        if (patch.issuer === '') delete next.issuer;
        return next as unknown as StoredKey;
      }),
    );
  }

  async remove(id: string): Promise<void> {
    await this.update((keys) => keys.filter((k) => k.id !== id));
  }

  async clear(): Promise<void> {
    await this.update(() => []);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
