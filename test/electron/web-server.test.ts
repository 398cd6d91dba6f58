/** Browser mode's HTTP server: the same handlers, on 127.0.0.1, token and origin checked. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/database.ts';
import { MAX_REQUEST_BYTES } from '../../shared/api/contract.ts';
import { createHandlers } from '../../electron/handlers.ts';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import { tempDb, tempDir } from '../helpers/db.ts';

const servers: WebServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve() {
  const { db, path } = tempDb();
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>绩效考核</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  const server = await startWebServer({ handlers: createHandlers(db, { dbPath: path, appVersion: '0.0.0-test' }), staticDir });
  servers.push(server);
  return server;
}

/** A raw HTTP request, so Host and Origin can be set as an attacker would. */
function http(server: WebServer, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (server: WebServer, name: string, input: unknown, headers: Record<string, string> = {}) =>
  http(server, {
    method: 'POST',
    path: '/api/invoke',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
    body: JSON.stringify({ name, input }),
  });

describe('browser-mode server', () => {
  it('answers a malformed address with 404 and keeps serving', async () => {
    const s = await serve();
    const bad = await http(s, { path: '/assets/%E0%A4%A.js' });
    expect(bad.status).toBe(404);
    const missing = await http(s, { path: '/assets/gone.js' });
    expect(missing.status).toBe(404);
    const ok = await http(s, { path: '/assets/app.js' });
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('console.log(1)');
  });

  it('listens on 127.0.0.1 and prints an address with a long random token', async () => {
    const s = await serve();
    expect(s.openUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    const other = await serve();
    expect(other.token).not.toBe(s.token);
  });

  it('answers a call with the token', async () => {
    const s = await serve();
    const r = await call(s, 'app.info', {});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, result: { appVersion: '0.0.0-test', schemaVersion: LATEST_SCHEMA_VERSION, user: null } });
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const s = await serve();
    expect((await call(s, 'app.info', {}, { Authorization: '' })).status).toBe(401);
    const wrong = await call(s, 'app.info', {}, { Authorization: `Bearer ${'0'.repeat(48)}` });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.message).toMatch(/missing or wrong token/);
  });

  it('refuses a call from another origin, and another host name (DNS rebinding)', async () => {
    const s = await serve();
    expect((await call(s, 'app.info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call(s, 'app.info', {}, { Origin: `http://localhost:${s.port}` })).status).toBe(403);
    expect((await call(s, 'app.info', {}, { Origin: `http://127.0.0.1:${s.port}` })).status).toBe(200);
    expect((await call(s, 'app.info', {}, { Host: `evil.example:${s.port}` })).status).toBe(403);
  });

  it('refuses an invalid input with the field, and an unknown call', async () => {
    const s = await serve();
    const bad = await call(s, 'sheets.month', { period: '2026-13' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ kind: 'input', problems: [{ field: 'period', value: '2026-13', expected: 'a month as YYYY-MM (years 2000–2099, months 01–12)' }] });
    const extra = await call(s, 'regions.list', { sneaky: true });
    expect(JSON.parse(extra.body).error.problems[0].expected).toMatch(/no unknown fields \(sneaky\)/);
    expect((await call(s, 'fs.readFile', {})).status).toBe(404);
  });

  it('refuses non-JSON bodies and GET on the API', async () => {
    const s = await serve();
    expect((await http(s, { method: 'POST', path: '/api/invoke', headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await http(s, { method: 'POST', path: '/api/invoke', headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' }, body: '{' })).status).toBe(400);
    expect((await http(s, { path: '/api/invoke' })).status).toBe(405);
  });

  it('reads a body over the limit to its end and answers 413 with a message (not a reset connection); the next call is served', async () => {
    const s = await serve();
    // A real upload just over the limit, sent in pieces as a browser sends it.
    const size = MAX_REQUEST_BYTES + 1;
    const answer = await new Promise<{ status: number; body: string; sent: boolean }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: s.port, method: 'POST', path: '/api/invoke', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, 'Content-Length': String(size) } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body, sent: req.writableFinished }));
        },
      );
      req.on('error', reject); // a reset connection fails the test
      const piece = Buffer.alloc(1024 * 1024, 0x20);
      let left = size;
      const write = () => {
        while (left > 0) {
          const chunk = piece.subarray(0, Math.min(piece.length, left));
          left -= chunk.length;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBe(true);
    expect(JSON.parse(answer.body)).toEqual({
      ok: false,
      error: { kind: 'input', message: `the request has ${size.toLocaleString('en-US')} bytes; a call carries at most ${MAX_REQUEST_BYTES.toLocaleString('en-US')} (send fewer or smaller files at a time)` },
    });
    // At the limit exactly: read and parsed (here, not JSON: 400), not refused for its size.
    const atLimit = await http(s, { method: 'POST', path: '/api/invoke', headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' }, body: ' '.repeat(MAX_REQUEST_BYTES) });
    expect(atLimit.status).toBe(400);
    expect((await call(s, 'app.info', {})).status).toBe(200);
  }, 60_000);

  it('serves the renderer with a CSP, and nothing outside its folder', async () => {
    const s = await serve();
    const page = await http(s, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('绩效考核');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/);
    expect((await http(s, { path: '/assets/app.js' })).headers['content-type']).toMatch(/javascript/);
    expect((await http(s, { path: '/roster' })).body).toContain('绩效考核'); // single-page routes
    expect((await http(s, { path: '/../../package.json' })).status).toBe(404);
    expect((await http(s, { path: '/%2e%2e/%2e%2e/package.json' })).status).toBe(404);
    expect((await http(s, { path: '/missing.js' })).status).toBe(404);
  });
});
