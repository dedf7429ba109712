// Live-update fan-out. In one process an EventEmitter is enough; with REDIS_URL every instance hears every event,
// so a counter shown by instance B moves when a citizen supports through instance A.
import { EventEmitter } from 'node:events';
import { readyWithin } from './ratelimit.ts';

export interface Bus {
  publish(channel: string, message: unknown): Promise<void>;
  subscribe(channel: string, fn: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export function memoryBus(): Bus {
  const ee = new EventEmitter();
  ee.setMaxListeners(0);
  return {
    async publish(ch, m) {
      ee.emit(ch, m);
    },
    async subscribe(ch, fn) {
      ee.on(ch, fn);
      return async () => {
        ee.off(ch, fn);
      };
    },
    async close() {
      ee.removeAllListeners();
    },
  };
}

/**
 * While Redis is away nothing waits for it (no offline queue, 1 s command timeout): a message is delivered to this
 * instance's own listeners only, so live counters keep moving for readers on the instance that counted and stop
 * fanning out to the others; the counts themselves are in PostgreSQL and lose nothing. Redis back, the subscriber
 * subscribes again to every channel in use and fan-out resumes.
 */
export async function redisBus(url: string, prefix = 'madang'): Promise<Bus> {
  const { Redis } = await import('ioredis');
  const opts = { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1000 };
  const pub = new Redis(url, { ...opts, enableAutoPipelining: true });
  const sub = new Redis(url, opts);
  pub.on('error', () => {
    /* reconnects by itself */
  });
  sub.on('error', () => {
    /* reconnects by itself */
  });
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const counts = new Map<string, number>();
  sub.on('message', (ch: string, raw: string) => {
    try {
      local.emit(ch, JSON.parse(raw));
    } catch {
      /* foreign message */
    }
  });
  // A subscription made while Redis was away failed; ioredis only restores the ones that succeeded.
  sub.on('ready', () => {
    if (counts.size) sub.subscribe(...counts.keys()).catch(() => {});
  });
  const viaRedis = () => pub.status === 'ready' && sub.status === 'ready';
  await Promise.all([readyWithin(pub), readyWithin(sub)]);
  return {
    async publish(ch, m) {
      const key = `${prefix}:${ch}`;
      if (!viaRedis()) {
        local.emit(key, m);
        return;
      }
      try {
        await pub.publish(key, JSON.stringify(m));
      } catch {
        local.emit(key, m);
      }
    },
    async subscribe(ch, fn) {
      const key = `${prefix}:${ch}`;
      local.on(key, fn);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n === 1)
        await sub.subscribe(key).catch(() => {
          /* Redis away: subscribed again when it is back */
        });
      return async () => {
        local.off(key, fn);
        const left = (counts.get(key) ?? 1) - 1;
        counts.set(key, left);
        if (left === 0) {
          counts.delete(key);
          await sub.unsubscribe(key).catch(() => {});
        }
      };
    },
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}
