import * as vscode from 'vscode';
import { scanText } from './core/scan';
import type { ScanOptions, ScanResult } from './core/model';
import { registerRuntimeFeatures, type RuntimeApi } from './debug';

/** What the extension exposes to other extensions and to its integration tests. */
export interface TokenDoctorApi extends RuntimeApi {
  scan(text: string, options?: Partial<ScanOptions>): ScanResult;
}

export function activate(_context: vscode.ExtensionContext): TokenDoctorApi {
  const runtime = registerRuntimeFeatures(_context);
  return {
    ...runtime,
    scan: (text, options) =>
      scanText(text, { now: Math.floor(Date.now() / 1000), leeway: 60, ...options }),
  };
}

export function deactivate(): void {}
