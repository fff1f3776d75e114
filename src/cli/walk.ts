/**
 * What `scan PATH...` reads: files as given, every file below a folder (in
 * name order, depth first, like `git ls-files`), and standard input for `-`.
 * Below a folder, `.gitignore` and `.tokendoctorignore` files apply (those of
 * the folders above it too, up to the repository's root), as does
 * `--exclude`; `.git` is never entered, linked folders are not followed, and
 * files larger than the limit are skipped with a note.
 */
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { looksLikeToken, shown, TOKEN_ARGUMENT_MESSAGE, type ScanArgs } from './args';
import { compileRule, isIgnored, parseIgnoreFile, type IgnoreRule } from './ignore';

export interface FileInput {
  readonly kind: 'file';
  /** Where to read it. */
  readonly path: string;
  /** How the report names it: as given, or joined to the folder as given. */
  readonly display: string;
  readonly size: number;
  /** Named on the command line (rather than found in a folder). */
  readonly explicit: boolean;
}

export interface StdinInput {
  readonly kind: 'stdin';
}

export type InputItem = FileInput | StdinInput;

export interface Inputs {
  readonly items: InputItem[];
  /** More than one input or a folder: every finding names its file. */
  readonly multi: boolean;
  readonly notes: string[];
}

const IGNORE_FILES = ['.gitignore', '.tokendoctorignore'];

function toPosix(p: string): string {
  return sep === '\\' ? p.replace(/\\/g, '/') : p;
}

function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'ENOTDIR' ? 'not a folder' : (err as Error).message;
}

function readRules(dir: string, base: string): IgnoreRule[] {
  const out: IgnoreRule[] = [];
  for (const name of IGNORE_FILES) {
    const p = join(dir, name);
    try {
      out.push(...parseIgnoreFile(readFileSync(p, 'utf8'), base));
    } catch {
      /* no such file, or unreadable: no rules */
    }
  }
  return out;
}

/** Rules from the ignore files of the folders above `root`, up to the repository's root; and `root`'s path from there. */
function ancestorRules(root: string): { rules: IgnoreRule[]; prefix: string } {
  const abs = resolve(root);
  let top: string | undefined;
  for (let d = abs; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) {
      top = d;
      break;
    }
    if (dirname(d) === d) break;
  }
  if (top === undefined || top === abs) return { rules: [], prefix: '' };
  const rules: IgnoreRule[] = [];
  const chain: string[] = [];
  for (let d = dirname(abs); ; d = dirname(d)) {
    chain.unshift(d);
    if (d === top) break;
  }
  for (const d of chain) rules.push(...readRules(d, toPosix(relative(top, d))));
  return { rules, prefix: toPosix(relative(top, abs)) };
}

export function resolveInputs(args: Pick<ScanArgs, 'inputs' | 'exclude' | 'ignoreFiles' | 'maxFileBytes'>): Inputs | { error: string } {
  const items: InputItem[] = [];
  const notes: string[] = [];
  const exclude = args.exclude.map((g) => compileRule(g, '')).filter((r): r is IgnoreRule => r !== undefined && !r.negate);
  const excluded = (path: string, isDir: boolean) => exclude.length > 0 && isIgnored(exclude, path, isDir);
  const tooLarge: string[] = [];
  const unreadable: string[] = [];
  let folders = 0;
  const given = args.inputs.length ? args.inputs : ['-'];
  let stdin = false;
  for (const arg of given) {
    if (arg === '-') {
      if (!stdin) items.push({ kind: 'stdin' });
      stdin = true;
      continue;
    }
    let st;
    try {
      st = statSync(arg);
    } catch (err) {
      if (looksLikeToken(arg)) return { error: TOKEN_ARGUMENT_MESSAGE };
      return { error: `cannot read ${shown(arg)}: ${why(err)}` };
    }
    if (st.isDirectory()) {
      folders++;
      const { rules, prefix } = args.ignoreFiles ? ancestorRules(arg) : { rules: [], prefix: '' };
      const walk = (dir: string, rel: string, inherited: IgnoreRule[]) => {
        const full = rel ? (prefix ? `${prefix}/${rel}` : rel) : prefix;
        const ruleSet = args.ignoreFiles ? [...inherited, ...readRules(dir, full)] : inherited;
        let entries: Dirent[];
        try {
          entries = readdirSync(dir, { withFileTypes: true });
        } catch (err) {
          unreadable.push(`${posix.join(toPosix(arg), rel)} (${why(err)})`);
          return;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const e of entries) {
          const childRel = rel ? `${rel}/${e.name}` : e.name;
          const childFull = prefix ? `${prefix}/${childRel}` : childRel;
          const path = join(dir, e.name);
          let isDir = e.isDirectory();
          let isFile = e.isFile();
          let size = -1;
          if (e.isSymbolicLink()) {
            // Linked files are read; linked folders are not followed (no loops, no scanning outside the tree).
            try {
              const t = statSync(path);
              isDir = false;
              isFile = t.isFile();
              size = t.size;
            } catch {
              continue;
            }
          }
          if (isDir) {
            if (e.name === '.git') continue;
            if (ruleSet.length && isIgnored(ruleSet, childFull, true)) continue;
            if (excluded(childRel, true)) continue;
            walk(path, childRel, ruleSet);
          } else if (isFile) {
            if (ruleSet.length && isIgnored(ruleSet, childFull, false)) continue;
            if (excluded(childRel, false)) continue;
            const display = posix.join(toPosix(arg), childRel);
            if (size < 0) {
              try {
                size = statSync(path).size;
              } catch (err) {
                unreadable.push(`${display} (${why(err)})`);
                continue;
              }
            }
            if (size === 0) continue;
            if (size > args.maxFileBytes) {
              tooLarge.push(display);
              continue;
            }
            items.push({ kind: 'file', path, display, size, explicit: false });
          }
        }
      };
      walk(arg, '', rules);
    } else {
      try {
        accessSync(arg, constants.R_OK);
      } catch (err) {
        return { error: `cannot read ${shown(arg)}: ${why(err)}` };
      }
      const display = toPosix(arg);
      if (excluded(posix.normalize(display).replace(/^\.\//, ''), false)) continue;
      items.push({ kind: 'file', path: arg, display, size: st.size, explicit: true });
    }
  }
  const list = (names: string[]) => (names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', '));
  if (tooLarge.length) {
    notes.push(
      `Skipped ${tooLarge.length} file${tooLarge.length === 1 ? '' : 's'} larger than ${Math.round(args.maxFileBytes / 1024 / 1024)} MB (--max-file-size): ${list(tooLarge)}.`,
    );
  }
  if (unreadable.length) notes.push(`Could not read ${list(unreadable)}.`);
  return { items, multi: given.length > 1 || folders > 0, notes };
}
