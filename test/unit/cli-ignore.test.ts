import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileRule, isIgnored, parseIgnoreFile } from '../../src/cli/ignore';
import { resolveInputs, type FileInput, type Inputs } from '../../src/cli/walk';

const defaults = { exclude: [] as string[], ignoreFiles: true, maxFileBytes: 50 * 1024 * 1024 };

function files(r: Inputs | { error: string }): string[] {
  assert.ok(!('error' in r), JSON.stringify(r));
  return r.items.filter((i): i is FileInput => i.kind === 'file').map((i) => i.display);
}

describe('ignore rules (gitignore syntax)', () => {
  const ignored = (patterns: string, path: string, isDir = false) => isIgnored(parseIgnoreFile(patterns, ''), path, isDir);

  it('matches names at any depth unless anchored', () => {
    assert.ok(ignored('*.log', 'app.log'));
    assert.ok(ignored('*.log', 'a/b/app.log'));
    assert.ok(!ignored('*.log', 'app.log.txt'));
    assert.ok(ignored('/build', 'build', true));
    assert.ok(!ignored('/build', 'src/build', true), 'a leading slash anchors');
    assert.ok(ignored('docs/*.md', 'docs/a.md'));
    assert.ok(!ignored('docs/*.md', 'x/docs/a.md'), 'a slash in the middle anchors');
    assert.ok(!ignored('docs/*.md', 'docs/sub/a.md'), '* does not cross folders');
  });

  it('handles **, ?, classes, directory-only rules, negation and comments', () => {
    assert.ok(ignored('**/fixtures/**', 'test/fixtures/a.json'));
    assert.ok(ignored('**/fixtures/**', 'fixtures/a.json'));
    assert.ok(ignored('a/**/b', 'a/b', true));
    assert.ok(ignored('a/**/b', 'a/x/y/b', true));
    assert.ok(ignored('logs/**', 'logs/x/y.txt'));
    assert.ok(ignored('file?.txt', 'file1.txt'));
    assert.ok(!ignored('file?.txt', 'file10.txt'));
    assert.ok(ignored('[abc].txt', 'b.txt'));
    assert.ok(ignored('[!abc].txt', 'd.txt'));
    assert.ok(!ignored('[!abc].txt', 'a.txt'));
    assert.ok(ignored('tmp/', 'x/tmp', true));
    assert.ok(!ignored('tmp/', 'x/tmp', false), 'a trailing slash matches folders only');
    assert.ok(!ignored('*.log\n!keep.log', 'keep.log'), 'the last matching rule wins');
    assert.ok(ignored('!keep.log\n*.log', 'keep.log'));
    assert.ok(!ignored('# *.log\n\n', 'a.log'));
    assert.ok(ignored('\\#notes', '#notes'));
    assert.ok(ignored('a.log   ', 'a.log'), 'trailing spaces are ignored');
    assert.equal(compileRule('   ', ''), undefined);
  });

  it('applies a nested file only below its folder', () => {
    const rules = [...parseIgnoreFile('*.tmp', ''), ...parseIgnoreFile('secret.txt\n!*.tmp', 'sub')];
    assert.ok(isIgnored(rules, 'a.tmp', false));
    assert.ok(!isIgnored(rules, 'sub/a.tmp', false), 'the nested negation re-includes');
    assert.ok(isIgnored(rules, 'sub/secret.txt', false));
    assert.ok(!isIgnored(rules, 'secret.txt', false));
  });
});

describe('walking folders', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'td-walk-'));
    const put = (p: string, text = 'x\n') => {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), text);
    };
    put('repo/.git/config');
    put('repo/.gitignore', 'node_modules/\n*.log\n!keep.log\n');
    put('repo/.tokendoctorignore', 'fixtures/\n');
    put('repo/src/app.ts');
    put('repo/src/b.txt');
    put('repo/src/.env');
    put('repo/src/debug.log');
    put('repo/keep.log');
    put('repo/node_modules/x/index.js');
    put('repo/test/fixtures/tokens.txt');
    put('repo/sub/.gitignore', 'local.txt\n');
    put('repo/sub/local.txt');
    put('repo/sub/other.txt');
    put('repo/empty.txt', '');
    put('repo/big.txt', 'y'.repeat(3 * 1024 * 1024));
    put('outside/linked.txt');
    symlinkSync(join(root, 'outside'), join(root, 'repo/src/linked-folder'));
    symlinkSync(join(root, 'outside/linked.txt'), join(root, 'repo/src/linked-file.txt'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads every file in name order, honouring .gitignore, .tokendoctorignore and nested ignore files', () => {
    const r = resolveInputs({ ...defaults, inputs: [join(root, 'repo')] });
    const rel = files(r).map((f) => f.slice(root.length + 1));
    assert.deepEqual(rel, [
      'repo/.gitignore',
      'repo/.tokendoctorignore',
      'repo/big.txt',
      'repo/keep.log',
      'repo/src/.env',
      'repo/src/app.ts',
      'repo/src/b.txt',
      'repo/src/linked-file.txt',
      'repo/sub/.gitignore',
      'repo/sub/other.txt',
    ]);
    assert.ok(!('error' in r) && r.multi, 'a folder names each file');
  });

  it('applies the ignore files of the folders above, up to the repository root', () => {
    const rel = files(resolveInputs({ ...defaults, inputs: [join(root, 'repo/src')] })).map((f) => f.slice(root.length + 1));
    assert.ok(!rel.includes('repo/src/debug.log'), 'the root .gitignore still applies');
    assert.ok(rel.includes('repo/src/app.ts'));
  });

  it('turns ignore files off with --no-ignore, and excludes with --exclude', () => {
    const all = files(resolveInputs({ ...defaults, ignoreFiles: false, inputs: [join(root, 'repo')] }));
    assert.ok(all.some((f) => f.endsWith('node_modules/x/index.js')));
    assert.ok(all.some((f) => f.endsWith('src/debug.log')));
    assert.ok(!all.some((f) => f.includes('/.git/')), '.git is never read');
    const ex = files(resolveInputs({ ...defaults, exclude: ['src/', '*.txt'], inputs: [join(root, 'repo')] }));
    assert.ok(!ex.some((f) => f.includes('/src/') || f.endsWith('.txt')), ex.join());
    assert.ok(ex.some((f) => f.endsWith('keep.log')));
  });

  it('skips files over the size limit with a note, and names files as given', () => {
    const r = resolveInputs({ ...defaults, maxFileBytes: 1024 * 1024, inputs: [join(root, 'repo')] });
    assert.ok(!('error' in r));
    assert.ok(!files(r).some((f) => f.endsWith('big.txt')));
    assert.ok(
      r.notes.some((n) => /Skipped 1 file larger than 1 MB .*big\.txt/.test(n)),
      r.notes.join(),
    );
    const cwd = process.cwd();
    try {
      process.chdir(join(root, 'repo'));
      assert.deepEqual(files(resolveInputs({ ...defaults, inputs: ['sub'] })), ['sub/.gitignore', 'sub/other.txt']);
      assert.deepEqual(files(resolveInputs({ ...defaults, inputs: ['./sub/'] })), ['sub/.gitignore', 'sub/other.txt']);
      const one = resolveInputs({ ...defaults, inputs: ['src/app.ts'] });
      assert.deepEqual(files(one), ['src/app.ts']);
      assert.ok(!('error' in one) && !one.multi, 'one file: findings do not name it');
    } finally {
      process.chdir(cwd);
    }
  });

  it('fails for a missing input, without echoing one that looks like a token', () => {
    const missing = resolveInputs({ ...defaults, inputs: [join(root, 'nope.log')] });
    assert.ok('error' in missing && /cannot read .*nope\.log.*: no such file/.test(missing.error));
    const token = resolveInputs({ ...defaults, inputs: ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'] });
    assert.ok('error' in token && /looks like a token/.test(token.error) && !token.error.includes('eyJhbGci'));
  });
});
