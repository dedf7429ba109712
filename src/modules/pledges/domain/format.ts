// Korean administrative date formats as printed in the seeds.

/** 2020-12-31 → '2020. 12. 31.'; 2018-07 → '2018. 7.' */
export function koDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return [y, m && String(Number(m)), d && String(Number(d))].filter(Boolean).join('. ') + '.';
}

/** 목표연월 2018-12 → '2018.12.'; a year alone stays '2023'. */
export function koYearMonth(v: string | undefined): string {
  if (!v) return '';
  const [y, m] = v.split('-');
  return m ? `${y}.${m}.` : y;
}

/** Amount with thousands separators, no trailing zeros: 1234.5 → '1,234.5'. */
export function amount(n: number): string {
  return n.toLocaleString('ko-KR', { maximumFractionDigits: 3 });
}

/** Fills {name} placeholders; unknown names are left as they are. */
export function fill(template: string, vars: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}
