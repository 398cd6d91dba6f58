/**
 * Browser mode: the same renderer and the same handlers over HTTP, on 127.0.0.1 only, with a
 * random per-launch token required on every call. Requests from another origin or host name are
 * refused (no CORS, Host checked against DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { MAX_REQUEST_BYTES } from '../../shared/api/contract.ts';
import type { ApiFailure } from '../../shared/api/types.ts';
import { CONTENT_SECURITY_POLICY } from '../csp.ts';
import { BUSY_TIMEOUT_MS } from '../db/database.ts';
import { invoke, type Handlers } from '../handlers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface WebServer {
  url: string;
  /** The address to open: the url with the token. */
  openUrl: string;
  token: string;
  port: number;
  close: () => Promise<void>;
}

export interface WebServerOptions {
  handlers: Handlers;
  staticDir: string;
  port?: number;
  token?: string;
}

const STATUS: Record<ApiFailure['kind'], number> = { input: 400, 'not-found': 404, conflict: 409, internal: 500, storage: 507 };

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  let origin = '';
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { kind: 'internal', message: 'Something went wrong on the server' } });
      else res.destroy();
    });
  });

  // A call may hold the event loop for up to the database's busy timeout (better-sqlite3 is
  // synchronous): an idle keep-alive socket must outlive that by far, or the server closes it as
  // the browser sends its next call on it (the browser sees "fetch failed").
  server.keepAliveTimeout = 4 * BUSY_TIMEOUT_MS;
  server.headersTimeout = server.keepAliveTimeout + 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (req.headers.host !== new URL(origin).host) return refuse(res, 403, `host ${JSON.stringify(req.headers.host)} is not served here`);
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/api/invoke') return api(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    return serveStatic(url.pathname, res);
  }

  async function api(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return refuse(res, 405, 'use POST');
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return refuse(res, 403, `origin ${req.headers.origin} is not allowed`);
    if (!tokenMatches(req.headers.authorization, token)) return refuse(res, 401, 'missing or wrong token: open the address printed at start-up');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'send JSON (Content-Type: application/json)');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        return refuse(res, 413, `the request has ${err.bytes.toLocaleString('en-US')} bytes; a call carries at most ${MAX_REQUEST_BYTES.toLocaleString('en-US')} (send fewer or smaller files at a time)`);
      }
      return refuse(res, 400, 'the request body is not valid JSON');
    }
    const { name, input } = (body ?? {}) as { name?: unknown; input?: unknown };
    const outcome = await invoke(options.handlers, name, input);
    sendJson(res, outcome.ok ? 200 : STATUS[outcome.error.kind], outcome);
  }

  function serveStatic(pathname: string, res: ServerResponse) {
    const root = normalize(options.staticDir);
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return refuse(res, 404, 'not found'); // a malformed %-escape
    }
    let file = normalize(join(root, decoded));
    if (file !== root && !file.startsWith(root + sep)) return refuse(res, 404, 'not found');
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      // Single-page app: unknown paths without an extension get the index page.
      if (extname(pathname)) return refuse(res, 404, 'not found');
      file = join(root, 'index.html');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const stream = createReadStream(file);
    // The file can vanish between stat and read (a rebuild of the renderer): answer 404, never crash.
    stream.once('error', () => {
      if (res.headersSent) res.destroy();
      else refuse(res, 404, 'not found');
    });
    stream.once('open', () => {
      res.writeHead(200, {
        'Content-Type': type,
        'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'public, max-age=3600',
        ...(type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
      });
      stream.pipe(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    openUrl: `${origin}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // A tab left open keeps using its keep-alive connection (and would hold the close for as long
        // as it polls): requests in flight get a short grace, then every connection is closed.
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      }),
  };
}

/** How long requests in flight may finish when browser mode stops. */
const CLOSE_GRACE_MS = 2_000;

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

class BodyTooLarge extends Error {
  constructor(readonly bytes: number) {
    super('request too large');
  }
}

/**
 * The request body as text. A body over MAX_REQUEST_BYTES is still read to its end, its bytes
 * dropped, and then refused (BodyTooLarge): a client that is still sending when the server
 * answers sees a reset connection instead of the answer, so the 413 waits for the last byte.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
      else chunks.length = 0; // over the limit: count the rest, keep nothing
    });
    req.on('end', () => (size > MAX_REQUEST_BYTES ? reject(new BodyTooLarge(size)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** A refusal in the API's failure shape: 404 is not-found, anything else (400, 401, 403, 405, 413, 415) input. */
function refuse(res: ServerResponse, status: number, message: string) {
  sendJson(res, status, { ok: false, error: { kind: status === 404 ? 'not-found' : 'input', message } });
}
