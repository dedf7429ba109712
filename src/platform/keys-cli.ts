// `madang rotate-secret` and `madang rotate-data-key`: what an operator runs during a key rotation (README,
// "비밀키 교체 / Rotating keys"). Output is for people; the exit code says whether the rotation is complete.
import type { Running } from './index.ts';
import { dataKeyStatus, finalizeSecret, rotateDataKey, secretStatus } from './keys.ts';

const pct = (a: number, b: number) => (b === 0 ? '100%' : `${Math.floor((a / b) * 1000) / 10}%`);

export async function rotateSecretCommand(
  p: Running,
  args: string[],
  out: (line: string) => void = console.log,
): Promise<number> {
  const finalize = args.includes('--finalize');
  if (args.some((a) => a !== 'status' && a !== '--finalize')) {
    out('usage: madang rotate-secret [status] [--finalize]');
    return 2;
  }
  const s = await secretStatus(p.db, p.config);
  const old = s.onPrevious + s.onOther;
  out(
    `SECRET ${s.current}${s.previous ? `, SECRET_PREVIOUS ${s.previous} (dual-key period)` : ' (no SECRET_PREVIOUS set)'}`,
  );
  out(`persons on the current key: ${s.onCurrent} (re-keyed at a sign-in: ${s.rekeyed})`);
  out(
    `persons still on an old key: ${old}${s.onOther ? ` (${s.onOther} under a key other than SECRET_PREVIOUS)` : ''}; signed in during the last 90 days: ${s.oldSeenRecently}`,
  );
  if (s.retired) out(`persons retired by an earlier --finalize: ${s.retired}`);
  out(`progress: ${pct(s.rekeyed, s.rekeyed + old)} of the persons keyed under an old secret have been re-keyed`);
  if (!finalize) {
    if (old && !s.previous)
      out('persons on an old key are recognised only while SECRET_PREVIOUS is set to the secret that keyed them');
    return old ? 1 : 0;
  }
  const retired = await finalizeSecret(p.db, p.config, { id: null, label: 'cli: rotate-secret --finalize' });
  out(
    `finalized: ${retired} person(s) not seen during the period are retired (on the audit record). Their acts stay counted;`,
  );
  out('if they sign in again they are a new person. Now remove SECRET_PREVIOUS from the environment and restart.');
  return 0;
}

export async function rotateDataKeyCommand(
  p: Running,
  args: string[],
  out: (line: string) => void = console.log,
): Promise<number> {
  const statusOnly = args[0] === 'status';
  const bi = args.indexOf('--batch'),
    batch = bi >= 0 ? Number(args[bi + 1]) : 500;
  if (!Number.isInteger(batch) || batch < 1 || batch > 100_000) {
    out('usage: madang rotate-data-key [status] [--batch N]  (N: 1–100000)');
    return 2;
  }
  const before = await dataKeyStatus(p.db, p.config.dataKeys);
  const line = (s: typeof before) =>
    `contacts under DATA_KEY ${s.current}: ${s.onCurrent}; under DATA_KEY_PREVIOUS${s.previous ? ` ${s.previous}` : ''}: ${s.onPrevious}; other or none: ${s.onOther}; still in plaintext: ${s.plaintext}`;
  out(line(before));
  if (statusOnly) return before.onPrevious + before.onOther + before.plaintext ? 1 : 0;
  let last = 0;
  try {
    const n = await rotateDataKey(p.db, p.config.dataKeys, {
      batch,
      progress: (done, total) => {
        if (done === total || Date.now() - last > 1000) {
          out(`re-encrypted ${done}/${total} (${pct(done, total)})`);
          last = Date.now();
        }
      },
    });
    // Counted again: a row busy while the batches ran was skipped, and only an empty count makes the old key useless.
    const after = await dataKeyStatus(p.db, p.config.dataKeys);
    out(line(after));
    if (after.onPrevious + after.onOther + after.plaintext) {
      out(`${n} row(s) re-encrypted; some rows are left (run it again): keep DATA_KEY_PREVIOUS for now.`);
      return 1;
    }
    out(
      `done: ${n} row(s) re-encrypted under DATA_KEY ${before.current}. DATA_KEY_PREVIOUS can now be removed (restart after).`,
    );
    return 0;
  } catch (e) {
    out(`stopped: ${(e as Error).message}`);
    return 1;
  }
}
