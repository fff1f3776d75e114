import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server for the key-fetching tests: each route answers as
 * told (JSON, slow, huge, wrong type, redirect), and every request is
 * recorded, so a test can say exactly which URLs were asked for.
 */
export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  readonly base: string;
  /** Paths requested, in order. */
  readonly requests: string[];
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

export function json(value: unknown, type = 'application/json'): Route {
  return (_req, res) => {
    const body = JSON.stringify(value);
    res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}

export function startServer(): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const open = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(path);
    const r = routes.get(path);
    if (r) r(req, res);
    else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        base: `http://127.0.0.1:${port}`,
        requests,
        route: (path, handler) => routes.set(path, handler),
        close: () =>
          new Promise<void>((done) => {
            for (const s of open) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
