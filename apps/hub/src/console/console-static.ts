import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/**
 * Paths the console never answers, so it cannot shadow the API or the operations endpoints, also
 * when a file of the same name were ever put in the console's folder.
 */
export const RESERVED_PATHS = ['/graphql', '/health', '/metrics', '/console/', '/dev/'] as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The headers of every console response. The CSP allows only the hub's own origin for scripts,
 * styles and API calls (graphql-ws included: CSP 3 `'self'` covers ws: and wss: of the same host),
 * plus the OIDC provider the console talks to; no inline script, no framing.
 */
export function consoleSecurityHeaders(oidcIssuer?: string): Record<string, string> {
  const connect = ["'self'"];
  if (oidcIssuer) connect.push(new URL(oidcIssuer).origin);
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src ${connect.join(' ')}`,
      "manifest-src 'self'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}

/**
 * Serves the built console: its files, and `index.html` for any other GET that asks for a page
 * (the console's client-side routes such as /zaken/123). Everything else goes on to the hub's routes.
 */
export function consoleStatic(dir: string, oidcIssuer?: string) {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`CONSOLE_DIR ${root} holds no index.html: build the console first (npm run console:build)`);
  }
  const headers = consoleSecurityHeaders(oidcIssuer);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = decodePath(req.path);
    if (path === null || isReserved(path)) return next();
    const file = resolve(root, `.${path}`);
    const inside = file === root || file.startsWith(root + sep);
    if (inside && file !== root && isFile(file)) {
      // Vite names the assets by content hash: they never change under the same name.
      const immutable = path.startsWith('/assets/');
      return send(res, req, file, headers, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    // A missing asset is a 404, not the page; an unknown page path is the console's own to judge.
    if (path.startsWith('/assets/') || extname(path) !== '' || !req.accepts('html')) return next();
    send(res, req, index, headers, 'no-cache');
  };
}

function isReserved(path: string): boolean {
  return RESERVED_PATHS.some((reserved) =>
    reserved.endsWith('/') ? path.startsWith(reserved) : path === reserved || path.startsWith(`${reserved}/`),
  );
}

function decodePath(raw: string): string | null {
  try {
    const path = decodeURIComponent(raw);
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function send(res: Response, req: Request, file: string, headers: Record<string, string>, cacheControl: string): void {
  const size = statSync(file).size;
  res.status(200);
  res.set(headers);
  res.set({
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(size),
    'cache-control': cacheControl,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
