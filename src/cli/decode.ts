/**
 * `token-doctor decode`: one token from standard input (never from an
 * argument: shell history and process lists keep those), its header, claims
 * and diagnosis. With --json, one object shaped like a finding of
 * `scan --json` plus `header` and `claims`.
 */
import { analyze } from '../core/analysis/analyze';
import { DEFAULT_LEEWAY_SECONDS, isTokenFinding } from '../core/model';
import { LineIndex } from '../core/text/lines';
import { decodeBody, style, terminalSafe } from '../present/cliText';
import { causeSummary, causeTitle } from '../present/titles';
import { failOnMatches, USAGE, type DecodeArgs } from './args';
import { causesOut } from './established';
import { decodeBytes, readAll, readLine } from './input';
import { jsonMembers } from './records';
import { prepareChecks } from './keys';
import { Readable } from 'node:stream';
import { checksOf } from '../core/verify/check';
import { Redactor } from './redaction';
import type { Io } from './scan';

export async function decode(args: DecodeArgs, io: Io): Promise<number> {
  let bytes: Buffer;
  try {
    if (io.stdinIsTTY) {
      // Pasting keeps the token out of shell history; without echo it stays off the screen too.
      io.err('Paste the token and press Enter (Ctrl-C to cancel):\n');
      io.setRawMode?.(true);
      let line: Buffer | undefined;
      try {
        line = await readLine(io.stdin);
      } finally {
        io.setRawMode?.(false);
      }
      if (!line) {
        io.err('token-doctor: cancelled\n');
        return 2;
      }
      if (!line.toString('utf8').trim()) {
        io.err(`${USAGE}\n\ntoken-doctor: decode reads the token from standard input: printf '%s' "$TOKEN" | token-doctor decode\n`);
        return 2;
      }
      bytes = line;
    } else {
      bytes = await readAll(io.stdin);
    }
  } catch (err) {
    io.err(`token-doctor: cannot read standard input: ${(err as Error).message}\n`);
    return 2;
  }
  const { text, notes } = decodeBytes(bytes);
  const now = args.now ?? Math.floor(Date.now() / 1000);
  const leeway = args.leeway ?? DEFAULT_LEEWAY_SECONDS;
  let checks: ReturnType<typeof checksOf> | undefined;
  if (args.keys) {
    const prepared = await prepareChecks(args.keys, [{ kind: 'stdin' }], { env: io.env, stdin: Readable.from([Buffer.from(text)]) });
    if (!prepared.ok) {
      io.err(`token-doctor: ${prepared.message}\n`);
      return 2;
    }
    checks = checksOf(prepared.checks);
    notes.push(...prepared.notes);
  }
  const result = analyze(text, { now, leeway, ...(checks ? { checks } : {}) });
  const tokens = result.findings.filter(isTokenFinding);
  const f = tokens[0];
  if (!f) {
    io.err('token-doctor: no token found on standard input (a JWT or JWE starts with eyJ)\n');
    return 2;
  }
  if (tokens.length > 1) notes.push(`Standard input holds ${tokens.length} tokens; the first was decoded (use scan for all of them).`);
  const redactor = new Redactor();
  for (const t of tokens) redactor.addToken(text.slice(t.start, t.end));
  const causes = causesOut(f, now, leeway);
  const tokenText = text.slice(f.start, f.end);
  if (args.format === 'json') {
    const { line, column } = new LineIndex(text).position(f.start);
    const members = jsonMembers(f, causes, args.keys !== undefined);
    const obj = { kind: f.kind, start: f.start, end: f.end, line, column, ...members, header: f.token.header ?? null, claims: f.token.claims ?? null, notes };
    io.write(`${redactor.clean(JSON.stringify(obj))}\n`);
  } else {
    const color = args.color ?? (io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb');
    const s = style(color);
    let out = decodeBody(f, tokenText, causes, s, causeTitle, causeSummary);
    for (const n of notes) out += `${s.yellow(`note: ${n}`)}\n`;
    io.write(redactor.clean(terminalSafe(out, color)));
  }
  await io.drain();
  const failed =
    args.failOn !== undefined &&
    failOnMatches(
      args.failOn,
      f.kind,
      causes.map((c) => c.id),
      causes.filter((c) => c.established).map((c) => c.id),
    );
  return failed ? 1 : 0;
}
