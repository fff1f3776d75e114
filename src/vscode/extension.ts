/**
 * The one place that wires the extension: the analysis cache and its
 * scheduler, the language features, the commands, the panel, and the
 * run-time features (debug sessions, terminal links). Everything it creates
 * is disposed through `context.subscriptions`.
 */
import * as vscode from 'vscode';
import { analyze } from '../core/analysis/analyze';
import type { Analysis, AnalysisOptions } from '../core/model';
import { AnalysisCache } from './analysis/cache';
import { IdleScheduler } from './analysis/scheduler';
import { CommandId } from './commandIds';
import { registerCommands } from './commands/index';
import { openSample } from './commands/sample';
import { Diagnoser, vscodeSources, type DiagnoseOutcome, type TextSources } from './commands/diagnose';
import { ConfigStore, SECTION } from './config';
import { registerRuntimeFeatures, type RuntimeApi } from './debug/index';
import { TokenCodeLensProvider } from './languageFeatures/codeLens';
import { TokenHoverProvider } from './languageFeatures/hover';
import { QuickFixes } from './languageFeatures/quickFixes';
import { DiagnosisPanel } from './panel/panel';
import { HOST_CONTEXT_KEY, hostKind, type ExtensionHostKind } from './platform/host';
import { SkipStatus } from './status';

/** Every document: files, untitled buffers, virtual and remote file systems. */
const ALL_DOCUMENTS: vscode.DocumentSelector = [{ scheme: '*' }];

/** What the extension exposes to other extensions and to its integration tests. */
export interface TokenDoctorApi extends RuntimeApi {
  /** The extension host running the extension: 'web' in vscode.dev's browser worker. */
  readonly host: ExtensionHostKind;
  /** The one analysis of a text, with the settings of the active document's folder unless overridden. */
  scan(text: string, options?: Partial<AnalysisOptions>): Analysis;
  /** Runs "Diagnose Token" with other text sources (tests use this for the clipboard and input paths). */
  diagnose(sources: Partial<TextSources>): Promise<DiagnoseOutcome>;
  /** Test hooks: the panel's current HTML, a message as if the page sent it, the status note. */
  readonly testing: {
    panelHtml(): string | undefined;
    postFromPanel(message: unknown): Promise<boolean>;
    skipReason(): string | undefined;
    /** The document's analysis, once ready (the bench and the tests wait on it). */
    analysis(document: vscode.TextDocument): Promise<Analysis | undefined>;
    /** Provider answers computed in process from the ready analysis, without the editor round trip (the bench times them). */
    hover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined>;
    codeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]>;
  };
}

export function activate(context: vscode.ExtensionContext): TokenDoctorApi {
  const configs = new ConfigStore();
  const cache = new AnalysisCache(configs);
  const panel = new DiagnosisPanel(context.extensionUri);
  const diagnoser = new Diagnoser(cache, (model) => panel.show(model));
  const hover = new TokenHoverProvider(cache);
  const lenses = new TokenCodeLensProvider(cache);
  const fixes = new QuickFixes(cache);
  const status = new SkipStatus((d) => cache.skipReason(d));
  // Documents are analysed once typing pauses; the answer feeds every feature, diagnostics included.
  const idle = new IdleScheduler((document) => {
    void cache.ensure(document).then((answer) => {
      if (answer.kind === 'skipped') fixes.forget(document.uri);
    });
  });
  const active = () => vscode.window.activeTextEditor?.document;

  context.subscriptions.push(
    cache,
    panel,
    lenses,
    fixes,
    status,
    idle,
    vscode.languages.registerHoverProvider(ALL_DOCUMENTS, hover),
    vscode.languages.registerCodeLensProvider(ALL_DOCUMENTS, lenses),
    vscode.languages.registerCodeActionsProvider(ALL_DOCUMENTS, fixes, QuickFixes.metadata),
    ...registerCommands({ diagnoser, writeClipboard: (t) => vscode.env.clipboard.writeText(t) }),
    vscode.commands.registerCommand(CommandId.OpenSample, (step?: unknown) => openSample(context.extensionUri, context.globalStorageUri, step)),
    cache.onDidAnalyse(({ document, doc }) => fixes.publish(document, doc)),
    vscode.workspace.onDidOpenTextDocument((d) => idle.schedule(d)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      cache.noteChange(e);
      if (e.document === active()) status.update(e.document);
      if (e.contentChanges.length) idle.schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      idle.cancel(d.uri);
      cache.delete(d.uri);
      fixes.forget(d.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      configs.clear();
      cache.clear();
      lenses.refresh();
      status.update(active());
      for (const d of vscode.workspace.textDocuments) idle.schedule(d, 0);
    }),
    vscode.window.onDidChangeActiveTextEditor((e) => status.update(e?.document)),
  );
  void vscode.commands.executeCommand('setContext', HOST_CONTEXT_KEY, hostKind);
  const runtime = registerRuntimeFeatures(context, (finding, raw, source) => diagnoser.showFinding(finding, raw, source));
  status.update(active());
  for (const d of vscode.workspace.textDocuments) idle.schedule(d);

  const ready = async (document: vscode.TextDocument) => {
    const answer = await cache.ensure(document);
    return answer.kind === 'analysed' ? answer.doc : undefined;
  };
  return {
    ...runtime,
    host: hostKind,
    scan: (text, options) => {
      const config = configs.for(active());
      return analyze(text, { now: Math.floor(Date.now() / 1000), leeway: config.leeway, maxLifetimeSeconds: config.maxLifetimeSeconds, ...options });
    },
    diagnose: (sources) => diagnoser.diagnoseToken(undefined, { ...vscodeSources, ...sources }),
    testing: {
      panelHtml: () => panel.html,
      postFromPanel: (message) => panel.receive(message),
      skipReason: () => status.reason,
      analysis: async (document) => (await ready(document))?.analysis,
      hover: async (document, position) => {
        const doc = await ready(document);
        return doc && hover.hoverAt(document, doc, position);
      },
      codeLenses: async (document) => {
        const doc = await ready(document);
        return doc ? lenses.lensesFor(document, doc, configs.for(document).codeLensMax).map((l) => lenses.resolveCodeLens(l)) : [];
      },
    },
  };
}

export function deactivate(): void {}
