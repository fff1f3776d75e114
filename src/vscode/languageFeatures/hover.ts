/** Hovers on tokens and auth errors in any document, answered from the document's one analysis. */
import * as vscode from 'vscode';
import type { AnalysisCache, DocAnalysis } from '../analysis/cache';
import { CommandId } from '../commandIds';
import { locate } from '../analysis/locate';
import { hoverMarkdown } from '../../present/hover';
import type { FindingTarget } from '../analysis/target';

/** The commands a hover may run; nothing else in it is trusted. */
export const HOVER_COMMANDS: readonly string[] = [
  CommandId.ShowDiagnosis,
  CommandId.CopyDecoded,
  CommandId.CopyRedacted,
  CommandId.VerifySignature,
  CommandId.Decrypt,
  CommandId.ManageKeys,
];
/** Overlapping findings (a token inside an error body) get one section each, up to this many. */
const MAX_SECTIONS = 2;

export class TokenHoverProvider implements vscode.HoverProvider {
  constructor(private readonly cache: AnalysisCache) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const answer = await this.cache.ensure(document);
    if (answer.kind !== 'analysed' || token.isCancellationRequested || answer.doc.version !== document.version) return undefined;
    return this.hoverAt(document, answer.doc, position);
  }

  /** The hover for a position in an analysed document (synchronous: the bench times it alone). */
  hoverAt(document: vscode.TextDocument, doc: DocAnalysis, position: vscode.Position): vscode.Hover | undefined {
    const offset = document.offsetAt(position);
    const found = locate(doc, offset);
    if (found.length === 0) return undefined;
    const contents = found.slice(0, MAX_SECTIONS).map((located, nth) => {
      const args: FindingTarget = { uri: document.uri.toString(), offset, nth };
      const md = new vscode.MarkdownString(
        hoverMarkdown(
          located.finding,
          {
            showDiagnosis: CommandId.ShowDiagnosis,
            copyDecoded: CommandId.CopyDecoded,
            copyRedacted: CommandId.CopyRedacted,
            verify: CommandId.VerifySignature,
            decrypt: CommandId.Decrypt,
            manageKeys: CommandId.ManageKeys,
            args,
          },
          located.via,
        ),
      );
      md.isTrusted = { enabledCommands: HOVER_COMMANDS };
      md.supportHtml = false;
      md.supportThemeIcons = false;
      return md;
    });
    const first = found[0]!;
    return new vscode.Hover(contents, new vscode.Range(document.positionAt(first.start), document.positionAt(first.end)));
  }
}
