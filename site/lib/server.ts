import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createGzip } from 'node:zlib';

/**
 * The local docs server: static files from one directory, on 127.0.0.1 only.
 * Paths that leave the directory are refused, every response names its content type, and
 * pages are served with a Content-Security-Policy that allows nothing but the site itself.
 * Text is gzip-compressed for clients that accept it. A path that names no file gets the site's
 * own not-found page (`404.html`, with search and the chapter list) and status 404.
 */

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Scripts and styles only from the site; no inline code, no network, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const HOST = '127.0.0.1';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `root` on 127.0.0.1 from `port` (default 4173), moving to the next port while one is
 * taken, up to `attempts` ports. Port 0 picks any free port.
 */
export async function startServer(root: string, port = 4173, attempts = 20): Promise<RunningServer> {
  const base = path.resolve(root);
  for (let attempt = 0; ; attempt++) {
    const server = createServer((request, response) =>
      handle(base, request.method ?? 'GET', request.url ?? '/', String(request.headers['accept-encoding'] ?? ''), response),
    );
    try {
      await listen(server, port === 0 ? 0 : port + attempt);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && port !== 0 && attempt + 1 < attempts) continue;
      throw error;
    }
    const actual = (server.address() as AddressInfo).port;
    return {
      url: `http://${HOST}:${actual}/`,
      port: actual,
      close: () => new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    };
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Resolves a request path to a file under `base`, or says why it cannot be served. */
export function resolveRequest(base: string, url: string): { file: string } | { status: 400 | 403 | 404 } {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return { status: 400 };
  }
  if (pathname.includes('\0')) return { status: 400 };
  // Refuse any `..` segment outright (even one the URL parser would have collapsed) and any
  // backslash, rather than trying to repair the path.
  const raw = url.split(/[?#]/)[0] ?? '';
  let decodedRaw = raw;
  try {
    decodedRaw = decodeURIComponent(raw);
  } catch {
    return { status: 400 };
  }
  if (decodedRaw.split(/[\\/]/).includes('..') || pathname.includes('\\')) return { status: 403 };
  let file = path.resolve(base, `.${pathname}`);
  if (file !== base && !file.startsWith(base + path.sep)) return { status: 403 };
  try {
    if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!statSync(file).isFile()) return { status: 404 };
  } catch {
    return { status: 404 };
  }
  return { file };
}

function handle(base: string, method: string, url: string, acceptEncoding: string, response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-cache');
  if (method !== 'GET' && method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
    return;
  }
  let resolved = resolveRequest(base, url);
  let status = 200;
  if ('status' in resolved && resolved.status === 404) {
    const page = resolveRequest(base, '/404.html');
    if ('file' in page) {
      resolved = page;
      status = 404;
    }
  }
  if ('status' in resolved) {
    const text = { 400: 'Bad request', 403: 'Forbidden: that path is outside the site', 404: 'Not found' }[resolved.status];
    response.writeHead(resolved.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
    return;
  }
  const type = CONTENT_TYPES[path.extname(resolved.file).toLowerCase()] ?? 'application/octet-stream';
  const compress = /\bgzip\b/.test(acceptEncoding) && /^(text\/|application\/json|image\/svg)/.test(type);
  response.setHeader('Vary', 'Accept-Encoding');
  if (compress) response.writeHead(status, { 'Content-Type': type, 'Content-Encoding': 'gzip' });
  else response.writeHead(status, { 'Content-Type': type, 'Content-Length': statSync(resolved.file).size });
  if (method === 'HEAD') {
    response.end();
    return;
  }
  const file = createReadStream(resolved.file);
  if (compress) file.pipe(createGzip()).pipe(response);
  else file.pipe(response);
}
