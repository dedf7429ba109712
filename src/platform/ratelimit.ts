// Fixed-window rate limits. With REDIS_URL the window is shared by every app instance, so a flood spread over
// several instances is still one flood.
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; count: number; retryAfter: number }>;
  close(): Promise<void>;
}

export function memoryLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async hit(key, limit, windowSeconds) {
      const t = now(), span = windowSeconds * 1000;
      let w = windows.get(key);
      if (!w || t - w.start >= span) {
        w = { start: t, count: 0 };
        windows.set(key, w);
        if (windows.size > 100_000) for (const [k, v] of windows) if (t - v.start >= span) windows.delete(k);
      }
      w.count++;
      return { allowed: w.count <= limit, count: w.count, retryAfter: Math.ceil((w.start + span - t) / 1000) };
    },
    async close() { windows.clear(); },
  };
}

/** INCR and, on a window's first hit, EXPIRE: one command, so auto-pipelining can send many hits in one write. */
const HIT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n`;

export async function redisLimiter(url: string, prefix = 'madang'): Promise<RateLimiter> {
  const { Redis } = await import('ioredis');
  // Auto-pipelining: the hits of all requests handled in one event-loop turn go to Redis in one socket write.
  const r = new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
  r.defineCommand('hitWindow', { numberOfKeys: 1, lua: HIT });
  const hitWindow = (r as unknown as { hitWindow(key: string, seconds: number): Promise<number> }).hitWindow.bind(r);
  return {
    async hit(key, limit, windowSeconds) {
      const bucket = Math.floor(Date.now() / 1000 / windowSeconds);
      const count = Number(await hitWindow(`${prefix}:rl:${key}:${bucket}`, windowSeconds + 1));
      const retryAfter = windowSeconds - (Math.floor(Date.now() / 1000) % windowSeconds);
      return { allowed: count <= limit, count, retryAfter };
    },
    async close() { r.disconnect(); },
  };
}
