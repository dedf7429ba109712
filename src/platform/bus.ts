// Live-update fan-out. In one process an EventEmitter is enough; with REDIS_URL every instance hears every event,
// so a counter shown by instance B moves when a citizen supports through instance A.
import { EventEmitter } from 'node:events';

export interface Bus {
  publish(channel: string, message: unknown): Promise<void>;
  subscribe(channel: string, fn: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export function memoryBus(): Bus {
  const ee = new EventEmitter();
  ee.setMaxListeners(0);
  return {
    async publish(ch, m) { ee.emit(ch, m); },
    async subscribe(ch, fn) { ee.on(ch, fn); return async () => { ee.off(ch, fn); }; },
    async close() { ee.removeAllListeners(); },
  };
}

export async function redisBus(url: string, prefix = 'madang'): Promise<Bus> {
  const { Redis } = await import('ioredis');
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableAutoPipelining: true });
  const sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const counts = new Map<string, number>();
  sub.on('message', (ch: string, raw: string) => { try { local.emit(ch, JSON.parse(raw)); } catch { /* foreign message */ } });
  return {
    async publish(ch, m) { await pub.publish(`${prefix}:${ch}`, JSON.stringify(m)); },
    async subscribe(ch, fn) {
      const key = `${prefix}:${ch}`;
      local.on(key, fn);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n === 1) await sub.subscribe(key);
      return async () => {
        local.off(key, fn);
        const left = (counts.get(key) ?? 1) - 1;
        counts.set(key, left);
        if (left === 0) { counts.delete(key); await sub.unsubscribe(key).catch(() => {}); }
      };
    },
    async close() { sub.disconnect(); pub.disconnect(); },
  };
}
