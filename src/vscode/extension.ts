import * as vscode from 'vscode';
import { analyze } from '../core/analysis/analyze';
import type { AnalysisOptions, Analysis } from '../core/model';
import { registerRuntimeFeatures, type RuntimeApi } from './debug/index';
import { vscodeSources, type DiagnoseOutcome, type TextSources } from './commands/diagnose';
import { registerEditorFeatures } from './editor';
import { registerQuickFixes } from './languageFeatures/quickFixes';

/** What the extension exposes to other extensions and to its integration tests. */
export interface TokenDoctorApi extends RuntimeApi {
  scan(text: string, options?: Partial<AnalysisOptions>): Analysis;
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

export function activate(context: vscode.ExtensionContext): TokenDoctorApi {
  const editor = registerEditorFeatures(context);
  registerQuickFixes(context);
  const runtime = registerRuntimeFeatures(context);
  const never = new vscode.CancellationTokenSource();
  context.subscriptions.push(never);
  return {
    ...runtime,
    scan: (text, options) => analyze(text, { now: Math.floor(Date.now() / 1000), leeway: editor.config().leeway, ...options }),
    diagnose: (sources) => editor.diagnoser.diagnoseToken(undefined, { ...vscodeSources, ...sources }),
    testing: {
      panelHtml: () => editor.panel.html,
      postFromPanel: (message) => editor.panel.receive(message),
      skipReason: () => editor.status.reason,
      hover: (document, position) => editor.hover.provideHover(document, position, never.token),
      codeLenses: (document) => editor.lenses.provideCodeLenses(document, never.token).map((l) => editor.lenses.resolveCodeLens(l)),
    },
  };
}

export function deactivate(): void {}
