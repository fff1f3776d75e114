/** Hovers on tokens and auth errors in any document, answered from the scan cache. */
import * as vscode from 'vscode';
import type { ScanCache } from '../analysis/cache';
import { CommandId } from '../commandIds';
import { locate } from '../analysis/locate';
import { hoverMarkdown } from '../../present/hover';
import type { FindingTarget } from '../analysis/target';

/** The commands a hover may run; nothing else in it is trusted. */
export const HOVER_COMMANDS: readonly string[] = [CommandId.ShowDiagnosis, CommandId.CopyDecoded, CommandId.CopyRedacted];
/** Overlapping findings (a token inside an error body) get one section each, up to this many. */
const MAX_SECTIONS = 2;

export class TokenHoverProvider implements vscode.HoverProvider {
  constructor(private readonly cache: ScanCache) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    const answer = this.cache.get(document, () => token.isCancellationRequested);
    if (answer.kind !== 'scanned') return undefined;
    const offset = document.offsetAt(position);
    const found = locate(answer.scan, offset);
    if (found.length === 0) return undefined;
    const contents = found.slice(0, MAX_SECTIONS).map((located, nth) => {
      const args: FindingTarget = { uri: document.uri.toString(), offset, nth };
      const md = new vscode.MarkdownString(
        hoverMarkdown(
          located.finding,
          { showDiagnosis: CommandId.ShowDiagnosis, copyDecoded: CommandId.CopyDecoded, copyRedacted: CommandId.CopyRedacted, args },
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
