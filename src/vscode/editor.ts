import * as vscode from 'vscode';
import { ScanCache } from './analysis/cache';
import { registerCommands } from './commands/index';
import { readConfig, SECTION, type Config } from './config';
import { Diagnoser } from './commands/diagnose';
import { IdleScheduler } from './analysis/scheduler';
import { DiagnosisPanel } from './panel/panel';
import { TokenCodeLensProvider } from './languageFeatures/codeLens';
import { TokenHoverProvider } from './languageFeatures/hover';
import { SkipStatus } from './status';

/** Every document: files, untitled buffers, virtual and remote file systems. */
const ALL_DOCUMENTS: vscode.DocumentSelector = [{ scheme: '*' }];

export interface EditorFeatures {
  readonly config: () => Config;
  readonly panel: DiagnosisPanel;
  readonly diagnoser: Diagnoser;
  readonly hover: TokenHoverProvider;
  readonly lenses: TokenCodeLensProvider;
  readonly status: SkipStatus;
}

/**
 * Hover, CodeLens, the Diagnose command, the panel and the status note, over
 * one scan cache per document version. Documents on screen are scanned in
 * the background once idle, so the first hover or lens finds the scan ready.
 */
export function registerEditorFeatures(context: vscode.ExtensionContext): EditorFeatures {
  let config: Config = readConfig();
  const getConfig = () => config;
  const cache = new ScanCache(getConfig);
  const panel = new DiagnosisPanel(context.extensionUri);
  const diagnoser = new Diagnoser(cache, (model) => panel.show(model), getConfig);
  const hover = new TokenHoverProvider(cache);
  const lenses = new TokenCodeLensProvider(cache, getConfig);
  const status = new SkipStatus((d) => cache.skipReason(d));
  const prewarm = new IdleScheduler((document, isStale) => cache.get(document, isStale));
  const onScreen = (d: vscode.TextDocument) => vscode.window.visibleTextEditors.some((v) => v.document === d);

  context.subscriptions.push(
    panel,
    lenses,
    status,
    prewarm,
    vscode.languages.registerHoverProvider(ALL_DOCUMENTS, hover),
    vscode.languages.registerCodeLensProvider(ALL_DOCUMENTS, lenses),
    ...registerCommands({ diagnoser, writeClipboard: (t) => vscode.env.clipboard.writeText(t) }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      prewarm.cancel(d.uri);
      cache.delete(d.uri);
    }),
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
      if (onScreen(e.document)) prewarm.schedule(e.document);
    }),
  );
  status.update(vscode.window.activeTextEditor?.document);
  vscode.window.visibleTextEditors.forEach((e) => prewarm.schedule(e.document));
  return { config: getConfig, panel, diagnoser, hover, lenses, status };
}
