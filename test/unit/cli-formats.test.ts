import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/scan';
import { CAUSE_IDS } from '../../src/core/model';
import { KEYS_TIMEOUT_MS, NOW, WORK_TIMEOUT_MS, hs, tokens, type Made } from './helpers/tokens';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'dist/cli.js');

function run(args: string[], input?: string | Buffer, cwd?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    input,
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn: number; charOffset: number; charLength: number };
    };
  }>;
  partialFingerprints: Record<string, string>;
}

/** Every run of 40 characters of any of `secrets` found in `output` (the contract's redaction rule). */
function leaks(output: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const s of secrets) {
    for (let i = 0; i + 40 <= s.length; i += 1) {
      const w = s.slice(i, i + 40);
      if (output.includes(w)) {
        found.push(w);
        break;
      }
    }
  }
  return found;
}

// ---- A JSON Schema check, enough for the SARIF 2.1.0 schema (vendored from @microsoft/sarif-multitool, MIT) ----
type Schema = Record<string, unknown>;
function checkSchema(schema: Schema, rootSchema: Schema, value: unknown, path: string, errors: string[]): void {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/definitions/', '');
    checkSchema((rootSchema.definitions as Record<string, Schema>)[name]!, rootSchema, value, path, errors);
  }
  const type = schema.type as string | string[] | undefined;
  if (type) {
    const kinds = Array.isArray(type) ? type : [type];
    const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
    if (!kinds.some((k) => k === actual || (k === 'number' && actual === 'integer'))) {
      errors.push(`${path}: ${actual} is not ${kinds.join('|')}`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (schema.format === 'uri') {
      try {
        new URL(value);
      } catch {
        errors.push(`${path}: not a URI: ${value}`);
      }
    }
    if (schema.format === 'uri-reference' && /[\s"<>\\^`{|}]/.test(value)) errors.push(`${path}: not a URI reference: ${value}`);
    if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) errors.push(`${path}: not a date-time`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: ${value} < ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: ${value} > ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push(`${path}: items not unique`);
    if (schema.items) value.forEach((v, i) => checkSchema(schema.items as Schema, rootSchema, v, `${path}[${i}]`, errors));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in obj)) errors.push(`${path}: missing required ${r}`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) checkSchema(props[k], rootSchema, v, `${path}.${k}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected member ${k}`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        checkSchema(schema.additionalProperties as Schema, rootSchema, v, `${path}.${k}`, errors);
    }
  }
  for (const [key, need] of [
    ['anyOf', (n: number) => n >= 1],
    ['oneOf', (n: number) => n === 1],
  ] as const) {
    const list = schema[key] as Schema[] | undefined;
    if (!list) continue;
    const passing = list.filter((s) => {
      const e: string[] = [];
      checkSchema(s, rootSchema, value, path, e);
      return e.length === 0;
    }).length;
    if (!need(passing)) errors.push(`${path}: ${key} matched ${passing}`);
  }
}

function sarifErrors(log: unknown): string[] {
  const schema = JSON.parse(readFileSync(join(root, 'test/unit/cli-sarif-2.1.0.schema.json'), 'utf8')) as Schema;
  const errors: string[] = [];
  checkSchema(schema, schema, log, '$', errors);
  return errors;
}

/** Microsoft's SARIF validator, when installed (it ships as a native binary in @microsoft/sarif-multitool-linux). */
function officialValidator(): string | undefined {
  const candidates = [
    process.env.SARIF_MULTITOOL,
    join(root, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool'),
    join(root, '.cache/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool'),
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

describe('token-doctor scan: formats, exit codes, redaction (as a process)', function () {
  this.timeout(WORK_TIMEOUT_MS);
  let t: Made;
  let dir: string;
  let expired: string;
  let assertion: string;
  let withRefresh: string;
  let log: string;
  let secrets: string[];
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    t = await tokens();
    expired = await hs({ sub: 'user-1', iat: NOW - 7200, exp: NOW - 3600 }, { typ: 'JWT' });
    assertion = await hs({ iss: 'app', sub: 'app', aud: 'https://idp.example.com/token', iat: NOW, exp: (NOW + 300) * 1000 });
    withRefresh = await hs({ sub: 'user-2', exp: NOW + 600, refresh_token: t.hs512, id_token: t.es256 });
    dir = mkdtempSync(join(tmpdir(), 'td-formats-'));
    const cut = t.rs256.slice(0, t.rs256.indexOf('.') + 60);
    log = [
      `2026-11-21T10:00:00Z DEBUG Authorization: Bearer ${expired}`,
      `2026-11-21T10:00:01Z WARN upstream said {"error":"invalid_token","error_description":"The token ${expired} has expired"}`,
      `POST /oauth2/token grant_type=client_credential&client_id=app&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=${assertion}`,
      `2026-11-21T10:00:02Z HTTP/1.1 401 Unauthorized WWW-Authenticate: Bearer error="invalid_token", error_description="bad ${t.es512}"`,
      `id token ${withRefresh}`,
      `cut off: ${cut}`,
      `encoded: ${encodeURIComponent(t.ps384).replace(/\./g, '%2E')}`,
      `encrypted: ${t.jweDir}`,
      `signature alone: ${t.rs256.split('.')[2]!}`,
      '',
    ].join('\n');
    writeFileSync(join(dir, 'app.log'), log);
    mkdirSync(join(dir, 'tree/sub'), { recursive: true });
    writeFileSync(join(dir, 'tree/a.log'), `Bearer ${expired}\n`);
    writeFileSync(join(dir, 'tree/sub/b.txt'), `{"error":"invalid_grant"}\n`);
    secrets = [expired, assertion, withRefresh, t.hs512, t.es256, t.es512, t.rs256, t.ps384, t.jweDir];
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--json prints one compact object per the contract, established causes first and marked', () => {
    const r = run(['scan', '--json', '--now', String(NOW), join(dir, 'app.log')]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trimEnd().split('\n').length, 1, 'compact: one line');
    const json = JSON.parse(r.out);
    assert.deepEqual(Object.keys(json), ['findings', 'notes']);
    for (const f of json.findings) {
      assert.ok(typeof f.kind === 'string' && Number.isInteger(f.start) && f.end > f.start && f.line >= 1 && f.column >= 1);
      assert.equal(f.file, undefined, 'one file: no file member');
      assert.ok(Array.isArray(f.causes));
      for (const c of f.causes) assert.ok((CAUSE_IDS as readonly string[]).includes(c.id), c.id);
      const est = f.causes.map((c: { established?: boolean }) => c.established === true);
      assert.deepEqual(
        est,
        [...est].sort((a, b) => Number(b) - Number(a)),
        'established causes come first',
      );
    }
    const first = json.findings[0];
    assert.equal(log.slice(first.start, first.end), expired);
    assert.deepEqual(first.causes[0], { ...first.causes[0], id: 'token.expired', established: true });
    const request = json.findings.find((f: { kind: string }) => f.kind === 'token-request');
    assert.ok(request, 'the token request');
    assert.ok(
      request.causes.every((c: { established?: boolean }) => c.established === true),
      'the mistakes of a token request are established',
    );
    assert.equal(request.error, 'unsupported_grant_type');
    const challenge = json.findings.find((f: { kind: string }) => f.kind === 'auth-challenge' || f.kind === 'oauth-error');
    assert.ok(
      challenge.causes.every((c: { established?: boolean }) => c.established !== true),
      'what an error suggests stays suspected',
    );
  });

  it('names each finding’s file for several inputs or a folder, as given or below the folder', () => {
    const r = run(['scan', '--json', '--now', String(NOW), 'tree'], undefined, dir);
    assert.equal(r.code, 0, r.err);
    const files = JSON.parse(r.out).findings.map((f: { file: string }) => f.file);
    assert.deepEqual([...new Set(files)], ['tree/a.log', 'tree/sub/b.txt']);
    const two = JSON.parse(run(['scan', '--json', '--now', String(NOW), 'app.log', 'tree/a.log'], undefined, dir).out);
    assert.deepEqual([...new Set(two.findings.map((f: { file: string }) => f.file))], ['app.log', 'tree/a.log']);
  });

  it('--format jsonl prints the same finding objects, one per line, and nothing else', () => {
    const json = JSON.parse(run(['scan', '--json', '--now', String(NOW), join(dir, 'app.log')]).out);
    const r = run(['scan', '--format', 'jsonl', '--now', String(NOW), join(dir, 'app.log')]);
    assert.equal(r.code, 0);
    const lines = r.out.trimEnd().split('\n');
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)),
      json.findings,
    );
    const bin = run(['scan', '--format', 'jsonl'], Buffer.from([0, 1, 2, 0x0a]));
    assert.equal(bin.out, '');
    assert.match(bin.err, /note: The input looks binary/);
  });

  it('--format sarif is a SARIF 2.1.0 log: schema-valid, one rule per cause id, a result per finding with region and stable fingerprints', () => {
    const r = run(['scan', '--format', 'sarif', '--now', String(NOW), 'app.log', 'tree'], undefined, dir);
    assert.equal(r.code, 0, r.err);
    const sarif = JSON.parse(r.out);
    assert.deepEqual(sarifErrors(sarif), []);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const run0 = sarif.runs[0];
    const rules = run0.tool.driver.rules as Array<{ id: string; shortDescription: { text: string }; help: { text: string } }>;
    for (const id of CAUSE_IDS) {
      const rule = rules.find((x) => x.id === id);
      assert.ok(rule && rule.shortDescription.text.length > 5 && rule.help.text.length > 20, id);
    }
    assert.equal(new Set(rules.map((x) => x.id)).size, rules.length, 'rule ids are unique');
    const json = JSON.parse(run(['scan', '--json', '--now', String(NOW), 'app.log', 'tree'], undefined, dir).out);
    assert.equal(run0.results.length, json.findings.length);
    run0.results.forEach((res: SarifResult, i: number) => {
      const f = json.findings[i];
      assert.equal(res.ruleId, f.causes[0]?.id ?? f.kind);
      assert.equal(rules[res.ruleIndex]!.id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      const loc = res.locations[0]!.physicalLocation;
      assert.equal(loc.artifactLocation.uri, f.file);
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.deepEqual(
        [loc.region.startLine, loc.region.startColumn, loc.region.charOffset, loc.region.charLength],
        [f.line, f.column, f.start, f.end - f.start],
      );
      assert.match(res.partialFingerprints['tokenDoctorFindingHash/v1'] ?? '', /^[0-9a-f]{32}:\d+$/);
    });
    const fps = run0.results.map((res: SarifResult) => res.partialFingerprints['tokenDoctorFindingHash/v1']);
    const perFile = run0.results.map((res: SarifResult, i: number) => `${res.locations[0]!.physicalLocation.artifactLocation.uri} ${fps[i]}`);
    assert.equal(new Set(perFile).size, perFile.length, 'fingerprints are unique within a file');
    const again = JSON.parse(run(['scan', '--format', 'sarif', '--now', String(NOW), 'app.log', 'tree'], undefined, dir).out);
    assert.deepEqual(
      again.runs[0].results.map((res: SarifResult) => res.partialFingerprints['tokenDoctorFindingHash/v1']),
      fps,
      'stable across runs',
    );
    // Moving the text down a line keeps the fingerprints (they hash what was found, not where).
    writeFileSync(join(dir, 'moved.log'), `a new first line\n${log}`);
    const moved = JSON.parse(run(['scan', '--format', 'sarif', '--now', String(NOW), join(dir, 'moved.log')]).out);
    const original = JSON.parse(run(['scan', '--format', 'sarif', '--now', String(NOW), join(dir, 'app.log')]).out);
    assert.deepEqual(
      moved.runs[0].results.map((res: SarifResult) => res.partialFingerprints),
      original.runs[0].results.map((res: SarifResult) => res.partialFingerprints),
    );
    const validator = officialValidator();
    if (validator) {
      writeFileSync(join(dir, 'log.sarif'), r.out);
      const v = spawnSync(validator, ['validate', join(dir, 'log.sarif')], { encoding: 'utf8', timeout: 120_000 });
      assert.equal(v.status, 0, v.stdout + v.stderr);
      assert.ok(!/\berror SARIF/i.test(v.stdout), v.stdout);
    }
  });

  it('an empty scan is still a complete document in every format', () => {
    for (const format of ['json', 'jsonl', 'sarif', 'text']) {
      const r = run(['scan', '--format', format], 'nothing here\n');
      assert.equal(r.code, 0, format);
      if (format === 'json') assert.deepEqual(JSON.parse(r.out), { findings: [], notes: [] });
      if (format === 'jsonl') assert.equal(r.out, '');
      if (format === 'sarif') assert.deepEqual(sarifErrors(JSON.parse(r.out)), []);
      if (format === 'text') assert.match(r.out, /No tokens or auth errors found/);
    }
  });

  it('never prints a token, nor 40 characters of one, in any format (quoted in errors, requests, claims, payloads too)', () => {
    const outputs: Record<string, string> = {};
    for (const format of ['text', 'json', 'jsonl', 'sarif']) {
      const r = run(['scan', '--format', format, '--color', '--now', String(NOW), join(dir, 'app.log')]);
      assert.equal(r.code, 0, r.err);
      outputs[format] = r.out + r.err;
    }
    for (const token of [expired, withRefresh, assertion]) {
      for (const format of ['text', 'json']) {
        const r = run(['decode', '--format', format, '--now', String(NOW)], `Bearer ${token}\n`);
        assert.equal(r.code, 0, r.err);
        outputs[`decode ${format}`] = (outputs[`decode ${format}`] ?? '') + r.out + r.err;
      }
    }
    for (const [name, out] of Object.entries(outputs)) {
      assert.deepEqual(leaks(out, secrets), [], `${name} leaks`);
      if (name !== 'sarif') assert.ok(out.includes('eyJ'), `${name} still shows the start of tokens`);
    }
    // The evidence still says what the error said around the token.
    assert.match(outputs.json!, /The token eyJ[A-Za-z0-9_-]{5,9}…\[[^\]]*redacted\] has expired/);
  });

  it('exit status: 0 ran, 1 when --fail-on matches, 2 for bad arguments and unreadable input', () => {
    const file = join(dir, 'app.log');
    assert.equal(run(['scan', '--now', String(NOW), file]).code, 0);
    // A cause that is only ever a lower suspect does not fail the build.
    const findings = JSON.parse(run(['scan', '--json', '--now', String(NOW), file]).out).findings as Array<{
      causes: Array<{ id: string; established?: boolean }>;
    }>;
    const decisive = new Set(findings.flatMap((f) => f.causes.filter((c, i) => i === 0 || c.established).map((c) => c.id)));
    const suspectOnly = findings.flatMap((f) => f.causes.map((c) => c.id)).find((id) => !decisive.has(id));
    assert.ok(suspectOnly, 'the log has a lower suspect');
    for (const [failOn, code] of [
      ['token.expired', 1],
      [suspectOnly, 0],
      ['grant.*', 1],
      ['established', 1],
      ['jwe', 1],
      ['server.error,apikey.invalid', 0],
      ['any', 1],
    ] as const) {
      const r = run(['scan', '--fail-on', failOn, '--now', String(NOW), file]);
      assert.equal(r.code, code, `--fail-on ${failOn}`);
      assert.ok(r.out.length > 0, 'the report is written either way');
    }
    assert.equal(run(['scan', '--fail-on', 'any', '--format', 'json'], 'no findings\n').code, 0);
    assert.equal(run(['scan', '--fail-on', 'established', '--now', String(NOW - 7200)], `Bearer ${expired}`).code, 0, 'not expired then');
    for (const args of [['scan', join(dir, 'missing.log')], ['scan', '--format', 'xml'], ['scan', '--fail-on', 'nonsense'], ['nonsense'], ['decode', 'x']]) {
      const r = run(args, '');
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1, 'one line');
      assert.equal(r.out, '');
    }
  });

  it('never echoes a token given as an argument', () => {
    for (const args of [['scan', expired], [expired], ['decode', expired], ['scan', '--exclude', 'x', expired, '--json']]) {
      const r = run(args);
      assert.equal(r.code, 2);
      assert.match(r.err, /looks like a token.*Pipe it instead/);
      assert.deepEqual(leaks(r.out + r.err, [expired]), []);
      assert.ok(!r.err.includes(expired.slice(0, 20)));
    }
  });

  it('decode reads one token from standard input: header, claims and diagnosis; --json is a finding plus header and claims', () => {
    const text = run(['decode', '--now', String(NOW)], `  Bearer ${expired}\n`);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /"alg": "HS256"/);
    assert.match(text.out, /"sub": "user-1"/);
    assert.match(text.out, /✗ token\.expired — The token has expired \(established\)/);
    assert.match(text.out, /fix: /);
    const r = run(['decode', '--json', '--now', String(NOW)], `${expired}\n`);
    assert.equal(r.code, 0);
    const obj = JSON.parse(r.out);
    assert.deepEqual([obj.kind, obj.start, obj.end, obj.line, obj.column], ['jwt', 0, expired.length, 1, 1]);
    assert.deepEqual(obj.header, { alg: 'HS256', typ: 'JWT' });
    assert.equal(obj.claims.sub, 'user-1');
    assert.equal(obj.causes[0].id, 'token.expired');
    assert.equal(obj.causes[0].established, true);
    assert.equal(run(['decode', '--fail-on', 'token.expired', '--now', String(NOW)], expired).code, 1);
    const jwe = JSON.parse(run(['decode', '--json'], t.jweDir).out);
    assert.equal(jwe.kind, 'jwe');
    assert.equal(jwe.claims, null);
    const none = run(['decode'], 'no token here');
    assert.equal(none.code, 2);
    assert.match(none.err, /no token found on standard input/);
    const many = run(['decode', '--json'], `${t.hs256}\n${t.es256}\n`);
    assert.match(JSON.parse(many.out).notes[0], /holds 2 tokens; the first was decoded/);
  });

  it('reads standard input as UTF-8, UTF-8 with a BOM, UTF-16 LE and BE with a BOM (PowerShell redirection)', () => {
    const text = `line one\r\nAuthorization: Bearer ${expired}\r\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(Buffer.from(text, 'utf16le')).swap16()]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    for (const [name, bytes] of [
      ['utf-8', Buffer.from(text)],
      ['utf-8 bom', bom],
      ['utf-16 le', le],
      ['utf-16 be', be],
    ] as const) {
      for (const args of [
        ['scan', '--json', '--now', String(NOW), '-'],
        ['scan', '--json', '--now', String(NOW)],
      ]) {
        const r = run(args, bytes);
        assert.equal(r.code, 0, r.err);
        const f = JSON.parse(r.out).findings;
        assert.equal(f.length, 1, name);
        assert.deepEqual([f[0].start, f[0].line, f[0].column], [text.indexOf('eyJ'), 2, 23], name);
      }
      const file = join(dir, `enc-${name.replace(/\W/g, '')}.txt`);
      writeFileSync(file, bytes);
      assert.equal(JSON.parse(run(['scan', '--json', file]).out).findings.length, 1, `${name} file`);
      assert.equal(JSON.parse(run(['decode', '--json', '--now', String(NOW)], bytes).out).causes[0].id, 'token.expired', `${name} decode`);
    }
  });

  it('writes findings as they are found: a live stream shows each line’s findings before it ends', async function () {
    for (const format of ['jsonl', 'text']) {
      const child = spawn(process.execPath, [cli, 'scan', '--format', format, '--now', String(NOW)], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8');
      const seen = new Promise<void>((res) => {
        child.stdout.on('data', (d: string) => {
          out += d;
          if (out.includes('token.expired')) res();
        });
      });
      child.stdin.write(`first line\nAuthorization: Bearer ${expired}\n`);
      // The stream stays open: the finding must come out before it ends.
      await seen;
      assert.equal(child.exitCode, null, 'still running');
      child.stdin.end('last line\n');
      const code = await new Promise<number | null>((res) => child.on('close', res));
      assert.equal(code, 0);
      assert.deepEqual(leaks(out, [expired]), []);
    }
  });

  it('on a terminal: usage instead of waiting without a path; "-" reads it; decode reads one pasted line without echo', async () => {
    const io = (): Io & { out: string; errText: string; stdin: PassThrough; raw: boolean[] } => {
      const self = {
        out: '',
        errText: '',
        raw: [] as boolean[],
        write: (s: string) => {
          self.out += s;
          return true;
        },
        drain: () => Promise.resolve(),
        err: (s: string) => {
          self.errText += s;
        },
        env: {},
        stdin: new PassThrough(),
        stdinIsTTY: true,
        setRawMode: (on: boolean) => void self.raw.push(on),
        stdoutIsTTY: false,
        cwd: dir,
        cores: 1,
        load: 0,
        version: 'test',
      };
      return self;
    };
    for (const argv of [['scan'], ['scan', '--json']]) {
      const x = io();
      assert.equal(await main(argv, x), 2, argv.join(' '));
      assert.match(x.errText, /Usage: token-doctor scan/);
      assert.equal(x.out, '');
    }
    const withFile = io();
    assert.equal(await main(['scan', '--now', String(NOW), join(dir, 'tree/a.log')], withFile), 0, 'a file is read, the terminal is not');
    assert.match(withFile.out, /token\.expired/);

    const dash = io();
    const scanning = main(['scan', '--format', 'jsonl', '--now', String(NOW), '-'], dash);
    dash.stdin.end(`Bearer ${expired}\n`);
    assert.equal(await scanning, 0);
    assert.equal(JSON.parse(dash.out).causes[0].id, 'token.expired');

    const pasted = io();
    const decoding = main(['decode', '--json', '--now', String(NOW)], pasted);
    pasted.stdin.write(`${expired}\r`); // Enter in raw mode; the stream stays open
    assert.equal(await decoding, 0);
    assert.equal(JSON.parse(pasted.out).causes[0].id, 'token.expired');
    assert.deepEqual(pasted.raw, [true, false], 'no echo while pasting, restored after');
    assert.match(pasted.errText, /Paste the token/);

    const cancelled = io();
    const cancelling = main(['decode'], cancelled);
    cancelled.stdin.write('\u0003');
    assert.equal(await cancelling, 2);
    assert.match(cancelled.errText, /cancelled/);
  });
});
