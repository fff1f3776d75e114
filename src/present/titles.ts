import { getCause } from '../core/knowledge/causes/index';

/** Cause titles for the command line's reports, from the catalog. */
export function causeTitle(id: string): string | undefined {
  return getCause(id)?.title;
}

/** The catalog's one-line summary of a cause (what it means and the fix in a sentence). */
export function causeSummary(id: string): string | undefined {
  return getCause(id)?.summary;
}

/** Help for a cause as plain text and as Markdown: the explanation, what to check, and the fix steps (SARIF rules). */
export function causeHelp(id: string): { text: string; markdown: string } | undefined {
  const c = getCause(id);
  if (!c) return undefined;
  const checks = c.checks.map((k) => k.text);
  const steps = c.fixSteps.map((f) => f.text);
  const text = [c.explanation, '', 'Check:', ...checks.map((t) => `- ${t}`), '', 'Fix:', ...steps.map((t, i) => `${i + 1}. ${t}`)].join('\n');
  const markdown = [
    `**${c.title}.** ${c.explanation}`,
    '',
    '**Check**',
    '',
    ...checks.map((t) => `- ${t}`),
    '',
    '**Fix**',
    '',
    ...c.fixSteps.map(
      (f, i) => `${i + 1}. ${f.text}${f.snippet ? `\n\n   \`\`\`${f.snippet.language}\n${f.snippet.code.replace(/^/gm, '   ')}\n   \`\`\`` : ''}`,
    ),
  ].join('\n');
  return { text, markdown };
}
