// Contact details encrypted at rest: a database from before migration 016 with plaintext addresses is upgraded, the
// app encrypts them on start, and the database alone then holds no readable e-mail address or phone number; notices
// still reach both; `rotate-data-key` re-encrypts under a new DATA_KEY with progress; the key is refused when missing
// in production or malformed.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { testConfig, testDatabase, SECRET } from './helpers.ts';
import { smtpCatcher, gatewayCatcher, type SmtpCatcher, type GatewayCatcher } from './catchers.ts';
import { openPglite, type DbHandle } from '../src/platform/db.ts';
import { migrationFiles, splitStatements } from '../src/platform/migrate.ts';
import { createPlatform, type Running } from '../src/platform/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { JobRegistry } from '../src/platform/jobs.ts';
import { notify } from '../src/platform/notify.ts';
import { startJobs } from '../src/platform/delivery/index.ts';
import { loadContacts, saveContacts } from '../src/platform/delivery/contacts.ts';
import { decryptField, encryptField, keyIdOf, parseDataKey, type DataKeys } from '../src/platform/crypto.ts';
import { rotateDataKeyCommand } from '../src/platform/keys-cli.ts';

const K1 = randomBytes(32),
  K2 = randomBytes(32);
const EMAIL = 'minsu.kim@example.kr',
  PHONE = '01055557777';
let handle: DbHandle, smtp: SmtpCatcher, gateway: GatewayCatcher;
const ids: number[] = [];

/** A database as the previous version left it: migrations up to 015, contacts stored in plaintext. */
async function databaseBefore016(): Promise<DbHandle> {
  const h = process.env.TEST_DATABASE_URL ? await testDatabase() : await openPglite({});
  await sql`create table schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())`.execute(
    h.db,
  );
  for (const m of migrationFiles().filter((f) => f.version < 16)) {
    for (const statement of splitStatements(m.sql)) await sql.raw(statement).execute(h.db);
    await sql`insert into schema_migrations (version, name) values (${m.version}, ${m.name})`.execute(h.db);
  }
  for (const [i, name] of ['김민수', '이영희', '박철수'].entries()) {
    const r = await sql<{
      id: number;
    }>`insert into persons (person_key, display_name, verification) values (${String(i).padStart(64, 'a')}, ${name}, 'identity') returning id`.execute(
      h.db,
    );
    ids.push(r.rows[0].id);
  }
  await sql`insert into person_contacts (person_id, email, email_confirmed_at, email_notices, phone, phone_channel, phone_confirmed_at)
    values (${ids[0]}, ${EMAIL}, now(), true, ${PHONE}, 'sms', now()), (${ids[1]}, 'younghee@example.kr', null, false, null, 'none', null)`.execute(
    h.db,
  );
  return h;
}

before(async () => {
  [smtp, gateway] = await Promise.all([smtpCatcher(), gatewayCatcher()]);
  handle = await databaseBefore016();
});
after(async () => {
  await handle.close();
  await smtp.close();
  await gateway.close();
});

const platform = (dataKeys: DataKeys) => {
  const env = loadConfig({
    SECRET,
    DATA_DIR: '.tmp/unused',
    SMTP_URL: smtp.url,
    MAIL_FROM: '마당시 <no-reply@madang.test>',
    SMS_GATEWAY: JSON.stringify({ url: `${gateway.url}/sms`, from: '0212345678' }),
  });
  return createPlatform(testConfig({ dataKeys, mail: env.mail, sms: env.sms }), {
    handle,
    logLevel: 'silent',
    sharedHandle: true,
  });
};
const everything = async (p: Running) => JSON.stringify((await sql`select * from person_contacts`.execute(p.db)).rows);

test('upgrading encrypts stored contacts: the table holds no readable address or number, and notices still reach both', async () => {
  const p = await platform({ current: K1 });
  try {
    const dump = await everything(p);
    for (const readable of ['minsu', 'example.kr', 'younghee', '5555', '7777', '@'])
      assert.ok(!dump.includes(readable), `"${readable}" is not in the table`);
    assert.match(dump, /"email_ct":"v1\./);
    const persons = await p.db.selectFrom('persons').select('key_id').where('id', 'in', ids).execute();
    assert.deepEqual(
      persons.map((r) => r.key_id),
      ids.map(() => keyIdOf(SECRET)),
      'the secret that keyed them is named',
    );

    const mine = (await loadContacts(p.db, p.config, ids[0]))!;
    assert.equal(mine.email, EMAIL);
    assert.equal(mine.phone, PHONE);
    assert.ok(mine.emailConfirmed && mine.phoneConfirmed, 'confirmations survive the upgrade');

    const jobs = startJobs(p, { registry: new JobRegistry(), start: false, backoff: () => 0 });
    try {
      await notify(p.db, [ids[0]], {
        kind: 'test.high',
        targetType: 'proposal',
        targetId: 1,
        priority: 'high',
        text: { ko: '암호화 뒤에도 알림이 갑니다.', en: 'Still delivered.' },
      });
      await jobs.worker.drain();
    } finally {
      await jobs.stop();
    }
    assert.equal(smtp.to(EMAIL).length, 1, 'the e-mail went to the decrypted address');
    assert.equal(
      gateway.requests.filter((r) => r.body.to === PHONE).length,
      1,
      'the text went to the decrypted number',
    );

    // The same address in other letter case is not a change (blind index): it stays confirmed.
    await saveContacts(p.db, p.config, ids[0], {
      email: EMAIL.toUpperCase(),
      emailNotices: true,
      phone: PHONE,
      phoneChannel: 'sms',
      lang: 'ko',
    });
    assert.equal((await loadContacts(p.db, p.config, ids[0]))!.emailConfirmed, true);
    await saveContacts(p.db, p.config, ids[0], {
      email: 'minsu.new@example.kr',
      emailNotices: true,
      phone: PHONE,
      phoneChannel: 'sms',
      lang: 'ko',
    });
    const changed = (await loadContacts(p.db, p.config, ids[0]))!;
    assert.equal(changed.email, 'minsu.new@example.kr');
    assert.equal(changed.emailConfirmed, false, 'a new address must be confirmed again');
    assert.ok(!(await everything(p)).includes('minsu'));
  } finally {
    await p.close();
  }
});

test('rotate-data-key re-encrypts every row under the new key with progress; afterwards the old key is not needed', async () => {
  const p = await platform({ current: K2, previous: K1 });
  try {
    const out: string[] = [];
    assert.equal(
      await rotateDataKeyCommand(p, ['status'], (l) => out.push(l)),
      1,
      'rows are still under the previous key',
    );
    assert.equal(await rotateDataKeyCommand(p, ['--batch', '1'], (l) => out.push(l)), 0);
    assert.match(out.join('\n'), /re-encrypted 2\/2 \(100%\)/);
    assert.equal(await rotateDataKeyCommand(p, ['status'], (l) => out.push(l)), 0, 'nothing left');
    assert.equal(await rotateDataKeyCommand(p, ['--batch', 'x'], (l) => out.push(l)), 2);
  } finally {
    await p.close();
  }
  const q = await platform({ current: K2 });
  try {
    assert.equal((await loadContacts(q.db, q.config, ids[0]))!.email, 'minsu.new@example.kr');
  } finally {
    await q.close();
  }
  // Started with the old key alone (or a database restored without its data.key): refused, saying what to set.
  await assert.rejects(
    platform({ current: K1 }),
    new RegExp(`encrypted under data key ${keyIdOf(K2)} \\(2 rows\\).*set DATA_KEY`),
  );
  assert.throws(() => decryptField({ current: K1 }, encryptField(K2, EMAIL, 'a'), 'a'), /unknown data key/);
});

test('a ciphertext cannot be altered or moved to another person; DATA_KEY is required in production and checked', () => {
  const ct = encryptField(K1, EMAIL, 'person_contacts:1:email');
  assert.equal(decryptField({ current: K1 }, ct, 'person_contacts:1:email'), EMAIL);
  assert.throws(() => decryptField({ current: K1 }, ct, 'person_contacts:2:email'), 'bound to its row');
  const [v, id, iv, body] = ct.split('.');
  const flipped = Buffer.from(body, 'base64url');
  flipped[0] ^= 1;
  assert.throws(() =>
    decryptField({ current: K1 }, [v, id, iv, flipped.toString('base64url')].join('.'), 'person_contacts:1:email'),
  );

  assert.deepEqual(parseDataKey('DATA_KEY', K1.toString('hex')), K1);
  assert.deepEqual(parseDataKey('DATA_KEY', K1.toString('base64')), K1);
  assert.deepEqual(parseDataKey('DATA_KEY', K1.toString('base64url')), K1);
  assert.throws(() => parseDataKey('DATA_KEY', 'too-short'), /32 bytes/);
  const prod = {
    SECRET,
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://db.city.example/madang',
    DATA_DIR: '.tmp/unused',
  };
  assert.throws(() => loadConfig(prod), /DATA_KEY must be set in production/);
  assert.deepEqual(loadConfig({ ...prod, DATA_KEY: K2.toString('base64') }).dataKeys.current, K2);
});
