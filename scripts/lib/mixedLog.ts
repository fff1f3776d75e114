/** The mixed log of scripts/bench-errors.ts, shared with other measuring scripts. */
import * as jose from 'jose';

const NOW = 1_795_300_000;
const b64 = (s: string) => jose.base64url.encode(s);

/** A deterministic log of about `mb` megabytes: ordinary lines, request lines with tokens, errors of several kinds, 401s. */
export function mixedLog(mb: number): string {
  const sig = b64('x'.repeat(32));
  const token = (i: number) =>
    `${b64('{"alg":"RS256","typ":"JWT","kid":"k1"}')}.${b64(JSON.stringify({ sub: `user-${i}`, scope: 'read', iat: NOW - 100, exp: NOW + (i % 2 ? 600 : -600) }))}.${sig}`;
  const ordinary = [
    '2026-11-21T10:00:00.123Z INFO  [http-nio-8080-exec-4] c.e.orders.OrderController - GET /api/orders/12345 200 12ms',
    '2026-11-21T10:00:00.456Z DEBUG [pool-3-thread-1] com.example.cache.RedisCache - hit key=orders:12345 ttl=300',
    '2026-11-21T10:00:01.001Z WARN  [main] o.s.b.w.embedded.tomcat.TomcatWebServer - slow start 1.2.3.4 v2.7.18',
    '10.0.0.7 - - [21/Nov/2026:10:00:01 +0000] "GET /static/app.9f8e7d.js HTTP/1.1" 304 0 "-" "Mozilla/5.0"',
    '2026-11-21T10:00:02.000Z INFO  worker-7 processed batch id=123e4567-e89b-12d3-a456-426614174000 items=42',
    '2026-11-21T10:00:02.100Z INFO  [scheduler] retry policy: max attempts 3, backoff 200ms, on error: log and continue',
    '2026-11-21T10:00:02.200Z DEBUG [http] POST /api/payments 201 48ms bytes=512',
  ];
  const errors = [
    '2026-11-21T10:00:04Z ERROR token endpoint said {"error":"invalid_grant","error_description":"Token has been expired or revoked."}',
    "2026-11-21T10:00:04Z ERROR MsalServiceException: AADSTS700016: Application with identifier '0d3c' was not found in the directory 'contoso'.",
    '2026-11-21T10:00:04Z WARN  Bearer error="invalid_token", error_description="The signature key was not found"',
    '2026-11-21T10:00:04Z ERROR io.jsonwebtoken.ExpiredJwtException: JWT expired at 2026-11-21T09:00:00Z. Current time: 2026-11-21T10:00:04Z',
    '2026-11-21T10:00:04Z ERROR {"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011","errorId":"oae1"}',
    '2026-11-21T10:00:04Z ERROR connect ECONNREFUSED 10.0.0.9:443 while fetching https://idp.example.com/.well-known/openid-configuration',
  ];
  // Every line carries its own time, and errors their own ids, as in a real log: repeats differ.
  const ts = (i: number) => {
    const t = 36_000_000 + i * 37;
    const two = (n: number) => String(n).padStart(2, '0');
    return `2026-11-21T${two(Math.floor(t / 3_600_000) % 24)}:${two(Math.floor(t / 60_000) % 60)}:${two(Math.floor(t / 1000) % 60)}.${String(t % 1000).padStart(3, '0')}Z`;
  };
  const guid = (i: number) => `${(0x10000000 + i).toString(16)}-4b2c-4d5e-8f90-${String(i).padStart(12, '0')}`;
  const out: string[] = [];
  let size = 0;
  let i = 0;
  const target = mb * 1024 * 1024;
  while (size < target) {
    let line: string;
    if (i % 50 === 7) line = `2026-11-21T10:00:03Z DEBUG outbound call GET /api/orders Authorization: Bearer ${token(i)}`;
    else if (i % 100 === 32) line = `2026-11-21T10:00:03Z DEBUG request headers: {"authorization":"Bearer ${token(i)}","accept":"application/json"}`;
    else if (i % 150 === 13) line = errors[((i / 150) % errors.length) | 0]!;
    else if (i % 300 === 17) line = `2026-11-21T10:00:05Z WARN upstream returned HTTP/1.1 401 Unauthorized`;
    else line = ordinary[i % ordinary.length]!;
    line = line
      .replace(/^2026-11-21T[\d:.]+Z/, ts(i))
      .replace('0d3c', guid(i))
      .replace('oae1', `oae${b64(`id-${i * 7919}-${i}`).slice(0, 22)}`);
    out.push(line);
    size += line.length + 1;
    i++;
  }
  return out.join('\n');
}
