import assert from 'node:assert/strict';
import { createStreamScanner } from '../../src/core/stream';
import { KEYS_TIMEOUT_MS, NOW, tokens, type Made } from './helpers/tokens';
import { tokenOf } from '../../src/core/model';

describe('stream scanner', () => {
  let t: Made;
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    t = await tokens();
  });

  it('finds a token split across many writes once, with stream offsets', () => {
    const out = `starting\nAuthorization: Bearer ${t.hs256}\nbye\n`;
    const s = createStreamScanner({ now: NOW, leeway: 60 });
    const found = [];
    for (let i = 0; i < out.length; i += 7) found.push(...s.push(out.slice(i, i + 7)));
    found.push(...s.flush());
    const jwts = found.filter((f) => f.kind === 'jwt');
    assert.equal(jwts.length, 1);
    assert.equal(out.slice(jwts[0]!.start, jwts[0]!.end), t.hs256);
    assert.equal(tokenOf(jwts[0])?.claims?.sub, 'user-1', 'lazy members survive the offset shift');
  });

  it('reports each finding once across windows and keeps bounded state', () => {
    const s = createStreamScanner({ now: NOW, leeway: 60, contextChars: 256 });
    let count = 0;
    let text = '';
    for (let i = 0; i < 200; i++) {
      const line = i % 10 === 0 ? `call ${i} Bearer ${t.es256}\n` : `ordinary line ${i} with nothing in it\n`;
      text += line;
      for (const f of s.push(line)) {
        assert.equal(text.slice(f.start, f.end), t.es256);
        count++;
      }
    }
    count += s.flush().length;
    assert.equal(count, 20);
  });

  it('scans an unfinished last line at flush', () => {
    const s = createStreamScanner({ now: NOW, leeway: 60 });
    assert.deepEqual(s.push(`token ${t.rs256}`), []);
    assert.equal(s.flush().length, 1);
  });
});
