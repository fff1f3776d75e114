/** The extension's settings (`tokenDoctor.*`, declared in package.json), read once per workspace folder. */
import * as vscode from 'vscode';
import { DEFAULT_LEEWAY_SECONDS } from '../core/model';
import { DEFAULT_MAX_ASSERTION_LIFETIME } from '../core/fixes/index';

export const SECTION = 'tokenDoctor';

export interface Config {
  /** Allowed clock skew in seconds for exp / nbf / iat checks. */
  readonly leeway: number;
  readonly codeLensEnabled: boolean;
  /** At most this many findings get lenses in one document. */
  readonly codeLensMax: number;
  /** Documents longer than this many characters are not analysed. */
  readonly maxDocumentChars: number;
  readonly excludedLanguages: readonly string[];
  readonly excludedGlobs: readonly string[];
  /** A client assertion living longer than this is a mistake (tokenDoctor.assertion.maxLifetimeSeconds). */
  readonly maxLifetimeSeconds: number;
  /** Check tokens with stored keys scoped to their issuer without being asked (tokenDoctor.keys.checkAutomatically). */
  readonly checkAutomatically: boolean;
  /** PBES2 tokens asking for more PBKDF2 iterations than this are not tried (tokenDoctor.keys.pbes2MaxIterations). */
  readonly pbes2MaxIterations: number;
}

function num(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** The settings for a scope, with out-of-range values clamped and wrong types replaced by defaults. */
export function readConfig(scope?: vscode.ConfigurationScope): Config {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    leeway: num(c.get('leeway'), DEFAULT_LEEWAY_SECONDS, 0, 86400),
    codeLensEnabled: c.get('codeLens.enabled') !== false,
    codeLensMax: num(c.get('codeLens.maxPerDocument'), 200, 0, 10000),
    maxDocumentChars: Math.round(num(c.get('maxDocumentSizeMB'), 10, 0.001, 50) * 1024 * 1024),
    excludedLanguages: strings(c.get('exclude.languages')),
    excludedGlobs: strings(c.get('exclude.files')),
    maxLifetimeSeconds: num(c.get('assertion.maxLifetimeSeconds'), DEFAULT_MAX_ASSERTION_LIFETIME, 1, 10 * 365 * 86400),
    checkAutomatically: c.get('keys.checkAutomatically') !== false,
    // An application setting (package.json): VS Code ignores it in workspace settings, so a workspace cannot raise it.
    pbes2MaxIterations: num(c.get('keys.pbes2MaxIterations'), 100_000, 1, 1_000_000),
  };
}

/**
 * Settings per workspace folder (folder settings can differ), read once and
 * kept until a `tokenDoctor.*` setting changes. Every feature asks here.
 */
export class ConfigStore {
  private readonly byFolder = new Map<string, Config>();

  /** The settings that apply to a document. */
  for(document: vscode.TextDocument | undefined): Config {
    const folder = document ? vscode.workspace.getWorkspaceFolder(document.uri) : undefined;
    const key = folder?.uri.toString() ?? '';
    let config = this.byFolder.get(key);
    if (!config) {
      config = readConfig(folder?.uri ?? document?.uri);
      this.byFolder.set(key, config);
    }
    return config;
  }

  /** Forgets every folder's settings; the next read gets the new values. */
  clear(): void {
    this.byFolder.clear();
  }
}

/** Why a document is not analysed, or undefined when it is. */
export function exclusion(document: vscode.TextDocument, config: Config): string | undefined {
  if (config.excludedLanguages.includes(document.languageId)) return `language ${document.languageId} is excluded`;
  for (const pattern of config.excludedGlobs) {
    if (vscode.languages.match({ pattern }, document) > 0) return `excluded by ${pattern}`;
  }
  return undefined;
}
