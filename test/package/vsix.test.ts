// The .vsix that `npm run package` builds (vsce, with .vscodeignore's allow-list): it must hold
// what the installed extension needs and nothing else, and stay small. Read with a tiny zip
// central-directory reader (a .vsix is a zip), so the test needs no unzip program.
// Run by `npm run test:package` after `npm run package`; scripts/run-smoke.mjs then installs it.
import * as assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const vsixPath = join(root, `${manifest.name}-${manifest.version}.vsix`);

interface Entry {
  name: string;
  size: number;
  compressedSize: number;
  method: number;
  offset: number;
}

/** The entries of a zip's central directory. */
function zipEntries(zip: Buffer): Entry[] {
  // End of central directory: signature 0x06054b50, within the last 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 0x10000 - 22); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'bad central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), size, compressedSize, method, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One entry's bytes (stored or deflated). */
function readEntry(zip: Buffer, e: Entry): Buffer {
  const nameLength = zip.readUInt16LE(e.offset + 26);
  const extraLength = zip.readUInt16LE(e.offset + 28);
  const start = e.offset + 30 + nameLength + extraLength;
  const data = zip.subarray(start, start + e.compressedSize);
  return e.method === 0 ? Buffer.from(data) : inflateRawSync(data);
}

/** What the extension needs, as paths inside the .vsix (vsce puts the extension under extension/). */
const REQUIRED = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/web/extension.js',
  'extension/media/panel.js',
  'extension/media/panel.css',
  'extension/media/icon-dark.svg',
  'extension/media/icon-light.svg',
  'extension/media/walkthrough/sample.http',
  'extension/images/icon.png',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  // vsce's own: the manifest and the content types.
  'extension.vsixmanifest',
  '[Content_Types].xml',
];
/** Anything else must be under one of these. */
const ALLOWED_PREFIXES = ['extension/media/'];
/**
 * Generous, so a growing engine does not trip it, but a stray source map, node_modules or
 * test bundle does. The provider catalogs (published codes with their fixes and references)
 * are much of it: about 520 KB in all with them.
 */
const MAX_VSIX_BYTES = 800 * 1024;

describe('the packaged .vsix', () => {
  let zip: Buffer;
  let entries: Entry[];
  before(() => {
    assert.ok(existsSync(vsixPath), `${vsixPath} is missing: run \`npm run package\` first`);
    zip = readFileSync(vsixPath);
    entries = zipEntries(zip);
    console.log(`      ${vsixPath.slice(root.length + 1)}: ${zip.length} bytes, ${entries.length} files`);
    for (const e of entries) console.log(`        ${String(e.size).padStart(8)}  ${e.name}`);
  });

  it('holds the bundles, media, icon, README, CHANGELOG and LICENSE', () => {
    const names = new Set(entries.map((e) => e.name));
    for (const name of REQUIRED) assert.ok(names.has(name), `${name} is not in the .vsix`);
  });

  it('holds nothing else: no sources, tests, source maps, node_modules or samples', () => {
    const extra = entries.map((e) => e.name).filter((n) => !REQUIRED.includes(n) && !ALLOWED_PREFIXES.some((p) => n.startsWith(p)));
    assert.deepEqual(extra, []);
    for (const e of entries) assert.doesNotMatch(e.name, /\.map$|node_modules|\/src\/|\/test\/|\.ts$/, e.name);
  });

  it(`is small (under ${MAX_VSIX_BYTES / 1024} KB) and its bundles are minified`, () => {
    assert.ok(zip.length < MAX_VSIX_BYTES, `${zip.length} bytes`);
    for (const bundle of ['extension/dist/extension.js', 'extension/dist/web/extension.js']) {
      const text = readEntry(
        zip,
        entries.find((e) => e.name === bundle)!,
      ).toString('utf8');
      // Minified code is long lines (template literals keep their own line breaks); esbuild's
      // readable output is short, indented lines.
      const lines = text.split('\n');
      const indented = lines.filter((l) => l.startsWith('  ')).length;
      assert.ok(text.length / lines.length > 1000 && indented < lines.length / 2, `${bundle}: ${lines.length} lines, ${indented} indented: not minified`);
      assert.doesNotMatch(text, /sourceMappingURL/, `${bundle} points to a source map the .vsix does not hold`);
    }
  });

  it('has a browser bundle that needs nothing but vscode: no Node module, no Buffer', () => {
    const text = readEntry(
      zip,
      entries.find((e) => e.name === 'extension/dist/web/extension.js')!,
    ).toString('utf8');
    const required = new Set([...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
    assert.deepEqual([...required], ['vscode']);
    assert.doesNotMatch(text, /\bBuffer\.(from|alloc|concat|isBuffer)\b/);
  });

  it('carries the manifest the marketplace reads: both entries, icon, walkthrough, capabilities', () => {
    const pkg = JSON.parse(
      readEntry(
        zip,
        entries.find((e) => e.name === 'extension/package.json')!,
      ).toString('utf8'),
    );
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.browser, './dist/web/extension.js');
    assert.equal(pkg.icon, 'images/icon.png');
    assert.ok(pkg.galleryBanner?.color);
    assert.match(pkg.repository?.url ?? '', /^https:\/\//);
    assert.ok(pkg.contributes.walkthroughs?.[0]?.steps?.length >= 3);
    for (const step of pkg.contributes.walkthroughs[0].steps) {
      const media = step.media?.markdown ?? step.media?.image;
      assert.ok(media && entries.some((e) => e.name === `extension/${media}`), `walkthrough media ${media} is not in the .vsix`);
    }
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, true);
    // A PNG of 128×128: the IHDR chunk's width and height.
    const icon = readEntry(
      zip,
      entries.find((e) => e.name === 'extension/images/icon.png')!,
    );
    assert.equal(icon.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
  });
});
