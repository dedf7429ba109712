// Upload benchmark (not a test): /healthz latency on a real `madang serve` (embedded PGlite) while an official uploads
// (1) a ≈5 MB zip bomb declaring its real size, (2) the same lying about its size, (3) a big honest workbook near the
// bounds (zip-guard XLSX_LIMITS), (4) a small honest one. Prints the upload's status and time, and the p50/p99/max
// latency of /healthz polled every 20 ms meanwhile. Usage: npm run bench:xlsx-upload [-- --bomb-mb 1500 --rows 9000]
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, pct, SECRET, startServe, stopServe, rssMb } from './lib/harness.ts';
import { bombXlsx, sheetXlsx } from '../test/zip.ts';

const bombMb = Number(arg('bomb-mb', '1500')); // ≈ 5 MB compressed
const rows = Number(arg('rows', '9000'));

async function cached(name: string, make: () => Promise<Buffer>): Promise<Buffer> {
  const dir = join(import.meta.dirname, '..', '.tmp');
  mkdirSync(dir, { recursive: true });
  const f = join(dir, name);
  if (!existsSync(f)) writeFileSync(f, await make());
  return readFileSync(f);
}

const data = mkdtempSync(join(tmpdir(), 'madang-upload-'));
const port = String(20000 + Math.floor(Math.random() * 20000));
const { child, url } = await startServe({
  DATA_DIR: data,
  PORT: port,
  HOST: '127.0.0.1',
  SECRET,
  LOG_LEVEL: 'info',
  JOBS: 'off',
}); // info: startServe waits for the address line
try {
  // Sign in as the planning office (기획부서 이기획) through the demo sign-in.
  let cookie = '';
  const keep = (res: Response) => {
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const k = pair.split('=')[0];
      cookie = [...cookie.split('; ').filter((x) => x && !x.startsWith(`${k}=`)), pair].join('; ');
    }
  };
  const get = async (path: string) => {
    const r = await fetch(url + path, { headers: { cookie }, redirect: 'manual' });
    keep(r);
    return r.text();
  };
  const login = await get('/login');
  const person = login.match(/id="person-(\d+)" value="\d+"[^>]*\/><label for="person-\d+">이기획/)![1];
  const csrf0 = login.match(/name="_csrf" value="([^"]+)"/)![1];
  keep(
    await fetch(`${url}/auth/dev`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf0, person, back: '/' }),
      redirect: 'manual',
    }),
  );
  const csrf = (await get('/admin/pledges')).match(/name="_csrf" value="([^"]+)"/)![1];

  const wide = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: 20 }, (_, j) => `${i}행 ${j}열 공약 이행 현황`),
  );
  const cases: [string, Buffer][] = [
    [`zip bomb, ${bombMb} MB of cells, declared`, await cached(`bomb-${bombMb}.xlsx`, () => bombXlsx(bombMb))],
    [
      `zip bomb, ${bombMb} MB of cells, lying about its size`,
      await cached(`bomb-${bombMb}-lie.xlsx`, () => bombXlsx(bombMb, { lie: true })),
    ],
    [`honest workbook, ${rows} rows × 20 cells`, sheetXlsx('공약', wide)],
    ['honest workbook, 300 rows × 20 cells', sheetXlsx('공약', wide.slice(0, 300))],
  ];
  console.log('case | file | upload status | upload s | /healthz p50 / p99 / max ms (n) | server RSS MB after');
  for (const [name, file] of cases) {
    const lat: number[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const t0 = performance.now();
        await (await fetch(`${url}/healthz`)).arrayBuffer();
        lat.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('file', new File([new Uint8Array(file)], 'upload.xlsx'));
    const t0 = performance.now();
    const res = await fetch(`${url}/admin/pledges/import`, {
      method: 'POST',
      headers: { cookie },
      body: form,
      redirect: 'manual',
    });
    const body = await res.text();
    const secs = (performance.now() - t0) / 1000;
    polling = false;
    await poll;
    const reason =
      body.match(
        /파일을 풀면 너무 큽니다|파일을 읽을 수 없습니다|XLSX 파일이 아니거나|표가 없습니다|필수|<td>[^<]{4,60}<\/td><\/tr>/,
      )?.[0] ?? '';
    console.log(
      `${name} | ${(file.length / 1024 / 1024).toFixed(2)} MB | ${res.status} ${reason} | ${secs.toFixed(2)} | ${pct(lat, 50).toFixed(1)} / ${pct(lat, 99).toFixed(1)} / ${Math.max(...lat).toFixed(1)} (${lat.length}) | ${rssMb(child.pid!).toFixed(0)}`,
    );
  }
} finally {
  await stopServe(child);
  rmSync(data, { recursive: true, force: true });
}
