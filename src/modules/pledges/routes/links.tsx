// Linking Madang activity to a pledge (on its communication-card page): pick a board, debate or survey, or give a
// proposal's address; the kind decides the card column (settings.linkedActivityTypes). Unlinking is on the record too.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { Csrf, Field, PostButton, type FieldErrors } from '../../../platform/ui/forms.tsx';
import { cleanText } from '../../../platform/http/validate.ts';
import { LINKED_KIND_LABELS, type LinkedActivity, type PledgeSettings } from '../domain/index.ts';
import { addLink, defaultKind, type linkableComponents, removeLink, resolveLinkTarget } from '../links.ts';
import { idOf, L, SelectField, who, recordable, type PageOptions } from './shared.tsx';
import { once } from '../../../platform/http/once.tsx';

const AUTO = 'auto';

export type Linkable = Awaited<ReturnType<typeof linkableComponents>>;

/** The linked activity with an unlink button each, and the form to link more (the page loads `comps`). */
export function LinkForm({
  c,
  pledgeId,
  settings,
  linked,
  comps,
  values,
  errors,
}: {
  c: Context<AppEnv>;
  pledgeId: number;
  settings: PledgeSettings;
  linked: LinkedActivity[];
  comps: Linkable;
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const lang = c.get('lang');
  const v = values ?? {};
  const kindLabel = (k: string) => LINKED_KIND_LABELS[k]?.[lang] ?? k;
  return (
    <section aria-labelledby="link-h" class="no-print">
      <h2 id="link-h">{L(c, '마당 활동 연결', 'Link Madang activity')}</h2>
      <p class="help">
        {L(
          c,
          '게시판·토론·설문이나 제안 하나를 연결하면, 그곳의 제안·공감·댓글이 이 공약의 소통 실적으로 저절로 집계됩니다(참여자는 한 사람을 한 번만 셉니다).',
          'Link a board, debate, survey or one proposal: its proposals, supports and comments are counted on this card by themselves (each participant once).',
        )}
      </p>
      {linked.length ? (
        <ul class="card-list">
          {linked.map((a) => (
            <li>
              <a href={a.url}>{a.title}</a> ({kindLabel(a.kind)})
              {a.live ? (
                <span>
                  {' '}
                  ·{' '}
                  {L(
                    c,
                    `활동 ${a.activities}건, 참여자 ${a.participants}명`,
                    `${a.activities} activities, ${a.participants} participants`,
                  )}
                </span>
              ) : null}
              <PostButton
                action={`/pledges/${pledgeId}/links/${a.id}/remove`}
                csrf={c.get('csrf')}
                label={L(c, '연결 풀기', 'Unlink')}
                class="btn btn-secondary btn-small"
              />
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action={`/pledges/${pledgeId}/links`} novalidate>
        <Csrf token={c.get('csrf')} />
        <SelectField
          name="component"
          label={L(c, '연결할 게시판·토론·설문', 'Board, debate or survey')}
          value={v.component}
          errors={errors}
          options={[
            {
              value: '',
              label: L(c, '고르지 않음 (아래에 제안 주소를 적습니다)', 'None (give a proposal address below)'),
            },
            ...comps.map((x) => ({
              value: `c:${x.id}`,
              label: lang === 'ko' ? `${x.space_ko} · ${x.title_ko}` : `${x.space_en} · ${x.title_en}`,
            })),
          ]}
        />
        <Field
          name="path"
          label={L(
            c,
            '또는 마당 주소 (예: /proposals/3, /s/sotong/propose)',
            'Or a Madang address (e.g. /proposals/3, /s/sotong/propose)',
          )}
          value={v.path}
          errors={errors}
          maxLength={200}
        />
        <SelectField
          name="kind"
          label={L(c, '소통 실적으로 셀 종류', 'Count it as')}
          value={v.kind}
          errors={errors}
          options={[
            {
              value: AUTO,
              label: L(
                c,
                '자동 (설문은 설문조사, 토론은 설명회·보고회, 제안·청원은 기타)',
                'Automatic (surveys as surveys, debates as briefings, proposals as other)',
              ),
            },
            ...Object.keys(settings.linkedActivityTypes).map((k) => ({
              value: k,
              label: `${kindLabel(k)} → ${settings.communicationTypes.find((t) => t.id === settings.linkedActivityTypes[k])?.label ?? ''}`,
            })),
          ]}
        />
        <button type="submit" class="btn btn-secondary">
          {L(c, '연결', 'Link')}
        </button>
      </form>
    </section>
  );
}

export function registerLinks(app: Hono<AppEnv>, page: (c: Context<AppEnv>, o: PageOptions) => Promise<Response>) {
  app.post('/pledges/:id{[0-9]+}/links', async (c) => {
    const r = await recordable(c);
    if (r instanceof Response) return r;
    const { db, actor, s, settings } = r;
    const f = c.get('form');
    const v = Object.fromEntries(
      ['component', 'path', 'kind'].map((k) => [
        k,
        String(cleanText(f[k] ?? ''))
          .trim()
          .slice(0, 200),
      ]),
    );
    const errors: FieldErrors = {};
    const fail = () => page(c, { values: v, errors, status: 422, form: 'link' });
    if (v.kind && v.kind !== AUTO && !(v.kind in settings.linkedActivityTypes))
      errors.kind = [L(c, '없는 종류입니다.', 'Unknown kind.')];
    if (v.component && v.path)
      errors.path = [
        L(c, '게시판을 고르거나 주소를 적거나, 하나만 해 주세요.', 'Choose a board or give an address, not both.'),
      ];
    else if (!v.component && !v.path)
      errors.component = [
        L(c, '연결할 게시판을 고르거나 아래에 주소를 적어 주세요.', 'Choose a board or give an address below.'),
      ];
    if (Object.keys(errors).length) return fail();
    const target = await resolveLinkTarget(db, v);
    if (!target) {
      errors[v.path ? 'path' : 'component'] = [
        L(
          c,
          '마당 안의 게시판·토론·설문(/s/공간/게시판) 또는 공개된 제안(/proposals/번호) 주소를 적어 주세요.',
          'Give a Madang board, debate or survey (/s/space/board) or a public proposal (/proposals/number).',
        ),
      ];
      return fail();
    }
    const dup = await db
      .selectFrom('pledge_links')
      .select('id')
      .where('pledge_id', '=', s.id)
      .where((eb) =>
        target.kind === 'component'
          ? eb('component_id', '=', target.componentId)
          : eb('proposal_id', '=', target.proposalId),
      )
      .executeTakeFirst();
    if (dup) {
      errors[v.path ? 'path' : 'component'] = [L(c, '이미 연결한 활동입니다.', 'Already linked.')];
      return fail();
    }
    const kind = !v.kind || v.kind === AUTO ? defaultKind(target) : v.kind;
    return once(c, async (trx) => {
      await addLink(trx, {
        pledgeId: s.id,
        pledgeCode: s.pledge.id,
        target,
        kind,
        createdBy: actor.id,
        actor: who(actor),
      });
      return `/pledges/${s.id}/communication?msg=linked`;
    });
  });

  app.post('/pledges/:id{[0-9]+}/links/:lid{[0-9]+}/remove', async (c) => {
    const r = await recordable(c);
    if (r instanceof Response) return r;
    const lid = idOf(c.req.param('lid'));
    const done = lid
      ? await r.db
          .transaction()
          .execute((trx) => removeLink(trx, { pledgeId: r.s.id, linkId: lid, reason: null, actor: who(r.actor) }))
      : false;
    return done ? c.redirect(`/pledges/${r.s.id}/communication?msg=unlinked`, 303) : c.notFound();
  });
}
