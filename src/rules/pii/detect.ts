// Runs every detector and resolves overlaps into one list of findings.
import { detectAccounts } from './accounts.ts';
import { detectAddresses, detectLabelledNames } from './address.ts';
import { detectEmails, detectIds } from './ids.ts';
import { maskSpan } from './mask.ts';
import { normalizeForScan } from './normalize.ts';
import { detectLoose } from './loose.ts';
import { detectCards, detectPhones, detectRrn } from './numbers.ts';
import { dropPublic } from './public.ts';
import type { Hit, PiiFinding, PiiKind, PiiOptions } from './types.ts';

export const PII_KINDS: readonly PiiKind[] = [
  'rrn',
  'alien-registration',
  'card',
  'phone',
  'driver-licence',
  'passport',
  'bank-account',
  'email',
  'address',
  'name',
];
// When two hits overlap with equal confidence, the earlier kind wins (more specific
// structure first: an RRN-shaped number is an RRN before it is an account number).
const PRIORITY = new Map(PII_KINDS.map((k, i) => [k, i]));

const better = (a: Hit, b: Hit) =>
  b.confidence - a.confidence || PRIORITY.get(a.kind)! - PRIORITY.get(b.kind)! || b.end - b.start - (a.end - a.start);

/** Keeps the best of overlapping hits. Sweeps clusters of overlapping hits in start
 * order (O(n log n)); inside a cluster, the best hits win greedily. */
function resolveOverlaps(hits: Hit[]): Hit[] {
  hits.sort((a, b) => a.start - b.start);
  const out: Hit[] = [];
  for (let i = 0; i < hits.length; ) {
    let j = i + 1,
      end = hits[i].end;
    while (j < hits.length && hits[j].start < end) end = Math.max(end, hits[j++].end);
    if (j === i + 1) out.push(hits[i]);
    else {
      const kept: Hit[] = [];
      for (const h of hits.slice(i, j).sort(better))
        if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
      out.push(...kept.sort((a, b) => a.start - b.start));
    }
    i = j;
  }
  return out;
}

/** Finds personal data in text. Offsets are UTF-16 code units of `text`. */
export function detectPii(text: string, options: PiiOptions = {}): PiiFinding[] {
  const t = normalizeForScan(text);
  const want = new Set(options.kinds ?? PII_KINDS);
  const hits: Hit[] = [];
  if (want.has('rrn') || want.has('alien-registration')) detectRrn(t, hits);
  if (want.has('card')) detectCards(t, hits);
  if (want.has('phone')) detectPhones(t, hits, options);
  if (want.has('phone') || want.has('rrn') || want.has('alien-registration')) detectLoose(t, hits);
  if (want.has('bank-account')) detectAccounts(t, hits);
  if (want.has('passport') || want.has('driver-licence')) detectIds(t, hits);
  if (want.has('email')) detectEmails(t, hits, options);
  if (want.has('address') || want.has('name')) detectAddresses(t, hits);
  if (want.has('name')) detectLabelledNames(t, hits);
  const min = options.minConfidence ?? 0.5;
  const kept = resolveOverlaps(
    dropPublic(
      t,
      hits.filter((h) => h.confidence >= min && want.has(h.kind)),
      options,
    ),
  );
  return kept.map((h) => ({
    kind: h.kind,
    start: h.start,
    end: h.end,
    confidence: Math.round(h.confidence * 100) / 100,
    masked: maskSpan(h.kind, text.slice(h.start, h.end), t.slice(h.start, h.end)),
  }));
}

/** Replaces every finding with its masked preview (same length, so offsets hold). */
export function maskText(text: string, findings: readonly PiiFinding[]): string {
  let out = '',
    at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + f.masked;
    at = f.end;
  }
  return out + text.slice(at);
}
