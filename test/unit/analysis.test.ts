// Properties of the engine's one entry (src/core/analysis/analyze.ts) over arbitrary text:
// it never throws, its offsets are in bounds and ordered, and the three ways of getting an
// analysis (whole, in slices, brought up to date after an edit) give the same answer, also
// for texts long enough to be cut into pieces and for findings that straddle a cut.
//
// Every property runs with a fixed seed, so a failure is the same failure on every run;
// fast-check prints the counterexample and the seed/path to replay it.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  MARGIN_CHARS,
  PIECE_CHARS,
  analyze,
  analyzeInSlices,
  pieceBounds,
  reanalyze,
  type PiecedAnalysis,
  type TextEdit,
} from '../../src/core/analysis/analyze';
import type { Analysis, AnalysisOptions, Finding, Mistake } from '../../src/core/model';
import { tokenOf } from '../../src/core/model';
import { KEYS_TIMEOUT_MS, NOW, WORK_TIMEOUT_MS, hs, tokens, type Made } from './helpers/tokens';

const SEED = 42;
/** Strict: an internal error throws instead of becoming a note, so "no throw" means "no internal error". */
const OPTIONS: AnalysisOptions = { now: NOW, leeway: 60, randomId: () => 'FIXED-ID', strict: true };

// ---------------------------------------------------------------------------------------
// Comparing analyses

interface FindingView {
  kind: string;
  start: number;
  end: number;
  error: string | undefined;
  causes: string[];
  summary: string;
}
interface MistakeView {
  causeId: string;
  start: number;
  end: number;
  message: string;
}

const viewFinding = (f: Finding): FindingView => ({
  kind: f.kind,
  start: f.start,
  end: f.end,
  error: f.error,
  causes: f.causes.map((c) => c.id),
  summary: f.summary,
});
const viewMistake = (m: Mistake): MistakeView => ({ causeId: m.causeId, start: m.start, end: m.end, message: m.message });

/** Fails with the first differing finding or mistake (not a diff of thousands of lines). */
function assertSameAnalysis(got: Analysis, want: Analysis, label: string): void {
  const lists: Array<[string, unknown[], unknown[]]> = [
    ['findings', got.findings.map(viewFinding), want.findings.map(viewFinding)],
    ['mistakes', got.mistakes.map(viewMistake), want.mistakes.map(viewMistake)],
    ['notes', [...got.notes], [...want.notes]],
  ];
  for (const [name, g, w] of lists) {
    const n = Math.max(g.length, w.length);
    for (let i = 0; i < n; i++) {
      if (JSON.stringify(g[i]) !== JSON.stringify(w[i])) {
        assert.fail(
          `${label}: ${name} differ at #${i} of ${g.length} (got) / ${w.length} (want)\n  got:  ${JSON.stringify(g[i])}\n  want: ${JSON.stringify(w[i])}`,
        );
      }
    }
  }
  assert.equal(got.cancelled, want.cancelled, `${label}: cancelled`);
}

/** Offsets in bounds, findings ordered by start (outer before inner), mistakes ordered by start. */
function assertWellFormed(a: Analysis, length: number, label: string): void {
  const where = (x: unknown) => `${label}: ${JSON.stringify(x)} (length ${length})`;
  let prev: Finding | undefined;
  for (const f of a.findings) {
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end), where(viewFinding(f)));
    assert.ok(0 <= f.start && f.start < f.end && f.end <= length, `finding out of bounds: ${where(viewFinding(f))}`);
    if (prev) {
      const ordered = prev.start < f.start || (prev.start === f.start && prev.end >= f.end);
      assert.ok(ordered, `findings out of order: ${where([viewFinding(prev), viewFinding(f)])}`);
    }
    prev = f;
  }
  let prevStart = 0;
  for (const m of a.mistakes) {
    const v = viewMistake(m);
    assert.ok(Number.isInteger(m.start) && Number.isInteger(m.end), where(v));
    assert.ok(0 <= m.start && m.start <= m.end && m.end <= length, `mistake out of bounds: ${where(v)}`);
    assert.ok(m.start >= prevStart, `mistakes out of order: ${where(v)} after start ${prevStart}`);
    prevStart = m.start;
    assert.ok(
      0 <= m.container.start && m.container.start <= m.container.end && m.container.end <= length,
      `mistake container out of bounds: ${where({ ...v, container: m.container })}`,
    );
    for (const fix of m.fixes) {
      for (const e of fix.edits) {
        assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end) && typeof e.newText === 'string', where(e));
        assert.ok(0 <= e.start && e.start <= e.end && e.end <= length, `fix edit out of bounds: ${where({ mistake: v, fix: fix.title, edit: e })}`);
      }
    }
  }
}

function applyEdit(text: string, edit: TextEdit, newText: string): string {
  return text.slice(0, edit.start) + newText + text.slice(edit.end);
}

// ---------------------------------------------------------------------------------------
// Realistic material: tokens made with jose, OAuth errors, statuses, token requests

interface Material {
  t: Made;
  /** Whole tokens of every shape the suites make. */
  allTokens: string[];
  /** Log lines (each ending in \n) that hold findings and mistakes. */
  interesting: string[];
  /** A token longer than CUT_SEARCH (4096) chars: no line break near a cut inside it, so the cut falls mid-token. */
  longToken: string;
}

let shared: Promise<{ m: Material; arb: ReturnType<typeof arbitraries> }> | undefined;

/** The material and the arbitraries over it, made once for the file. */
function setup(): Promise<{ m: Material; arb: ReturnType<typeof arbitraries> }> {
  shared ??= material().then((m) => ({ m, arb: arbitraries(m) }));
  return shared;
}

async function material(): Promise<Material> {
  const t = await tokens();
  const expired = await hs(
    { iss: 'https://idp.example.com/', sub: 'user-2', aud: 'https://api.example.com', scope: 'orders:read', iat: NOW - 7200, exp: NOW - 3600 },
    { typ: 'at+jwt' },
  );
  const assertion = await hs({ iss: 'app', sub: 'app', aud: 'https://idp.example.com/token', iat: NOW - 10, exp: NOW + 90 * 86400 });
  const idToken = await hs({ iss: 'https://idp.example.com/', sub: 'user-3', aud: 'app', nonce: 'n-1', iat: NOW - 60, exp: NOW + 3600 });
  // An Entra-style access token carrying many group ids: large, and still a realistic size.
  const groups = Array.from({ length: 160 }, (_, i) => `${(0x1000_0000 + i * 7919).toString(16)}-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const longToken = await hs(
    { iss: 'https://idp.example.com/', sub: 'user-4', aud: 'https://api.example.com', groups, iat: NOW - 60, exp: NOW + 3600 },
    { typ: 'JWT' },
  );
  assert.ok(longToken.length > 4096 + 200, `the long token is only ${longToken.length} chars`);
  const allTokens = [t.hs256, t.rs256, t.ps384, t.es256, t.eddsa, t.none, t.jweRsaOaep, t.jweDir, t.jweEcdh, t.nested, expired, assertion, idToken];
  const interesting = [
    `DEBUG http: GET https://api.example.com/orders Authorization: Bearer ${t.rs256}\n`,
    'WARN http: upstream answered HTTP/1.1 401 Unauthorized\n',
    'WARN http: WWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"\n',
    'ERROR oauth: token endpoint said {"error":"invalid_grant","error_description":"Refresh token expired"}\n',
    `DEBUG oauth: POST https://idp.example.com/token grant_type=client_credentials&client_id=app&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${assertion}\n`,
    'DEBUG oauth: POST https://idp.example.com/token grant_type=client_credential&client_id=a&client_secret=b\n',
    `INFO session: cached id_token=${idToken} jwe=${t.jweDir}\n`,
    'ERROR oauth: {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}\n',
    'WARN http: HTTP/1.1 403 Forbidden {"error":"insufficient_scope","scope":"orders:write"}\n',
    `INFO retry: access_token=${expired} attempt=2\n`,
    `DEBUG jose: verifying ${t.es256} with kid key-1\n`,
  ];
  return { t, allTokens, interesting, longToken };
}

/** A plain log line with nothing in it (cheap to scan), varied by `i`. */
function plainLine(i: number): string {
  const ms = (i * 37) % 900;
  return `2026-11-21T22:${String(i % 60).padStart(2, '0')}:00.${String(ms).padStart(3, '0')}Z INFO http: GET /api/orders/${i} 200 ${ms}ms user=alice trace=${((i * 2654435761) >>> 0).toString(16)}\n`;
}

/**
 * A log of at least `length` characters: mostly plain lines, an interesting one every 40
 * lines, every 4th line within MARGIN_CHARS / 2 of each multiple of PIECE_CHARS where pieces
 * are cut. (Every finding costs a fraction of a millisecond: denser logs make the suite slow.)
 */
function buildLog(m: Material, length: number): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const toCut = Math.min(size % PIECE_CHARS, PIECE_CHARS - (size % PIECE_CHARS));
    const every = size > PIECE_CHARS / 2 && toCut < MARGIN_CHARS / 2 ? 4 : 40;
    const line = i % every === 0 ? m.interesting[(i / every) % m.interesting.length]! : plainLine(i);
    out.push(line);
    size += line.length;
  }
  return out.join('');
}

// ---------------------------------------------------------------------------------------
// Arbitraries

const FRAGMENTS = [
  'eyJ',
  'eyJhbGciOiJIUzI1NiJ9',
  '.',
  '..',
  '{"error":"',
  'invalid_grant',
  'invalid_client',
  '"}',
  '"error_description":"',
  'HTTP/1.1 401',
  ' Unauthorized',
  'HTTP/1.1 403 Forbidden',
  'grant_type=',
  'client_credentials',
  'client_credential',
  'refresh_token',
  '&client_id=app',
  '&client_assertion=',
  'client_assertion_type=',
  'Bearer ',
  'Authorization: ',
  'WWW-Authenticate: Bearer error="invalid_token"',
  'error=',
  '"exp":',
  '"iat":',
  '"aud":',
  '{',
  '}',
  ':',
  ',',
  '=',
  '&',
  '%2E',
  '%22',
  '\\',
  '\\n',
  '\\u0022',
  '"',
  "'",
  ' ',
  '\t',
  '\n',
  '\r\n',
  'AADSTS70008',
  'IDX10223',
  'jwt.encode(',
  'new SignJWT(',
  'Date.now()',
  '+',
  '/',
  '==',
];

const base64urlRun = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJabcdefghijxyzXYZ0123456789-_'.split('')), minLength: 1, maxLength: 80 });
/** Any UTF-16 code unit, lone surrogates included (what a document can hold). */
const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/**
 * Any Unicode scalar value: what fast-check 3's fullUnicodeString drew from. (fast-check 4's
 * `unit: 'binary'` draws the same values but spends over a second building a reverse map of
 * all 1.1 million code points when the arbitrary is created.)
 */
const codePointUnit = fc.integer({ min: 0, max: 0x10ffff - 0x800 }).map((c) => String.fromCodePoint(c < 0xd800 ? c : c + 0x800));

function arbitraries(m: Material) {
  const token = fc.constantFrom(...m.allTokens);
  const tokenPiece = fc.tuple(token, fc.nat(), fc.nat()).map(([tok, a, b]) => {
    const [lo, hi] = [a % (tok.length + 1), b % (tok.length + 1)].sort((x, y) => x - y);
    return tok.slice(lo!, hi!);
  });
  const line = fc.constantFrom(...m.interesting);
  const jwtish = fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 2, arbitrary: base64urlRun }, tokenPiece, token, line), {
      maxLength: 40,
    })
    .map((parts) => parts.join(''));
  /** Realistic lines with characters replaced, inserted or removed at random. */
  const mutatedLines = fc
    .tuple(
      fc.array(line, { minLength: 1, maxLength: 6 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.oneof(utf16Unit, fc.constantFrom(...FRAGMENTS))), { maxLength: 8 }),
    )
    .map(([ls, muts]) => {
      let s = ls.join('');
      for (const [at, del, ins] of muts) {
        const i = at % (s.length + 1);
        s = s.slice(0, i) + ins + s.slice(i + del);
      }
      return s;
    });
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: codePointUnit, maxLength: 200 }), // full Unicode
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.string({ unit: utf16Unit, maxLength: 200 }),
    jwtish,
    mutatedLines,
  );
  /** What an edit inserts. */
  const insertion = fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 3, arbitrary: line },
    { weight: 2, arbitrary: token.map((tok) => `Bearer ${tok}`) },
    { weight: 2, arbitrary: jwtish },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom('\n', '\n\n', ' ', '"', '.') },
  );
  return { text, insertion };
}

// ---------------------------------------------------------------------------------------

describe('analysis: properties over arbitrary text', function () {
  this.timeout(WORK_TIMEOUT_MS);
  let arb: ReturnType<typeof arbitraries>;
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    ({ arb } = await setup());
  });

  it('never throws, strict or not, and records no internal error', () => {
    fc.assert(
      fc.property(arb.text, (s) => {
        const strict = analyze(s, OPTIONS); // throws an EngineError on any internal error
        const lenient = analyze(s, { now: NOW, leeway: 60, randomId: () => 'FIXED-ID' });
        assert.equal(strict.cancelled, false);
        assert.deepEqual(
          lenient.notes.filter((n) => /internal error/.test(n)),
          [],
        );
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('keeps findings, mistakes and every fix edit in bounds and ordered by start', () => {
    fc.assert(
      fc.property(arb.text, (s) => assertWellFormed(analyze(s, OPTIONS), s.length, 'analyze')),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('gives the same answer in slices as whole', async () => {
    await fc.assert(
      fc.asyncProperty(arb.text, async (s) => {
        let pauses = 0;
        const sliced = await analyzeInSlices(s, OPTIONS, async () => {
          pauses++;
        });
        assertSameAnalysis(sliced, analyze(s, OPTIONS), 'analyzeInSlices');
        assert.equal(pauses, pieceBounds(s).length);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('reanalyze after an edit of a small text equals a fresh analysis', () => {
    fc.assert(
      fc.property(arb.text, fc.nat(), fc.nat(40), arb.insertion, (s, at, del, ins) => {
        const start = at % (s.length + 1);
        const edit: TextEdit = { start, end: Math.min(s.length, start + del), length: ins.length };
        const after = applyEdit(s, edit, ins);
        assertSameAnalysis(reanalyze(analyze(s, OPTIONS), after, edit), analyze(after, OPTIONS), 'reanalyze (one piece)');
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('analysis: texts cut into pieces', function () {
  // Each analysis of a text of several pieces takes a noticeable fraction of a second.
  this.timeout(4 * WORK_TIMEOUT_MS);
  let m: Material;
  let arb: ReturnType<typeof arbitraries>;
  /**
   * A log of three pieces (the last one short) and its analysis, shared by the tests below.
   * A text with a token request in it costs tens of milliseconds per 512 KiB to analyse (the
   * mistake finder reads the whole window), so the text is as short as three pieces allow.
   */
  let log: string;
  let logAnalysis: PiecedAnalysis;
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS + WORK_TIMEOUT_MS);
    ({ m, arb } = await setup());
    log = buildLog(m, 2 * PIECE_CHARS + PIECE_CHARS / 4);
    logAnalysis = analyze(log, OPTIONS);
  });

  it('the shared log has several pieces, findings of every kind and mistakes', () => {
    assert.equal(pieceBounds(log).length, 3);
    assert.equal(logAnalysis.pieces.length, 3);
    const kinds = new Set(logAnalysis.findings.map((f) => f.kind));
    for (const k of ['jwt', 'jwe', 'oauth-error', 'http-status', 'auth-challenge', 'token-request'])
      assert.ok(kinds.has(k as Finding['kind']), `no ${k} finding`);
    // About one interesting line in 40 (one in 4 near the cuts), most of them with more than one finding.
    assert.ok(logAnalysis.findings.length > 60, `${logAnalysis.findings.length} findings`);
    assert.ok(logAnalysis.mistakes.length > 10, `${logAnalysis.mistakes.length} mistakes`);
    assertWellFormed(logAnalysis, log.length, 'the shared log');
  });

  it('analyzeInSlices resolves to the same analysis as analyze, one pause per piece', async () => {
    let pauses = 0;
    const sliced = await analyzeInSlices(log, OPTIONS, () => {
      pauses++;
      return new Promise((r) => setImmediate(r));
    });
    assertSameAnalysis(sliced, logAnalysis, 'analyzeInSlices');
    assert.equal(pauses, 3);
  });

  it('reanalyze after random edits equals a fresh analysis (edits anywhere, near cuts, chained)', () => {
    const cuts = pieceBounds(log).length - 1;
    // Positions (as data, so a counterexample prints readably): anywhere, near a multiple of
    // PIECE_CHARS (within a margin and a bit), or near either end of the text.
    type Position = { anywhere: number } | { cut: number; offset: number } | { fromEnd: number } | { fromStart: number };
    const position: fc.Arbitrary<Position> = fc.oneof(
      { weight: 2, arbitrary: fc.record({ anywhere: fc.nat(log.length) }) },
      {
        weight: 3,
        arbitrary: fc.record({ cut: fc.integer({ min: 1, max: cuts }), offset: fc.integer({ min: -MARGIN_CHARS - 5000, max: MARGIN_CHARS + 5000 }) }),
      },
      { weight: 1, arbitrary: fc.record({ fromEnd: fc.nat(200) }) },
      { weight: 1, arbitrary: fc.record({ fromStart: fc.nat(200) }) },
    );
    const resolve = (p: Position, len: number): number => {
      const at = 'anywhere' in p ? p.anywhere : 'cut' in p ? p.cut * PIECE_CHARS + p.offset : 'fromEnd' in p ? len - p.fromEnd : p.fromStart;
      return Math.max(0, Math.min(len, at));
    };
    const deletion = fc.oneof({ weight: 4, arbitrary: fc.nat(80) }, { weight: 1, arbitrary: fc.nat(PIECE_CHARS / 4) });
    const edits = fc.array(fc.tuple(position, deletion, arb.insertion), { minLength: 1, maxLength: 2 });
    fc.assert(
      fc.property(edits, (steps) => {
        let text = log;
        let current: PiecedAnalysis = logAnalysis;
        for (const [pos, del, ins] of steps) {
          const start = resolve(pos, text.length);
          const edit: TextEdit = { start, end: Math.min(text.length, start + del), length: ins.length };
          text = applyEdit(text, edit, ins);
          current = reanalyze(current, text, edit);
        }
        const fresh = analyze(text, OPTIONS);
        assertWellFormed(fresh, text.length, 'fresh analysis after the edits');
        assertSameAnalysis(current, fresh, `reanalyze after ${steps.length} edit(s)`);
      }),
      // Each run analyses the whole log afresh; a failure is reported as found (shrinking it would take minutes).
      { seed: SEED, numRuns: 4, endOnFailure: true },
    );
  });

  describe('reanalyze at the edges', () => {
    /** reanalyze(analysis of text, text after edit, edit) equals a fresh analysis of the text after the edit. */
    const check = (edit: TextEdit, newText: string, label: string, base?: { text: string; analysis: PiecedAnalysis }) => {
      const text = base?.text ?? log;
      const prior = base?.analysis ?? logAnalysis;
      assert.equal(edit.length, newText.length);
      const after = applyEdit(text, edit, newText);
      assertSameAnalysis(reanalyze(prior, after, edit), analyze(after, prior.options), label);
    };

    it('an edit at offset 0', () => {
      check({ start: 0, end: 10, length: m.interesting[0]!.length }, m.interesting[0]!, 'replace the first 10 characters with a line');
    });

    it('an edit at the end', () => {
      const line = `INFO retry: Bearer ${m.t.eddsa}\n`;
      check({ start: log.length - 1, end: log.length, length: line.length }, line, 'replace the final line break with a line');
    });

    it('an edit across a piece cut, and one that moves a cut', () => {
      const [, second, third] = pieceBounds(log);
      // The first cut follows a line break: deleting it (and more) moves the cut.
      check({ start: second![0] - 50, end: second![0] + 50, length: 0 }, '', 'delete 100 characters across the first cut');
      check({ start: third![0] - 2000, end: third![0] + 3000, length: 5 }, 'HTTP/', 'replace 5000 characters across the second cut');
    });

    it('deleting a whole piece', () => {
      const [, second] = pieceBounds(log);
      check({ start: second![0], end: second![1], length: 0 }, '', 'delete the second piece');
    });

    it('inserting a token that straddles a cut', () => {
      const at = 2 * PIECE_CHARS - 20;
      const lineStart = log.lastIndexOf('\n', at) + 1;
      // An ordinary token: the cut moves to the end of its line.
      const a = `token=${m.t.rs256} `;
      check({ start: at, end: at, length: a.length }, a, 'insert a token across 2 * PIECE_CHARS');
      // A token longer than the cut search: the cut falls inside the token.
      const b = `\nAuthorization: Bearer ${m.longToken}`;
      check({ start: lineStart, end: lineStart, length: b.length }, b, 'insert a long token across 2 * PIECE_CHARS');
    });

    it('an edit beyond 8 margins from a piece but inside its window widened for a very long token', async () => {
      // A piece whose last finding runs close to the end of its window is read again with a
      // wider margin, 4 and then 16 times MARGIN_CHARS. Here a token of about 6 margins starts
      // just before the first cut, so the first piece is read with 16 margins of context, and
      // the ranking of the invalid_client error at offset 0 looks at the nearest client
      // assertion anywhere in that window: one inserted 12 margins past the cut changes it.
      const big = await hs({ sub: 'x', blob: 'a'.repeat(Math.floor(4.5 * MARGIN_CHARS)) });
      assert.ok(big.length > 4 * MARGIN_CHARS && big.length < 8 * MARGIN_CHARS, `${big.length}`);
      const assertion = await hs({ iss: 'app', sub: 'app', aud: 'https://idp/token', iat: NOW - 7200, exp: NOW - 3600 });
      const head = 'ERROR token endpoint said {"error":"invalid_client"}\n';
      let text = head;
      for (let i = 0; text.length < PIECE_CHARS - 200; i++) text += plainLine(i);
      text = text.slice(0, text.lastIndexOf('\n', PIECE_CHARS - 106) + 1);
      text += `${'x'.repeat(PIECE_CHARS - 106 - text.length)} token=${big}\n`;
      for (let i = 0; text.length < PIECE_CHARS + 20 * MARGIN_CHARS; i++) text += plainLine(i);
      const analysis = analyze(text, OPTIONS);
      assert.equal(pieceBounds(text)[0]![1], PIECE_CHARS, 'the first cut is inside the long token');
      const at = text.indexOf('\n', PIECE_CHARS + 12 * MARGIN_CHARS) + 1;
      const line = `client_assertion=${assertion}\n`;
      check({ start: at, end: at, length: line.length }, line, 'insert a client assertion 12 margins past the first cut', { text, analysis });
    });
  });

  describe('a finding straddling a piece cut', () => {
    let plain: string;
    before(() => {
      const lines: string[] = [];
      for (let i = 0, size = 0; size < 2.3 * PIECE_CHARS; i++) {
        lines.push(plainLine(i));
        size += lines[i]!.length;
      }
      plain = lines.join('');
    });

    /** k pieces and a bit of plain lines with `token` placed to start `lead` characters before k * PIECE_CHARS. */
    function place(token: string, k: number, lead: number, longLine: boolean): { text: string; start: number } {
      const target = k * PIECE_CHARS - lead;
      let text = plain.slice(0, plain.lastIndexOf('\n', target - 200) + 1);
      text += `${'x'.repeat(target - 7 - text.length)} token=`;
      const start = text.length;
      // After the token: the rest of its line, longer than the cut search when longLine (the cut then falls at k * PIECE_CHARS).
      text += `${token} ${longLine ? 'lorem ipsum '.repeat(500) : 'end'}\n`;
      const from = plain.indexOf('\n', start) + 1;
      text += plain.slice(from, from + Math.max(0, k * PIECE_CHARS + PIECE_CHARS / 4 - text.length));
      return { text, start };
    }

    it('is found once and whole, wherever the cut falls in it (fixed cases)', () => {
      for (const [name, token] of [
        ['rs256', m.t.rs256],
        ['jweRsaOaep', m.t.jweRsaOaep],
        ['long', m.longToken],
      ] as const) {
        for (const k of [1, 2]) {
          for (const lead of [1, Math.floor(token.length / 2), token.length - 1]) {
            for (const longLine of [true, false]) {
              const { text, start } = place(token, k, lead, longLine);
              const label = `${name} starting ${lead} before ${k} * PIECE_CHARS${longLine ? ' on a long line' : ''}`;
              if (longLine) assert.equal(pieceBounds(text)[k - 1]![1], k * PIECE_CHARS, `${label}: the cut is not inside the token`);
              const found = analyze(text, OPTIONS).findings;
              const tokenFindings = found.filter((f) => f.kind === 'jwt' || f.kind === 'jwe');
              assert.deepEqual(
                tokenFindings.map((f) => [f.start, f.end]),
                [[start, start + token.length]],
                label,
              );
              assert.deepEqual(tokenFindings[0]!.causes, [], `${label}: a whole, valid token has no causes`);
              const report = tokenOf(tokenFindings[0]);
              assert.equal(report?.segmentErrors.length, 0, `${label}: ${JSON.stringify(report?.segmentErrors)}`);
              assert.equal(report?.segmentCount, token.split('.').length, label);
            }
          }
        }
      }
    });

    it('is found once and whole, wherever the cut falls in it (property)', () => {
      const tokenArb = fc.constantFrom(m.t.hs256, m.t.es512, m.t.jweDir, m.t.nested, m.longToken);
      fc.assert(
        fc.property(tokenArb, fc.integer({ min: 1, max: 2 }), fc.nat(), fc.boolean(), (token, k, r, longLine) => {
          const { text, start } = place(token, k, 1 + (r % token.length), longLine);
          const tokenFindings = analyze(text, OPTIONS).findings.filter((f) => f.kind === 'jwt' || f.kind === 'jwe');
          assert.deepEqual(
            tokenFindings.map((f) => [f.start, f.end]),
            [[start, start + token.length]],
          );
          assert.equal(tokenOf(tokenFindings[0])?.segmentErrors.length, 0);
        }),
        { seed: SEED, numRuns: 12 },
      );
    });

    it('any finding or mistake is the same wherever the cut falls in it as far from any cut (property)', () => {
      /** Plain lines with `chunk` on lines of its own from `at`, about one and a half pieces long. */
      const placeChunk = (chunk: string, at: number) => {
        let text = plain.slice(0, plain.lastIndexOf('\n', at - 100) + 1);
        text += `${'y'.repeat(at - 1 - text.length)}\n${chunk}\n`;
        const from = plain.indexOf('\n', at) + 1;
        return text + plain.slice(from, from + Math.max(0, PIECE_CHARS + PIECE_CHARS / 2 - text.length));
      };
      const relative = (a: Analysis, at: number): Analysis => ({
        ...a,
        findings: a.findings.map((f) => ({ ...viewFinding(f), start: f.start - at, end: f.end - at }) as unknown as Finding),
        mistakes: a.mistakes.map((x) => ({ ...viewMistake(x), start: x.start - at, end: x.end - at }) as unknown as Mistake),
      });
      const line = fc.constantFrom(...m.interesting.map((l) => l.slice(0, -1)));
      const chunk = fc.oneof(
        fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n')),
        // One line longer than the cut search, so that the cut falls inside it.
        fc.tuple(line, fc.constantFrom('lorem ipsum '.repeat(400), `trace=${'ab12'.repeat(1200)}`)).map(([l, tail]) => `${l} ${tail}`),
        fc.constant(`Authorization: Bearer ${m.longToken}`),
      );
      fc.assert(
        fc.property(chunk, fc.nat(), (c, r) => {
          const at = PIECE_CHARS - 1 - (r % c.length); // the first cut falls inside the chunk (or after its line)
          const far = PIECE_CHARS / 4;
          const near = relative(analyze(placeChunk(c, at), OPTIONS), at);
          const reference = relative(analyze(placeChunk(c, far), OPTIONS), far);
          assert.ok(reference.findings.length > 0, 'the chunk holds no finding');
          assertSameAnalysis(near, reference, `the chunk starting ${PIECE_CHARS - at} before the cut`);
        }),
        { seed: SEED, numRuns: 6 },
      );
    });
  });
});
