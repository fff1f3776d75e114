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
import { AutoChecker, KeyCommands, vscodeKeyUi, type KeyOutcome, type KeyUi } from './keys/commands';
import { KeyFetcher } from './keys/fetcher';
import { KeyStore, type StoredKey } from './keys/keyStore';
import { CheckResults } from './keys/results';

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
    /** The prompts of the key commands: scripted answers for the tests (undefined: VS Code's own again). */
    useKeyUi(ui: KeyUi | undefined): void;
    /** Every URL the extension has requested since it started, in order (only key commands ever request). */
    requests(): readonly string[];
    storedKeys(): Promise<StoredKey[]>;
    /** Removes every stored key and forgets every result and fetched document. */
    resetKeys(): Promise<void>;
    /** The last outcome of a key command. */
    lastKeyOutcome(): KeyOutcome | undefined;
  };
}

export function activate(context: vscode.ExtensionContext): TokenDoctorApi {
  const active = () => vscode.window.activeTextEditor?.document;
  const configs = new ConfigStore();
  const cache = new AnalysisCache(configs);
  const panel = new DiagnosisPanel(context.extensionUri);
  const diagnoser = new Diagnoser(cache, (model, refresh) => panel.show(model, refresh));
  const hover = new TokenHoverProvider(cache);
  const lenses = new TokenCodeLensProvider(cache);
  const fixes = new QuickFixes(cache);
  const status = new SkipStatus((d) => cache.skipReason(d));
  // Keys: stored in SecretStorage, results in memory; every analysis reads the results.
  const store = new KeyStore(context.secrets);
  const results = new CheckResults();
  const fetcher = new KeyFetcher();
  cache.checks = () => results.snapshot();
  let keyUi: KeyUi = vscodeKeyUi;
  let lastKeyOutcome: KeyOutcome | undefined;
  const keys = new KeyCommands({
    store,
    results,
    fetcher,
    findToken: (arg) => diagnoser.findToken(arg),
    showDiagnosis: (arg) => diagnoser.showTarget(arg),
    pbes2MaxIterations: () => configs.for(active()).pbes2MaxIterations,
    ui: () => keyUi,
  });
  const keyCommand = (run: () => Promise<KeyOutcome>) => run().then((o) => (lastKeyOutcome = o));
  panel.onKeys = (action, target) =>
    action === 'verify' ? keyCommand(() => keys.verify(target)) : action === 'decrypt' ? keyCommand(() => keys.decrypt(target)) : keys.manage();
  const auto = new AutoChecker(store, results, () => configs.for(active()).checkAutomatically);
  let panelRefresh: ReturnType<typeof setTimeout> | undefined;
  // Documents are analysed once typing pauses; the answer feeds every feature, diagnostics included.
  const idle = new IdleScheduler((document) => {
    void cache.ensure(document).then((answer) => {
      if (answer.kind === 'skipped') fixes.forget(document.uri);
    });
  });

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
    store,
    results,
    cache.onDidAnalyse(({ document, doc }) => {
      fixes.publish(document, doc);
      auto.noteAnalysis(doc.analysis.findings);
    }),
    vscode.commands.registerCommand(CommandId.VerifySignature, (arg) => keyCommand(() => keys.verify(arg))),
    vscode.commands.registerCommand(CommandId.Decrypt, (arg) => keyCommand(() => keys.decrypt(arg))),
    vscode.commands.registerCommand(CommandId.ManageKeys, () => keys.manage()),
    // New results: analyse again, so hovers, lenses, diagnostics and an open panel show them.
    results.onDidChange(() => {
      cache.clear();
      lenses.refresh();
      for (const d of vscode.workspace.textDocuments) idle.schedule(d, 0);
      // Checks often finish in bursts; the webview reloads once for them.
      clearTimeout(panelRefresh);
      panelRefresh = setTimeout(() => {
        if (panel.visible) diagnoser.refresh();
      }, 150);
    }),
    { dispose: () => clearTimeout(panelRefresh) },
    // A key added for an issuer checks the tokens already on screen.
    store.onDidChange(() => {
      for (const d of vscode.workspace.textDocuments) {
        const doc = cache.peek(d);
        if (doc) auto.noteAnalysis(doc.analysis.findings);
      }
    }),
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
      return analyze(text, {
        now: Math.floor(Date.now() / 1000),
        leeway: config.leeway,
        maxLifetimeSeconds: config.maxLifetimeSeconds,
        ...cache.checksOption(),
        ...options,
      });
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
      useKeyUi: (ui) => {
        keyUi = ui ?? vscodeKeyUi;
      },
      requests: () => fetcher.requests,
      storedKeys: () => store.list(),
      resetKeys: async () => {
        await store.clear();
        results.clear();
        fetcher.forget();
        lastKeyOutcome = undefined;
      },
      lastKeyOutcome: () => lastKeyOutcome,
    },
  };
}

export function deactivate(): void {}
