// `madang serve` (npm start) runs the job worker: with no SMTP relay configured, a citizen who gives an e-mail address
// on the 알림 설정 page finds the confirmation mail as an .eml file under DATA_DIR/mail within a moment; SIGTERM stops
// the worker and the server cleanly (exit 0).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser } from 'mailparser';

const BIN = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'bin', 'madang.mjs');
const dir = mkdtempSync(join(tmpdir(), 'madang-serve-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A browser's cookie jar and CSRF token, over real HTTP. */
function browser(base: string) {
  const jar = new Map<string, string>();
  let csrf = '';
  const request = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(base + path, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const html = await res.text();
    csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? csrf;
    return { res, html };
  };
  return {
    get: (path: string) => request(path),
    post: (path: string, fields: Record<string, string>) =>
      request(path, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, ...fields }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
  };
}

test('npm start delivers: the confirmation mail of a new address lands in DATA_DIR/mail; SIGTERM stops the worker cleanly', async () => {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      REDIS_URL: '',
      SMTP_URL: '',
      JOB_POLL_MS: '200',
    },
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/"url":"(http:\/\/[^"]+)"/);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  try {
    const b = browser(url);
    const login = await b.get('/login');
    const person = login.html.match(/id="person-(\d+)" value="\d+"[^>]*\/><label for="person-\d+">윤주민/)![1];
    assert.equal((await b.post('/auth/dev', { person, back: '/' })).res.status, 303);
    await b.get('/me/notifications');
    const saved = await b.post('/me/notifications', {
      email: 'yoon@example.kr',
      emailNotices: 'on',
      phone: '010-3333-4444',
      phoneChannel: 'sms',
      lang: 'ko',
    });
    assert.equal(saved.res.status, 303);

    const mailDir = join(dir, 'mail');
    let files: string[] = [];
    for (let i = 0; i < 100 && !files.length; i++) {
      await sleep(100);
      try {
        files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
      } catch {
        /* not yet */
      }
    }
    assert.equal(files.length, 1, `one .eml in ${mailDir}`);
    const mail = await simpleParser(readFileSync(join(mailDir, files[0])));
    assert.equal(mail.subject, '[마당시] 이메일 주소를 확인해 주세요');
    assert.deepEqual(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : [], [
      'yoon@example.kr',
    ]);
    const link = mail.text!.match(/http:\/\/\S+\/me\/notifications\/confirm\?\S+/)?.[0];
    assert.ok(link, mail.text);
    assert.match((await b.get(new URL(link).pathname + new URL(link).search)).html, /이메일 주소가 확인되었습니다/);
    assert.match(out, /"msg":"job worker started"/);
    assert.doesNotMatch(out, /yoon@example\.kr|3333-4444/, 'no contact in the logs');
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, 'graceful shutdown exits 0');
});
