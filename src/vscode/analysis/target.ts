/**
 * How hovers, lenses and commands name a finding to each other: a document URI,
 * an offset in it and which of the findings there (innermost first). Command
 * arguments arrive from Markdown links, so they are parsed, never trusted.
 */
import * as vscode from 'vscode';
import type { DocAnalysis, AnalysisCache } from './cache';
import { locate, type Located } from './locate';

export interface FindingTarget {
  readonly uri: string;
  readonly offset: number;
  /** Index among the findings at that offset, innermost first. */
  readonly nth: number;
}

/** A FindingTarget from a command argument, or undefined when it is not one. */
export function parseTarget(arg: unknown): FindingTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, offset, nth } = arg as Record<string, unknown>;
  if (typeof uri !== 'string' || uri.length > 4096) return undefined;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) return undefined;
  const n = typeof nth === 'number' && Number.isInteger(nth) && nth >= 0 && nth < 100 ? nth : 0;
  return { uri, offset, nth: n };
}

export interface Resolved {
  readonly document: vscode.TextDocument;
  readonly doc: DocAnalysis;
  readonly located: Located;
}

/** The finding a target names, in the open document's current version; undefined if gone. */
export async function resolveTarget(target: FindingTarget, cache: AnalysisCache): Promise<Resolved | undefined> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri);
  if (!document) return undefined;
  const answer = await cache.ensure(document);
  if (answer.kind !== 'analysed') return undefined;
  const found = locate(answer.doc, target.offset, true);
  const located = found[target.nth] ?? found[0];
  return located ? { document, doc: answer.doc, located } : undefined;
}
