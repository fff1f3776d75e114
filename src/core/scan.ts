import { findProblems, rankWithTokens } from './errors/index';
import { findTokenRequests } from './fixes/index';
import { findTokens } from './jwt/find';
import type { Finding, ScanOptions, ScanResult } from './model';

/**
 * Scans text for tokens and auth errors and diagnoses each finding.
 * Never throws on any input; linear in the length of the text.
 * Decodes, does not verify: no signature is checked and nothing leaves the process.
 */
export function scanText(text: string, options: ScanOptions): ScanResult {
  const notes: string[] = [];
  let cancelled = false;
  let findings: Finding[] = [];
  try {
    const tokens = findTokens(text, options);
    const found = options.isCancelled?.() ? [] : findProblems(text, options);
    // A token in the same text changes what an error most likely means.
    const problems = found.length && tokens.length ? rankWithTokens(found, tokens, text, options) : found;
    const requests = options.isCancelled?.() ? [] : findTokenRequests(text, options);
    findings = tokens.concat(problems, requests).sort((a, b) => a.start - b.start || b.end - a.end);
    cancelled = options.isCancelled?.() ?? false;
  } catch (err) {
    // A bug in the engine must never reach the user as a stack trace.
    notes.push(`The scan stopped early because of an internal error: ${(err as Error)?.message ?? String(err)}`);
  }
  const max = options.maxFindings;
  if (max !== undefined && findings.length > max) {
    notes.push(`Showing the first ${max} of ${findings.length} findings.`);
    findings = findings.slice(0, max);
  }
  if (cancelled) notes.push('The scan was cancelled before it finished.');
  return { findings, notes, cancelled };
}
