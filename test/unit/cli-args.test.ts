import assert from 'node:assert/strict';
import { failOnMatches, looksLikeToken, parseArgs, type FailOn, type ScanArgs } from '../../src/cli/args';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl';

function scanArgs(argv: string[]): ScanArgs {
  const p = parseArgs(argv);
  assert.equal(p.command, 'scan', JSON.stringify(p));
  return p;
}

function errorOf(argv: string[]): string {
  const p = parseArgs(argv);
  assert.equal(p.command, 'error', JSON.stringify(p));
  return (p as { message: string }).message;
}

describe('token-doctor arguments', () => {
  it('reads formats, paths, clock, exclusions and threads', () => {
    const a = scanArgs([
      'scan',
      '--format',
      'sarif',
      '--now',
      '1795300000',
      '--leeway=0',
      '--exclude',
      '**/fixtures/**',
      '--exclude=*.min.js',
      '-j',
      '2',
      'a.log',
      'logs/',
      '-',
    ]);
    assert.equal(a.format, 'sarif');
    assert.equal(a.now, 1795300000);
    assert.equal(a.leeway, 0);
    assert.deepEqual(a.exclude, ['**/fixtures/**', '*.min.js']);
    assert.equal(a.jobs, 2);
    assert.deepEqual(a.inputs, ['a.log', 'logs/', '-']);
    assert.equal(a.ignoreFiles, true);
    assert.equal(scanArgs(['scan', '--json']).format, 'json');
    assert.equal(scanArgs(['scan']).format, 'text');
    assert.deepEqual(scanArgs(['scan']).inputs, []);
    assert.equal(scanArgs(['scan', '--no-ignore']).ignoreFiles, false);
    assert.equal(scanArgs(['scan', '--max-file-size', '2']).maxFileBytes, 2 * 1024 * 1024);
    assert.deepEqual(scanArgs(['scan', '--', '--odd-name.log']).inputs, ['--odd-name.log']);
  });

  it('reads --fail-on lists: cause ids, families, kinds, established, any', () => {
    const a = scanArgs(['scan', '--fail-on', 'token.expired,grant.*', '--fail-on', 'oauth-error,established']);
    assert.deepEqual(a.failOn, { causes: ['token.expired', 'grant.*'], kinds: ['oauth-error'], established: true, any: false });
    assert.equal(scanArgs(['scan']).failOn, undefined);
    assert.match(errorOf(['scan', '--fail-on', 'token.expird']), /--fail-on does not know "token\.expird"/);
    assert.match(errorOf(['scan', '--fail-on', 'nope.*']), /does not know/);
    assert.match(errorOf(['scan', '--fail-on']), /--fail-on needs/);
  });

  it('matches --fail-on against the first cause, established causes and kinds', () => {
    const f = (over: Partial<FailOn>): FailOn => ({ causes: [], kinds: [], established: false, any: false, ...over });
    assert.ok(failOnMatches(f({ causes: ['grant.invalid'] }), 'oauth-error', ['grant.invalid', 'request.redirect-uri'], []));
    assert.ok(
      !failOnMatches(f({ causes: ['request.redirect-uri'] }), 'oauth-error', ['grant.invalid', 'request.redirect-uri'], []),
      'a lower suspect does not fail the build',
    );
    assert.ok(
      failOnMatches(f({ causes: ['token.expired'] }), 'jwt', ['token.truncated', 'token.expired'], ['token.truncated', 'token.expired']),
      'an established cause counts wherever it is',
    );
    assert.ok(failOnMatches(f({ causes: ['token.*'] }), 'jwt', ['token.expired'], []));
    assert.ok(!failOnMatches(f({ causes: ['client.*'] }), 'jwt', ['token.expired'], []));
    assert.ok(failOnMatches(f({ kinds: ['jwt'] }), 'jwt', [], []));
    assert.ok(failOnMatches(f({ established: true }), 'jwt', ['token.expired'], ['token.expired']));
    assert.ok(!failOnMatches(f({ established: true }), 'oauth-error', ['grant.invalid'], []));
    assert.ok(failOnMatches(f({ any: true }), 'http-status', [], []));
  });

  it('parses decode, which takes no path', () => {
    assert.deepEqual(parseArgs(['decode', '--json', '--now', '5']), { command: 'decode', format: 'json', now: 5, leeway: undefined, color: undefined });
    assert.match(errorOf(['decode', 'file.txt']), /reads the token from standard input/);
    assert.match(errorOf(['decode', '--exclude', 'x']), /decode does not take --exclude/);
    assert.match(errorOf(['decode', '--format', 'sarif']), /--format needs text or json/);
  });

  it('never repeats an argument that looks like a token, and says to pipe it', () => {
    for (const argv of [[TOKEN], ['decode', TOKEN], ['scan', `--${TOKEN}`], ['scan', '--now', TOKEN], ['scan', '--fail-on', TOKEN]]) {
      const msg = errorOf(argv);
      assert.ok(!msg.includes('eyJhbGciOiJIUzI1'), `${argv[0]}: ${msg}`);
      assert.ok(!msg.includes(TOKEN.slice(20, 40)));
    }
    assert.match(errorOf([TOKEN]), /Pipe it instead/);
    assert.ok(looksLikeToken(TOKEN));
    assert.ok(looksLikeToken('a'.repeat(40)), 'a long opaque value');
    assert.ok(!looksLikeToken('logs/2026-11-21/app.log'));
    assert.ok(!looksLikeToken('--format'));
  });

  it('rejects bad values with a message naming the option', () => {
    assert.match(errorOf(['scan', '--now', 'yesterday']), /--now needs epoch seconds/);
    assert.match(errorOf(['scan', '--leeway', '-1']), /--leeway needs a whole number/);
    assert.match(errorOf(['scan', '--format', 'xml']), /--format needs text, json, jsonl or sarif/);
    assert.match(errorOf(['scan', '--jobs', '0']), /--jobs needs a number of threads/);
    assert.match(errorOf(['scan', '--max-file-size', 'big']), /--max-file-size needs a size in megabytes/);
    assert.match(errorOf(['scan', '--frobnicate']), /unknown option "--frobnicate"/);
    assert.match(errorOf(['frob']), /unknown command "frob"/);
    assert.deepEqual(parseArgs([]), { command: 'help' });
    assert.deepEqual(parseArgs(['scan', '--help']), { command: 'help', topic: 'scan' });
    assert.deepEqual(parseArgs(['--version']), { command: 'version' });
  });
});
