// Static assets. The stylesheet is KRDS's tokens and common styles (npm krds-uiux) with our own component styles,
// joined once at start into one file; icons and the PretendardGOV fonts are served from the package as shipped.
import type { Hono } from 'hono';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { acceptsGzip } from './compress.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KRDS = join(dirname(createRequire(import.meta.url).resolve('krds-uiux/package.json')), 'resources');

const FONT_FACES = ['Regular:400', 'Medium:500', 'Bold:700']
  .map((w) => {
    const [name, weight] = w.split(':');
    return `@font-face{font-family:"Pretendard GOV";font-weight:${weight};font-display:swap;src:url(/krds/fonts/PretendardGOV-${name}.subset.woff2) format("woff2"),url(/krds/fonts/PretendardGOV-${name}.subset.woff) format("woff")}`;
  })
  .join('\n');

function buildStylesheet(): string {
  const tokens = readFileSync(join(KRDS, 'css/token/krds_tokens.css'), 'utf8');
  const common = readFileSync(join(KRDS, 'css/common/common.css'), 'utf8')
    .replace(/@import[^;]+;/g, '')
    .replace(/url\((['"]?)\.\.\/\.\.\/img\//g, 'url($1/krds/img/');
  const ours = readFileSync(join(ROOT, 'static/app.css'), 'utf8');
  return `${FONT_FACES}\n${tokens}\n${common}\n${ours}`;
}

const TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
  woff: 'font/woff',
};

export function registerStatic(app: Hono<AppEnv>) {
  const css = buildStylesheet();
  const js = readFileSync(join(ROOT, 'static/app.js'), 'utf8');
  const long = 'public, max-age=3600';
  // Compressed once at start, not on every request.
  const asset = (text: string, type: string) => {
    const plain = Buffer.from(text),
      gz = gzipSync(plain);
    return (c: Context<AppEnv>) =>
      acceptsGzip(c.req.header('accept-encoding'))
        ? c.body(gz, 200, {
            'content-type': type,
            'content-encoding': 'gzip',
            vary: 'Accept-Encoding',
            'cache-control': long,
          })
        : c.body(plain, 200, { 'content-type': type, vary: 'Accept-Encoding', 'cache-control': long });
  };
  app.get('/static/madang.css', asset(css, 'text/css; charset=utf-8'));
  app.get('/static/app.js', asset(js, 'text/javascript; charset=utf-8'));
  // The site icon (a courtyard, 마당, seen from above). Browsers that ignore the page's <link rel="icon"> ask for
  // /favicon.ico; they get the same picture rather than a 404 in every log.
  const icon = asset(readFileSync(join(ROOT, 'static/icon.svg'), 'utf8'), 'image/svg+xml');
  app.get('/static/icon.svg', icon);
  app.get('/favicon.ico', icon);
  app.get('/krds/:dir{img|fonts}/:path{.+}', (c) => {
    const rel = normalize(c.req.param('path'));
    const ext = rel.split('.').pop() ?? '';
    const file = join(KRDS, c.req.param('dir'), rel);
    if (rel.startsWith('..') || !TYPES[ext] || !file.startsWith(KRDS) || !existsSync(file)) return c.notFound();
    return c.body(readFileSync(file), 200, { 'content-type': TYPES[ext], 'cache-control': 'public, max-age=86400' });
  });
}
