/** The extension's settings (`tokenDoctor.*`, declared in package.json), read in one place. */
import * as vscode from 'vscode';
import { DEFAULT_LEEWAY_SECONDS } from '../core/model';

export const SECTION = 'tokenDoctor';

export interface Config {
  /** Allowed clock skew in seconds for exp / nbf / iat checks. */
  readonly leeway: number;
  readonly codeLensEnabled: boolean;
  /** At most this many findings get lenses in one document. */
  readonly codeLensMax: number;
  /** Documents longer than this many characters are not scanned. */
  readonly maxDocumentChars: number;
  readonly excludedLanguages: readonly string[];
  readonly excludedGlobs: readonly string[];
}

function num(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** The current settings, with out-of-range values clamped and wrong types replaced by defaults. */
export function readConfig(scope?: vscode.ConfigurationScope): Config {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    leeway: num(c.get('leeway'), DEFAULT_LEEWAY_SECONDS, 0, 86400),
    codeLensEnabled: c.get('codeLens.enabled') !== false,
    codeLensMax: num(c.get('codeLens.maxPerDocument'), 200, 0, 10000),
    maxDocumentChars: Math.round(num(c.get('maxDocumentSizeMB'), 10, 0.001, 50) * 1024 * 1024),
    excludedLanguages: strings(c.get('exclude.languages')),
    excludedGlobs: strings(c.get('exclude.files')),
  };
}

/** Why a document is not scanned, or undefined when it is. */
export function exclusion(document: vscode.TextDocument, config: Config): string | undefined {
  if (config.excludedLanguages.includes(document.languageId)) return `language ${document.languageId} is excluded`;
  for (const pattern of config.excludedGlobs) {
    if (vscode.languages.match({ pattern }, document) > 0) return `excluded by ${pattern}`;
  }
  return undefined;
}
