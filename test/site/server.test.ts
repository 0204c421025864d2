import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, type RunningServer, resolveRequest, startServer } from '../../site/lib/server.ts';

let top: string;
let site: string;
let server: RunningServer;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET: the path goes on the wire exactly as written, as an attacker would send it. */
function get(rawPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  top = mkdtempSync(path.join(os.tmpdir(), 'workbook-serve-'));
  site = path.join(top, 'dist');
  mkdirSync(path.join(site, 'assets'), { recursive: true });
  writeFileSync(path.join(top, 'secret.txt'), 'TOP SECRET');
  writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>home</title>');
  writeFileSync(path.join(site, 'assets', 'site.css'), 'body{}');
  writeFileSync(path.join(site, 'assets', 'site.js'), 'export {};');
  writeFileSync(path.join(site, 'assets', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(site, 'search-index.json'), '{}');
  writeFileSync(path.join(site, 'data.bin'), 'raw');
  writeFileSync(path.join(site, '404.html'), '<!doctype html><title>Page not found</title>');
  server = await startServer(site, 0);
});

afterAll(async () => {
  await server?.close();
  rmSync(top, { recursive: true, force: true });
});

describe('the local docs server', () => {
  it('listens on 127.0.0.1 only and reports its URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves index.html for / with the HTML content type', async () => {
    const reply = await get('/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.body).toContain('<title>home</title>');
  });

  it.each([
    ['/assets/site.css', 'text/css; charset=utf-8'],
    ['/assets/site.js', 'text/javascript; charset=utf-8'],
    ['/assets/icon.svg', 'image/svg+xml'],
    ['/search-index.json', 'application/json; charset=utf-8'],
    ['/data.bin', 'application/octet-stream'],
  ])('sends %s as %s, with nosniff', async (file, type) => {
    const reply = await get(file);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends a Content-Security-Policy that allows only the site itself, with no inline script', async () => {
    const reply = await get('/');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it.each(['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/%2e%2e%2f%2e%2e%2fsecret.txt'])(
    'refuses the traversal %s',
    async (attack) => {
      const reply = await get(attack);
      expect([400, 403]).toContain(reply.status);
      expect(reply.body).not.toContain('TOP SECRET');
    },
  );

  it('refuses a NUL byte in the path', async () => {
    expect((await get('/index.html%00.css')).status).toBe(400);
  });

  it('answers a missing file with status 404 and the site\'s not-found page, at any depth', async () => {
    for (const missing of ['/nope.html', '/source/chapters/nope.ts.html', '/assets/gone.css']) {
      const reply = await get(missing);
      expect(reply.status, missing).toBe(404);
      expect(reply.headers['content-type'], missing).toBe('text/html; charset=utf-8');
      expect(reply.body, missing).toContain('<title>Page not found</title>');
    }
  });

  it('answers 405 for a POST', async () => {
    const post = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/', method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(post).toBe(405);
  });

  it('compresses text for clients that accept gzip', async () => {
    const reply = await get('/assets/site.css', { 'accept-encoding': 'gzip' });
    expect(reply.headers['content-encoding']).toBe('gzip');
  });

  it('moves to the next port when the first is taken', async () => {
    const second = await startServer(site, server.port);
    try {
      expect(second.port).toBeGreaterThan(server.port);
      expect(second.url).toBe(`http://127.0.0.1:${second.port}/`);
    } finally {
      await second.close();
    }
  });
});

describe('request path resolution', () => {
  it('maps a path inside the site to its file and a folder to its index.html', () => {
    expect(resolveRequest(site, '/assets/site.css?v=1')).toEqual({ file: path.join(site, 'assets', 'site.css') });
    expect(resolveRequest(site, '/')).toEqual({ file: path.join(site, 'index.html') });
  });

  it('refuses any .. segment, encoded or not', () => {
    expect(resolveRequest(site, '/a/../index.html')).toEqual({ status: 403 });
    expect(resolveRequest(site, '/%2E%2E/secret.txt')).toEqual({ status: 403 });
  });

  it('answers 400 for a malformed escape', () => {
    expect(resolveRequest(site, '/%E0%A4%A')).toEqual({ status: 400 });
  });
});
