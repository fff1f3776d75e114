import * as vscode from 'vscode';
import { analyze } from '../../core/analysis/analyze';
import { DEFAULT_LEEWAY_SECONDS, type Finding, problemOf } from '../../core/model';
import type { ShowFinding } from '../debug/findingActions';

/** A terminal link to a token or an auth error code, with the text its diagnosis opens with. */
export class TokenTerminalLink extends vscode.TerminalLink {
  constructor(
    startIndex: number,
    length: number,
    /** The finding as the line's analysis diagnosed it; the panel shows exactly this. */
    readonly finding: Finding,
    /** The finding's text in the line (kept in memory only, never shown whole). */
    readonly raw: string,
    /** Every finding of the line: the context the diagnosis was made in. */
    readonly all: readonly Finding[],
    tooltip: string,
  ) {
    super(startIndex, length, tooltip);
  }
}

/** Longest line scanned; VS Code hands over unwrapped lines, which can be very long. */
const MAX_LINE_CHARS = 16 * 1024;
const MAX_LINKS_PER_LINE = 20;

/** The part of an error finding to underline: its error or vendor code where the line shows it. */
function codeRange(line: string, f: Finding): [number, number] {
  for (const code of [f.error, problemOf(f)?.vendorCode]) {
    if (!code) continue;
    const at = line.indexOf(code, f.start);
    if (at >= 0 && at + code.length <= f.end) return [at, at + code.length];
  }
  if (f.kind === 'http-status' && f.problem?.status) {
    const at = line.indexOf(String(f.problem.status), f.start);
    if (at >= 0 && at < f.end) return [at, at + 3];
  }
  return [f.start, f.end];
}

/**
 * Marks tokens and OAuth/OIDC error codes in terminal lines; activating a
 * link opens the diagnosis. Only the visible line is scanned, capped, so
 * hovering never costs more than a short scan.
 */
export class TokenTerminalLinkProvider implements vscode.TerminalLinkProvider<TokenTerminalLink> {
  constructor(private readonly showFinding: ShowFinding) {}

  provideTerminalLinks(context: vscode.TerminalLinkContext, token?: vscode.CancellationToken): TokenTerminalLink[] {
    const line = context.line.length > MAX_LINE_CHARS ? context.line.slice(0, MAX_LINE_CHARS) : context.line;
    // Cheap test first: most terminal lines hold nothing to look at.
    if (!/eyJ|error|[45]\d\d|AADSTS|invalid|unauthori|forbidden|denied|expired/i.test(line)) return [];
    const { findings } = analyze(line, {
      now: Math.floor(Date.now() / 1000),
      leeway: DEFAULT_LEEWAY_SECONDS,
      isCancelled: () => token?.isCancellationRequested === true,
      maxFindings: MAX_LINKS_PER_LINE,
    });
    const links: TokenTerminalLink[] = [];
    for (const f of findings) {
      if (f.kind === 'token-request') continue; // a request is not a failure or a token
      if (f.kind === 'http-status' && f.problem?.status !== 401 && f.problem?.status !== 403) continue;
      const isToken = f.kind === 'jwt' || f.kind === 'jwe';
      const [start, end] = isToken ? [f.start, f.end] : codeRange(line, f);
      if (end <= start) continue;
      const what = isToken ? (f.kind === 'jwe' ? 'encrypted token' : 'token') : 'auth error';
      links.push(new TokenTerminalLink(start, end - start, f, line.slice(f.start, f.end), findings, `Diagnose ${what} with Token Doctor`));
    }
    return links;
  }

  handleTerminalLink(link: TokenTerminalLink): void {
    this.showFinding(link.finding, link.raw, 'Diagnosis of a terminal line', link.all);
  }
}
