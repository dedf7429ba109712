// Starting and stopping the HTTP server on a platform: used by `npm start`, `madang serve` and the browser tests.
import { serve, type ServerType } from '@hono/node-server';
import type { Running } from './platform/index.ts';
import { createApp } from './platform/http/app.tsx';
import { manifests } from './modules/index.ts';

export interface Server {
  url: string;
  close(): Promise<void>;
}

export async function startServer(p: Running, port = p.config.port, host = p.config.host): Promise<Server> {
  const app = createApp(p, manifests);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
  });
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`,
    // Graceful: stop accepting, let requests in flight finish (SSE streams are cut after 5 s), then close.
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(
          () => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(),
          5000,
        );
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      }),
  };
}
