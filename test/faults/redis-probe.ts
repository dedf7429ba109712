// What Redis being away means, observed: the rate limiter (the platform's own, made while Redis is down) answers at
// once and still limits, per instance; a 공감 through instance A moves the live counter read on A but not on B
// (no fan-out) — and once Redis is back, on both again.
import http from 'node:http';
import { redisLimiter } from '../../src/platform/ratelimit.ts';
import { sleep } from './services.ts';

export interface LiveSeen {
  supported: string;
  seenOnA: boolean;
  seenOnB: boolean;
}
export interface RedisProbe {
  limiter?: { ms: number; pattern: string };
  during?: LiveSeen;
  after?: LiveSeen;
}

/** Follows /proposals/:id/live for a while; resolves to the counts it received. */
function follow(base: string, proposal: number): { counts: number[]; close(): void; ready: Promise<void> } {
  const counts: number[] = [];
  let ready!: () => void;
  const p = new Promise<void>((r) => {
    ready = r;
  });
  const req = http.get(
    `${base}/proposals/${proposal}/live`,
    { headers: { accept: 'text/event-stream' }, timeout: 10_000 },
    (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buf += d;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const m = /data: (\{.*\})/.exec(buf.slice(0, i));
          buf = buf.slice(i + 2);
          if (m) {
            counts.push(JSON.parse(m[1]).count);
            ready();
          }
        }
      });
      res.on('error', () => ready());
    },
  );
  req.on('error', () => ready());
  req.on('timeout', () => {
    req.destroy();
    ready();
  });
  return { counts, ready: Promise.race([p, sleep(5000)]).then(() => {}), close: () => req.destroy() };
}

function support(base: string, proposal: number, g: number): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request(
      `${base}/proposals/${proposal}/support`,
      {
        method: 'POST',
        timeout: 10_000,
        headers: { cookie: `madang_sid=fs${g}`, 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(`${res.statusCode} ${res.headers.location ?? ''}`));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', (e) => resolve(`error ${(e as NodeJS.ErrnoException).code}`));
    req.end(`_csrf=fc${g}`);
  });
}

async function live(a: string, b: string, proposal: number, g: number): Promise<LiveSeen> {
  const onA = follow(a, proposal),
    onB = follow(b, proposal);
  await Promise.all([onA.ready, onB.ready]);
  const before = [onA.counts.length, onB.counts.length];
  const supported = await support(a, proposal, g);
  await sleep(1500);
  onA.close();
  onB.close();
  return { supported, seenOnA: onA.counts.length > before[0], seenOnB: onB.counts.length > before[1] };
}

export async function probeRedisOutage(o: {
  redisUrl: string;
  a: string;
  b: string;
  proposal: number;
  during: boolean;
}): Promise<RedisProbe> {
  const g = o.during ? 29_991 : 29_992; // persons the load reaches last, if at all, and never on the probes' proposals
  if (!o.during) return { after: await live(o.a, o.b, o.proposal, g) };
  const limiter = await Promise.race([redisLimiter(o.redisUrl, 'faults-probe'), sleep(10_000).then(() => null)]);
  let pattern = 'limiter not created within 10 s';
  const t0 = Date.now();
  if (limiter) {
    const hits = [];
    for (let i = 0; i < 5; i++)
      hits.push(
        await Promise.race([
          limiter.hit('probe', 3, 60).then((r) => (r.allowed ? 'allowed' : 'refused')),
          sleep(10_000).then(() => 'hung'),
        ]).catch((e: Error) => `error ${e.message}`),
      );
    pattern = hits.join(' ');
    await limiter.close();
  }
  const limiterMs = Date.now() - t0; // the hits alone: creating the limiter waits up to 2 s for Redis
  return { limiter: { ms: limiterMs, pattern }, during: await live(o.a, o.b, o.proposal, g) };
}
