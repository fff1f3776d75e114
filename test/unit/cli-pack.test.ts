import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hs, NOW } from './helpers/tokens';

const root = resolve(__dirname, '../../..');

/** npm as the test runner was started (npm test sets npm_execpath), else from PATH. */
function npm(args: string[], cwd: string, cache: string) {
  const execpath = process.env.npm_execpath;
  const [cmd, pre] = execpath && /npm-cli\.js$/.test(execpath) ? [process.execPath, [execpath]] : ['npm', []];
  const r = spawnSync(cmd, [...pre, ...args, '--cache', cache, '--no-audit', '--no-fund', '--loglevel', 'error'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
    shell: process.platform === 'win32',
  });
  assert.equal(r.status, 0, `npm ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

describe('the npm package (npm pack, npm install -g, npm exec)', function () {
  // npm itself is slow to start and to install, above all on a loaded machine.
  this.timeout(300_000);
  let tmp: string;
  before(function () {
    if (process.platform === 'win32') this.skip();
    tmp = mkdtempSync(join(tmpdir(), 'td-pack-'));
  });
  after(() => tmp && rmSync(tmp, { recursive: true, force: true }));

  it('packs the bundled command line alone, and it works installed into a temporary prefix, offline, without jose', async () => {
    const cache = join(tmp, 'cache');
    const listed = JSON.parse(npm(['pack', '--dry-run', '--json', root], tmp, cache)) as Array<{ files: Array<{ path: string }> }>;
    assert.deepEqual(listed[0]!.files.map((f) => f.path).sort(), ['LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
    npm(['pack', '--pack-destination', tmp, root], tmp, cache);
    // jose is bundled into dist/cli.js; package.json still names it, so the install is given it from node_modules (no registry).
    npm(['pack', '--pack-destination', tmp, join(root, 'node_modules/jose')], tmp, cache);
    const tarballs = readdirSync(tmp).filter((f) => f.endsWith('.tgz'));
    const ours = join(
      tmp,
      tarballs.find((f) => f.startsWith('token-doctor-'))!,
    );
    const jose = join(
      tmp,
      tarballs.find((f) => f.startsWith('jose-'))!,
    );
    const prefix = join(tmp, 'prefix');
    npm(['install', '-g', '--offline', '--prefix', prefix, ours, jose], tmp, cache);

    const bin = join(prefix, 'bin', 'token-doctor');
    const token = await hs({ sub: 'user-1', exp: NOW - 3600 });
    const scan = () => spawnSync(bin, ['scan', '--json', '--now', String(NOW)], { input: `Authorization: Bearer ${token}\n`, encoding: 'utf8' });
    let r = scan();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).findings[0].causes[0].id, 'token.expired');
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);

    // Nothing is loaded at run time: without jose installed it still works.
    rmSync(join(prefix, 'lib', 'node_modules', 'jose'), { recursive: true, force: true });
    r = scan();
    assert.equal(r.status, 0, r.stderr);
    const decode = spawnSync(bin, ['decode', '--json', '--now', String(NOW)], { input: token, encoding: 'utf8' });
    assert.equal(JSON.parse(decode.stdout).claims.sub, 'user-1');
    const workers = spawnSync(bin, ['scan', '--json', '--jobs', '2', '--stats', '--now', String(NOW)], {
      input: `Bearer ${token}\n`.repeat(70_000),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    assert.equal(workers.status, 0, workers.stderr);
    assert.match(workers.stderr, /2 threads/, 'the installed bundle starts its worker thread');
    assert.equal(JSON.parse(workers.stdout).findings.length, 70_000);

    // npx / npm exec from the tarball.
    const exec = npm(['exec', '--offline', '--yes', `--package=${ours}`, `--package=${jose}`, '--', 'token-doctor', '--version'], tmp, cache);
    assert.match(exec, /^\d+\.\d+\.\d+/);
  });
});
