/**
 * The error corpus (test/corpus/errors/*.jsonl) and the seed samples
 * (../shared/samples/seed-errors.jsonl) read and scored: shared by the corpus
 * test and scripts/corpus-report.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { type ErrorFinding, isErrorFinding } from '../../../src/core/model';

export interface CorpusLine {
  id: string;
  family: string;
  source: string;
  wrapping: string;
  text: string;
  expect: { kind: string; causes: string[]; error?: string };
}

export interface Verdict {
  line: CorpusLine;
  /** The error finding judged: the first one in the text. */
  finding?: ErrorFinding;
  /** How many error findings the text gave. */
  count: number;
  kindOk: boolean;
  causeOk: boolean;
  errorOk: boolean;
  pass: boolean;
  /** Why it failed, for the report. */
  why: string;
}

/** The clock of the seed test: no corpus text depends on it. */
const OPTIONS = { now: 1_760_000_000, leeway: 60 };

export function readJsonl(file: string, family?: string): CorpusLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l);
      return { family: family ?? o.family, source: o.source, wrapping: o.wrapping ?? 'seed', ...o } as CorpusLine;
    });
}

/** Every line of test/corpus/errors/*.jsonl, under the repository root `root`. */
export function readCorpus(root: string): CorpusLine[] {
  const dir = path.join(root, 'test/corpus/errors');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readJsonl(path.join(dir, f)));
}

export function readSeeds(root: string): CorpusLine[] {
  return readJsonl(path.resolve(root, '../shared/samples/seed-errors.jsonl'), 'seed');
}

export function judge(line: CorpusLine): Verdict {
  const { findings } = analyze(line.text, OPTIONS);
  const problems = findings.filter(isErrorFinding);
  const f = problems[0];
  const e = line.expect;
  const kindOk = !!f && f.kind === e.kind;
  const first = f?.causes[0]?.id;
  const causeOk = !!first && e.causes.includes(first);
  const errorOk = e.error === undefined || f?.error === e.error;
  const pass = kindOk && causeOk && errorOk;
  const why = !f
    ? 'no error finding'
    : [
        kindOk ? '' : `kind ${f.kind} ≠ ${e.kind}`,
        causeOk ? '' : `first cause ${first ?? '(none)'} ∉ ${e.causes.join(',')}`,
        errorOk ? '' : `error ${f.error ?? '(none)'} ≠ ${e.error}`,
      ]
        .filter(Boolean)
        .join('; ');
  return { line, ...(f ? { finding: f } : {}), count: problems.length, kindOk, causeOk, errorOk, pass, why };
}

export interface FamilyScore {
  family: string;
  total: number;
  pass: number;
  firstCause: number;
}

/** Per family (sorted by name), then the corpus without the seeds ("corpus") and everything ("all"). */
export function score(verdicts: readonly Verdict[]): FamilyScore[] {
  const by = new Map<string, FamilyScore>();
  const corpus: FamilyScore = { family: 'corpus', total: 0, pass: 0, firstCause: 0 };
  const all: FamilyScore = { family: 'all', total: 0, pass: 0, firstCause: 0 };
  for (const v of verdicts) {
    let s = by.get(v.line.family);
    if (!s) by.set(v.line.family, (s = { family: v.line.family, total: 0, pass: 0, firstCause: 0 }));
    for (const x of v.line.family === 'seed' ? [s, all] : [s, corpus, all]) {
      x.total++;
      if (v.pass) x.pass++;
      if (v.causeOk) x.firstCause++;
    }
  }
  return [...[...by.values()].sort((a, b) => a.family.localeCompare(b.family)), corpus, all];
}

export const pct = (n: number, d: number): string => (d ? ((100 * n) / d).toFixed(1) : '0.0') + ' %';
