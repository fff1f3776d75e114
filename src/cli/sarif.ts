/**
 * `scan --format sarif`: a SARIF 2.1.0 log with one run, one rule per cause
 * id (its title, summary and help from the catalog), and one result per
 * finding whose ruleId is the finding's first cause (or, for a finding with
 * no cause, such as a token with nothing wrong, its kind). The rule list is
 * fixed, so rule indices are stable and the log can be written as findings
 * arrive: the head, the results one by one, then the tail with the notes.
 */
import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import { CAUSE_IDS } from '../core/model';
import { causeHelp, causeSummary, causeTitle } from '../present/titles';
import { KINDS } from './args';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Rules for findings without a cause: what was found, by kind. */
const KIND_RULES: Record<(typeof KINDS)[number], { title: string; text: string }> = {
  jwt: {
    title: 'A signed JWT',
    text: 'A JWS compact token in which nothing wrong was found (its signature was not checked). A token in code or logs is a credential: remove it, and revoke it if it is still valid.',
  },
  jwe: {
    title: 'An encrypted JWT',
    text: 'A JWE compact token in which nothing wrong was found. A token in code or logs is a credential: remove it, and revoke it if it is still valid.',
  },
  'oauth-error': { title: 'An OAuth/OIDC error response', text: 'An OAuth or OpenID Connect error response.' },
  'auth-challenge': { title: 'A WWW-Authenticate challenge', text: 'A WWW-Authenticate header: the server asked for (other) credentials.' },
  'http-status': { title: 'An authorization status', text: 'A 401, 403 or 429 status about authorization.' },
  'vendor-message': { title: "An identity provider's or gateway's error", text: "An identity provider's, gateway's or library's own error message." },
  'token-request': { title: 'A token request', text: 'A token request or a claims set about to be signed.' },
};

export const RULE_IDS: readonly string[] = [...CAUSE_IDS, ...KINDS];
const INDEX = new Map(RULE_IDS.map((id, i) => [id, i]));

export function ruleIndex(id: string): number {
  return INDEX.get(id) ?? -1;
}

function pascal(id: string): string {
  return id
    .split(/[.-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function rules(): unknown[] {
  const causeRules = CAUSE_IDS.map((id) => {
    const title = causeTitle(id) ?? id;
    const help = causeHelp(id);
    return {
      id,
      name: pascal(id),
      shortDescription: { text: `${title}.` },
      fullDescription: { text: causeSummary(id) ?? `${title}.` },
      ...(help ? { help } : {}),
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['security', 'authentication', id.split('.')[0]] },
    };
  });
  const kindRules = KINDS.map((kind) => ({
    id: kind,
    name: `${pascal(kind)}Found`,
    shortDescription: { text: `${KIND_RULES[kind].title}.` },
    fullDescription: { text: KIND_RULES[kind].text },
    help: { text: KIND_RULES[kind].text, markdown: KIND_RULES[kind].text },
    defaultConfiguration: { level: 'note' },
    properties: { tags: ['security', 'authentication'] },
  }));
  return [...causeRules, ...kindRules];
}

/** Everything before the first result. */
export function sarifHead(version: string, cwd: string): string {
  const root = pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href;
  const head = {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: {
          driver: {
            name: 'Token Doctor',
            semanticVersion: version,
            version,
            rules: rules(),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
  const json = JSON.stringify(head);
  // Cut before the results array's closing "]}]}" to stream the results in.
  return json.slice(0, json.length - '"results":[]}]}'.length) + '"results":[';
}

/** Everything after the last result: the invocation with the scan's notes. */
export function sarifTail(notes: readonly string[], successful: boolean): string {
  const invocation = {
    executionSuccessful: successful,
    ...(notes.length ? { toolExecutionNotifications: notes.map((n) => ({ message: { text: n }, level: 'note' })) } : {}),
  };
  return `],"invocations":[${JSON.stringify(invocation)}]}]}\n`;
}

/** An artifact location for a path as the report shows it (relative to the working folder, or absolute). */
export function artifactLocation(display: string | undefined): string {
  if (display === undefined) return '{"uri":"stdin"}';
  const posix = display.replace(/\\/g, '/');
  if (isAbsolute(display) || /^[A-Za-z]:\//.test(posix)) return JSON.stringify({ uri: pathToFileURL(resolve(display)).href });
  const uri = posix
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  return JSON.stringify({ uri, uriBaseId: '%SRCROOT%' });
}

export interface Region {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly charOffset: number;
  readonly charLength: number;
}

/** One result: the record's body, its location and its fingerprint. */
export function sarifResult(body: string, location: string, region: Region, fingerprint: string | undefined): string {
  const loc = `"locations":[{"physicalLocation":{"artifactLocation":${location},"region":${JSON.stringify(region)}}}]`;
  const fp = fingerprint ? `,"partialFingerprints":{"tokenDoctorFindingHash/v1":${JSON.stringify(fingerprint)}}` : '';
  return `{${body},${loc}${fp}}`;
}
