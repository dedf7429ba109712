// Simulated citizens for the fault test. Each client loops until the deadline: 공감 (7 in 10), a comment (2 in 10) or
// a new proposal (1 in 10), each act as another verified person with a session made beforehand, through plain forms
// like a browser without JavaScript (303 answers). Every request is logged, and every act with its outcome:
//   ack      the app answered 303 to the act's page: the act is acknowledged and must be stored, exactly once;
//   refused  an answer that is not an error (429 rate limit, 4xx): nothing was promised;
//   unknown  no answer or an error answer: the act may or may not be stored, but never twice.
// A 공감 is safe to repeat (one per person), so a failed one is retried on the other instance until answered. A
// comment or proposal is retried only when the request never reached an instance (connection refused): after an
// ambiguous failure (connection cut, 503) its transaction may have committed, and repeating it could store it twice.
import http from 'node:http';
import { sleep } from './services.ts';

export type Kind = 'support' | 'comment' | 'proposal';
export interface Act {
  kind: Kind;
  key: string;
  outcome: 'ack' | 'refused' | 'unknown';
  attempts: number;
}
export interface Req {
  start: number;
  end: number;
  inst: number;
  kind: Kind;
  result: string;
}
export interface Load {
  acts: Act[];
  reqs: Req[];
  samples: Map<number, string>;
}

export interface LoadOptions {
  urls: () => string[];
  clients: number;
  seconds: number;
  persons: { first: number; last: number };
  proposals: number[];
  board: string;
  /** Pause between a client's acts (ms), so the offered load stays near what two cores can serve. */
  pauseMs: number;
  timeoutMs?: number;
  label: string;
  /** Keep going past `seconds` until this settles (the faults are over), then stop. */
  until?: Promise<unknown>;
}

interface Answer {
  status: number;
  location: string;
  body: string;
  error?: string;
}

function post(url: string, cookie: string, form: Record<string, string>, timeoutMs: number): Promise<Answer> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve) => {
    let done = false;
    const finish = (a: Answer) => {
      if (!done) {
        done = true;
        resolve(a);
      }
    };
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: {
          cookie,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'accept-language': 'ko',
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          if (text.length < 20_000) text += d;
        });
        res.on('end', () =>
          finish({ status: res.statusCode ?? 0, location: String(res.headers.location ?? ''), body: text }),
        );
        res.on('error', (e) =>
          finish({ status: 0, location: '', body: '', error: (e as NodeJS.ErrnoException).code ?? e.message }),
        );
      },
    );
    req.on('timeout', () => {
      req.destroy();
      finish({ status: 0, location: '', body: '', error: 'TIMEOUT' });
    });
    req.on('error', (e) =>
      finish({ status: 0, location: '', body: '', error: (e as NodeJS.ErrnoException).code ?? e.message }),
    );
    req.end(body);
  });
}

/** A nonce in letters and a few digits: nothing the PII guard could take for a phone or ID number. */
export const nonceOf = (client: number, seq: number) => `FT${client}x${seq}`;
export const NONCE = /FT\d+x\d+/;

export async function runLoad(o: LoadOptions): Promise<Load> {
  const acts: Act[] = [],
    reqs: Req[] = [];
  const samples = new Map<number, string>(); // one body per error status, to show what a citizen saw
  const timeoutMs = o.timeoutMs ?? 60_000; // a browser waits minutes; 60 s without an answer counts as a hang
  let faultsOver = !o.until;
  void o.until?.then(
    () => {
      faultsOver = true;
    },
    () => {
      faultsOver = true;
    },
  );
  const minEnd = Date.now() + o.seconds * 1000;
  const going = () => Date.now() < minEnd || !faultsOver;
  let nextPerson = o.persons.first;
  const person = () => {
    const g = nextPerson++;
    if (nextPerson > o.persons.last) nextPerson = o.persons.first;
    return g;
  };

  const attempt = async (
    inst: number,
    kind: Kind,
    path: string,
    g: number,
    form: Record<string, string>,
    isAck: (a: Answer) => boolean,
  ) => {
    const url = o.urls()[inst];
    const start = Date.now();
    const a = await post(`${url}${path}`, `madang_sid=fs${g}`, { _csrf: `fc${g}`, ...form }, timeoutMs);
    const result = a.error ? `error ${a.error}` : isAck(a) ? 'ack' : `http ${a.status}`;
    reqs.push({ start, end: Date.now(), inst, kind, result });
    if (a.status >= 400 && !samples.has(a.status)) samples.set(a.status, a.body);
    return { a, result };
  };

  const client = async (k: number) => {
    let seq = 0;
    let inst = 0;
    await sleep((k * 37) % 1000); // spread the start
    while (going()) {
      const roll = (k * 7919 + seq * 104729) % 10;
      const kind: Kind = roll < 7 ? 'support' : roll < 9 ? 'comment' : 'proposal';
      const g = person(),
        nonce = nonceOf(k, seq++);
      let path: string, form: Record<string, string>, key: string, isAck: (a: Answer) => boolean;
      if (kind === 'support') {
        const target = o.proposals[(k + seq) % o.proposals.length];
        path = `/proposals/${target}/support`;
        form = {};
        key = `${target}:${g}`;
        isAck = (a) => a.status === 303 && /msg=(supported|already-supported)/.test(a.location);
      } else if (kind === 'comment') {
        const target = o.proposals[(k * 3 + seq) % o.proposals.length];
        path = `/proposals/${target}/comments`;
        form = { body: `장애 시험 댓글입니다 [${nonce}]`, stance: '' };
        key = nonce;
        isAck = (a) => a.status === 303 && a.location.includes('msg=comment-saved');
      } else {
        path = o.board;
        key = nonce;
        form = {
          title: `장애 시험 제안 ${nonce}`,
          body: `장애 시험 중에 보낸 제안입니다. [${nonce}]`,
          topic: '',
          area: '',
          checkedSimilar: '1',
        };
        isAck = (a) => a.status === 303 && /\/proposals\/\d+\?msg=created/.test(a.location);
      }
      const act: Act = { kind, key, outcome: 'unknown', attempts: 0 };
      inst = k % o.urls().length; // each act starts on the client's own instance; a retry goes to the other
      acts.push(act);
      const giveUp = Date.now() + 30_000; // bounded: a 공감 is retried for at most 30 s
      for (;;) {
        act.attempts++;
        const { a, result } = await attempt(inst, kind, path, g, form, isAck);
        if (result === 'ack') {
          act.outcome = 'ack';
          break;
        }
        if (!a.error && a.status !== 503 && a.status < 500) {
          act.outcome = 'refused';
          break;
        }
        if (o.urls().length > 1) inst = 1 - inst; // the other instance, when there is one
        const retry = kind === 'support' || a.error === 'ECONNREFUSED';
        if (!retry || Date.now() > giveUp) break;
        await sleep(a.status === 503 ? 500 : 250);
      }
      await sleep(o.pauseMs / 2 + ((k * 31 + seq * 17) % o.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: o.clients }, (_, k) => client(k)));
  return { acts, reqs, samples };
}

/** How requests started in [from, to) were answered: counts per result, slowest answer, last failure. */
export function answersIn(reqs: Req[], from: number, to: number) {
  const inWin = reqs.filter((r) => r.start >= from && r.start < to);
  const by = new Map<string, number>();
  let slowest = 0,
    lastFailure = 0;
  for (const r of inWin) {
    by.set(r.result, (by.get(r.result) ?? 0) + 1);
    slowest = Math.max(slowest, r.end - r.start);
    if (r.result !== 'ack' && !r.result.startsWith('http 4')) lastFailure = Math.max(lastFailure, r.end);
  }
  return {
    total: inWin.length,
    by: Object.fromEntries([...by].sort((a, b) => b[1] - a[1])),
    slowestMs: slowest,
    lastFailure,
  };
}

/** Time from `from` to the first acknowledged request that started after it (the service answering again). */
export function firstAckAfter(reqs: Req[], from: number): number {
  let first = Infinity;
  for (const r of reqs) if (r.start >= from && r.result === 'ack') first = Math.min(first, r.end);
  return first === Infinity ? NaN : first - from;
}

/** Latency of acknowledged requests per kind (p50 / p95 ms), and how many timed out, for the summary. */
export function latencies(reqs: Req[]): string {
  const pct = (xs: number[], p: number) =>
    xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN;
  return (['support', 'comment', 'proposal'] as Kind[])
    .map((k) => {
      const mine = reqs.filter((r) => r.kind === k);
      const ms = mine
        .filter((r) => r.result === 'ack')
        .map((r) => r.end - r.start)
        .sort((a, b) => a - b);
      return `${k} p50 ${pct(ms, 50)} / p95 ${pct(ms, 95)} ms (${mine.filter((r) => r.result === 'error TIMEOUT').length} timed out)`;
    })
    .join('; ');
}
