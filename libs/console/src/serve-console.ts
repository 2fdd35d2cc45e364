import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where the staff console is served. */
export const CONSOLE_PATH = '/console';

/**
 * The console's build output (`npm run build` puts the Vite build of apps/console there, beside
 * the services' compiled code): dist/console, found from dist/libs/console/… when running the
 * build and from the repository root when running from source (tests).
 */
export function consoleBuildDir(): string {
  const here = fileURLToPath(import.meta.url);
  const marker = join('dist', 'libs', 'console');
  const at = here.lastIndexOf(marker);
  const root = at >= 0 ? here.slice(0, at) : resolve(dirname(here), '../../..');
  return join(root, 'dist', 'console');
}

/**
 * No inline script or style, nothing from another origin: the console is only its own built
 * files and the API on the same origin. `frame-ancestors 'none'` keeps it out of other sites' frames.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(response: Response): void {
  response.setHeader('Content-Security-Policy', CONSOLE_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  // The API's same-origin check reads the Referer when a browser sends no Origin.
  response.setHeader('Referrer-Policy', 'same-origin');
}

/**
 * Serves the built console at /console on the scheduler (same origin as the API). Files are
 * served as they are; any other path under /console that asks for a page gets index.html, so the
 * console's own routes (/console/patients/…) survive a reload.
 */
export function serveConsole(app: INestApplication, directory = consoleBuildDir()): void {
  const express = app as NestExpressApplication;
  const index = join(directory, 'index.html');
  express.use(CONSOLE_PATH, (request: Request, response: Response, next: NextFunction) => {
    securityHeaders(response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.originalUrl === CONSOLE_PATH) return response.redirect(301, `${CONSOLE_PATH}/`);
    if (!existsSync(index)) {
      return response.status(503).type('text/plain').send('The console has not been built: run `npm run build`.\n');
    }
    next();
  });
  express.useStaticAssets(directory, {
    prefix: CONSOLE_PATH,
    index: false,
    fallthrough: true,
    // Vite fingerprints asset names; index.html must be read again to find new ones.
    setHeaders: (response: Response, path: string) => {
      response.setHeader('Cache-Control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  express.use(CONSOLE_PATH, (request: Request, response: Response, next: NextFunction) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !/\.[a-z0-9]+$/i.test(request.path);
    if (!isPage) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
