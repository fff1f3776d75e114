import * as vscode from 'vscode';
import { scanText } from './core/scan';
import type { ScanOptions, ScanResult } from './core/model';
import { registerRuntimeFeatures, type RuntimeApi } from './debug';
import { ScanCache } from './cache';
import { readConfig, SECTION, type Config } from './config';
import { registerCommands } from './commands';
import { Diagnoser, vscodeSources, type DiagnoseOutcome, type TextSources } from './diagnose';
import { DiagnosisPanel } from './panel/panel';
import { TokenCodeLensProvider } from './providers/codeLens';
import { TokenHoverProvider } from './providers/hover';
import { SkipStatus } from './status';
import { Prewarmer } from './prewarm';
import { registerQuickFixes } from './quickfix/index';

/** What the extension exposes to other extensions and to its integration tests. */
export interface TokenDoctorApi extends RuntimeApi {
  scan(text: string, options?: Partial<ScanOptions>): ScanResult;
  /** Runs "Diagnose Token" with other text sources (tests use this for the clipboard and input paths). */
  diagnose(sources: Partial<TextSources>): Promise<DiagnoseOutcome>;
  /** Test hooks: the panel's current HTML, a message as if the page sent it, the status note. */
  readonly testing: {
    panelHtml(): string | undefined;
    postFromPanel(message: unknown): Promise<boolean>;
    skipReason(): string | undefined;
    /** Provider calls timed in process, without the editor round trip (the bench uses them). */
    hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined;
    codeLenses(document: vscode.TextDocument): vscode.CodeLens[];
  };
}

/** Every document: files, untitled buffers, virtual and remote file systems. */
const ALL_DOCUMENTS: vscode.DocumentSelector = [{ scheme: '*' }];

export function activate(context: vscode.ExtensionContext): TokenDoctorApi {
  let config: Config = readConfig();
  const getConfig = () => config;
  const cache = new ScanCache(getConfig);
  const panel = new DiagnosisPanel(context.extensionUri);
  const diagnoser = new Diagnoser(cache, (model) => panel.show(model), getConfig);
  const hover = new TokenHoverProvider(cache);
  const lenses = new TokenCodeLensProvider(cache, getConfig);
  const status = new SkipStatus((d) => cache.skipReason(d));
  const prewarm = new Prewarmer(cache);
  const never = new vscode.CancellationTokenSource();

  context.subscriptions.push(
    panel,
    lenses,
    status,
    prewarm,
    never,
    vscode.languages.registerHoverProvider(ALL_DOCUMENTS, hover),
    vscode.languages.registerCodeLensProvider(ALL_DOCUMENTS, lenses),
    ...registerCommands({ diagnoser, writeClipboard: (t) => vscode.env.clipboard.writeText(t) }),
    vscode.workspace.onDidCloseTextDocument((d) => cache.delete(d.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      config = readConfig();
      cache.clear();
      lenses.refresh();
      status.update(vscode.window.activeTextEditor?.document);
    }),
    vscode.window.onDidChangeActiveTextEditor((e) => status.update(e?.document)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => prewarm.schedule(e.document))),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) status.update(e.document);
      if (vscode.window.visibleTextEditors.some((v) => v.document === e.document)) prewarm.schedule(e.document);
    }),
  );
  status.update(vscode.window.activeTextEditor?.document);
  vscode.window.visibleTextEditors.forEach((e) => prewarm.schedule(e.document));
  registerQuickFixes(context);

  const runtime = registerRuntimeFeatures(context);
  return {
    ...runtime,
    scan: (text, options) => scanText(text, { now: Math.floor(Date.now() / 1000), leeway: config.leeway, ...options }),
    diagnose: (sources) => diagnoser.diagnoseToken(undefined, { ...vscodeSources, ...sources }),
    testing: {
      panelHtml: () => panel.html,
      postFromPanel: (message) => panel.receive(message),
      skipReason: () => status.reason,
      hover: (document, position) => hover.provideHover(document, position, never.token),
      codeLenses: (document) => lenses.provideCodeLenses(document, never.token).map((l) => lenses.resolveCodeLens(l)),
    },
  };
}

export function deactivate(): void {}
