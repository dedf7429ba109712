// Calendar dates as plain 'YYYY-MM-DD' strings and integer day numbers.
//
// Why not Date objects: a civil date has no time zone, and mixing Date with the
// server's local zone is the classic source of off-by-one deadlines. We convert
// to instants only at the edge, always through Asia/Seoul.
//
// Korea Standard Time has been UTC+9 without daylight saving since 1988, so a
// fixed offset is exact for every date this library handles (2020 onwards) and
// does not depend on the ICU time-zone data of the host.

export type IsoDate = string; // 'YYYY-MM-DD'

const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' and rejects impossible dates (2026-02-30). */
export function parseIsoDate(s: string): { y: number; m: number; d: number } | null {
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== null;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Days since 1970-01-01 (proleptic Gregorian). */
export function toDayNumber(date: IsoDate): number {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`invalid date: ${date}`);
  return Date.UTC(p.y, p.m - 1, p.d) / DAY_MS;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function ymd(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return ((toDayNumber(date) % 7) + 7 + 4) % 7; // 1970-01-01 was a Thursday
}

/** The civil date in Seoul at a given instant, whatever the server's zone. */
export function seoulDateOf(instant: Date): IsoDate {
  return new Date(instant.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since Seoul midnight at a given instant. */
export function seoulMinutesOf(instant: Date): number {
  const ms = (instant.getTime() + SEOUL_OFFSET_MS) % DAY_MS;
  return Math.floor((ms < 0 ? ms + DAY_MS : ms) / 60_000);
}

/** The instant of a Seoul wall-clock time on a civil date (minutes may be 1440 = next midnight). */
export function seoulInstant(date: IsoDate, minutes = 0): Date {
  return new Date(toDayNumber(date) * DAY_MS + minutes * 60_000 - SEOUL_OFFSET_MS);
}
