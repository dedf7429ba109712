// Response compression. Pages and downloads are gzipped whole on libuv's thread pool and sent in one write with a
// Content-Length. JSON answers (a 공감, a session extension: tens of bytes) are sent as they are: piping them
// through a CompressionStream cost ≈ 10% of the app's CPU in the 공감 storm and turned each answer into a chunked
// stream of several socket writes (measured: README, bench:supports). Event streams are never buffered.
import { promisify } from 'node:util';
import { gzip as gzipCb, constants } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';

const gzip = promisify(gzipCb);
/** Below this many bytes gzip saves less than its header and the work cost. */
const THRESHOLD = 1024;
const WHOLE = /^\s*(?:text\/(?:html|css|javascript|plain|csv|xml)|image\/svg\+xml|application\/(?:xml|javascript))\b/i;

/** Whether the client takes gzip (absent, or with q=0, means no). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    const enc = name.trim().toLowerCase();
    if (enc !== 'gzip' && enc !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/** Decided from status and headers only: touching `body` would turn @hono/node-server's lightweight response into a
 * stream and cost the one-write fast path. */
function compressible(c: Context, res: Response): boolean {
  if (c.req.method === 'HEAD' || res.status < 200 || res.status === 204 || res.status === 206 || res.status === 304)
    return false;
  if (res.headers.has('content-encoding') || res.headers.has('transfer-encoding')) return false;
  if (/\bno-transform\b/i.test(res.headers.get('cache-control') ?? '')) return false;
  const type = res.headers.get('content-type') ?? '';
  // JSON only when it is a download (an export); answers to scripts are small.
  return WHOLE.test(type) || (/^\s*application\/json/i.test(type) && res.headers.has('content-disposition'));
}

export const compress: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  if (!compressible(c, res)) return;
  const vary = res.headers.get('vary');
  if (!vary || !/\baccept-encoding\b/i.test(vary))
    res.headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  if (!acceptsGzip(c.req.header('accept-encoding'))) return;
  const body = Buffer.from(await res.arrayBuffer());
  const small = body.length < THRESHOLD;
  const out = small ? body : await gzip(body, { level: constants.Z_DEFAULT_COMPRESSION });
  const headers = new Headers(res.headers);
  if (!small) {
    headers.set('content-encoding', 'gzip');
    const etag = headers.get('etag');
    if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
  }
  headers.set('content-length', String(out.length));
  // Setting c.res over an existing response makes Hono re-wrap the body as a stream and copy the old headers back
  // (the old Content-Length among them); clearing it first keeps the buffer, which is written in one go.
  c.res = undefined as unknown as Response;
  c.res = new Response(out, { status: res.status, headers });
};
