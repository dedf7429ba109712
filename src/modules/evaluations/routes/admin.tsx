// /admin/evaluations: templates on the city's grade scale, and the web import (all rows or none).
import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { cleanText } from '../../../platform/http/validate.ts';
import { actorLabel } from '../../../platform/permissions.ts';
import { download, uploadedFiles, XLSX, CSV } from '../../../platform/reports/index.ts';
import { evaluationTemplateCsv, evaluationTemplateXlsx } from '../domain/index.ts';
import { evaluationSettingsOf } from '../settings.ts';
import { importEvaluation } from '../import.ts';
import { adminPage, FRONT_MATTER } from '../views/admin.tsx';
import { once } from '../../../platform/http/once.tsx';
import { tx } from '../texts.ts';

export const page = (c: Context<AppEnv>) => adminPage(c);

// The templates list the city's own grades (the 등급 column accepts exactly those).
export async function templateXlsx(c: Context<AppEnv>) {
  return download(
    c,
    await evaluationTemplateXlsx(await evaluationSettingsOf(c.get('p').db)),
    XLSX,
    '이행사항점검_양식.xlsx',
  );
}
export async function templateCsv(c: Context<AppEnv>) {
  const f = evaluationTemplateCsv(await evaluationSettingsOf(c.get('p').db));
  return download(c, f.text, CSV, f.name);
}

export async function upload(c: Context<AppEnv>) {
  const actor = c.get('actor')!;
  const files = await uploadedFiles(c);
  const f = c.get('form');
  const values = Object.fromEntries(
    FRONT_MATTER.map((k) => [
      k,
      String(cleanText(f[k] ?? ''))
        .trim()
        .slice(0, 2000),
    ]),
  );
  if (files.length !== 1) return adminPage(c, { status: 422, fileError: tx(c)('chooseFile'), values });
  const items = (text: string) =>
    text
      .split(/\r?\n/)
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x) => ({ text: x.slice(0, 500) }));
  return once(c, async (db) => {
    const r = await importEvaluation(
      db,
      files[0],
      {
        title: values.title.slice(0, 200) || undefined,
        date: values.date.slice(0, 40),
        organization: values.organization.slice(0, 100),
        intro: values.intro || undefined,
        basis: items(values.basis),
        plans: items(values.plans),
        overview: {
          content: values.content.slice(0, 300),
          period: values.period.slice(0, 100),
          method: values.method.slice(0, 300),
        },
      },
      { actor: { id: actor.id, label: actorLabel(actor) } },
    );
    return r.ok ? `/evaluations/${r.id}` : () => adminPage(c, { status: 422, errors: r.errors, values });
  });
}
