// Fixed-window rate limits. With REDIS_URL the window is shared by every app instance, so a flood spread over
// several instances is still one flood.
export interface RateLimiter {
  hit(
    key: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ allowed: boolean; count: number; retryAfter: number }>;
  close(): Promise<void>;
}

export function memoryLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async hit(key, limit, windowSeconds) {
      const t = now(),
        span = windowSeconds * 1000;
      let w = windows.get(key);
      if (!w || t - w.start >= span) {
        w = { start: t, count: 0 };
        windows.set(key, w);
        if (windows.size > 100_000) for (const [k, v] of windows) if (t - v.start >= span) windows.delete(k);
      }
      w.count++;
      return { allowed: w.count <= limit, count: w.count, retryAfter: Math.ceil((w.start + span - t) / 1000) };
    },
    async close() {
      windows.clear();
    },
  };
}

/** INCR and, on a window's first hit, EXPIRE: one command, so auto-pipelining can send many hits in one write. */
const HIT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n`;

/** Resolves once the client is connected, or after ms anyway: an instance starts without Redis and connects later. */
export function readyWithin(
  r: { status: string; once(event: 'ready', fn: () => void): unknown },
  ms = 2000,
): Promise<void> {
  return new Promise((resolve) => {
    if (r.status === 'ready') return resolve();
    const t = setTimeout(resolve, ms);
    r.once('ready', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

export async function redisLimiter(url: string, prefix = 'madang'): Promise<RateLimiter> {
  const { Redis } = await import('ioredis');
  // Auto-pipelining: the hits of all requests handled in one event-loop turn go to Redis in one socket write.
  // No offline queue and a 1 s command timeout: while Redis is away a hit fails at once (or within a second), and
  // the request is limited by this instance's memory instead (below); it never waits for Redis to come back.
  const r = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: 1000,
    enableAutoPipelining: true,
  });
  r.on('error', () => {
    /* reconnects by itself; meanwhile the memory fallback limits */
  });
  const fallback = memoryLimiter();
  r.defineCommand('hitWindow', { numberOfKeys: 1, lua: HIT });
  const hitWindow = (r as unknown as { hitWindow(key: string, seconds: number): Promise<number> }).hitWindow.bind(r);
  await readyWithin(r);
  return {
    async hit(key, limit, windowSeconds) {
      // Redis away: each instance limits on its own (so a person may reach the limit once per instance meanwhile).
      if (r.status !== 'ready') return fallback.hit(key, limit, windowSeconds);
      const bucket = Math.floor(Date.now() / 1000 / windowSeconds);
      let count: number;
      try {
        count = Number(await hitWindow(`${prefix}:rl:${key}:${bucket}`, windowSeconds + 1));
      } catch {
        return fallback.hit(key, limit, windowSeconds);
      }
      const retryAfter = windowSeconds - (Math.floor(Date.now() / 1000) % windowSeconds);
      return { allowed: count <= limit, count, retryAfter };
    },
    async close() {
      r.disconnect();
      await fallback.close();
    },
  };
}
