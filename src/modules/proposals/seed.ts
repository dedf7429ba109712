// The demo city's proposal boards: the 소통공감365 space with 제안합니다 and 바랍니다, four proposals in several
// stages, supports, a comment and an interim answer. Run by the platform's demo seed (src/seed.ts) after it made the
// demo people and departments.
import type { Database } from '../../platform/db.ts';
import type { SeedContext } from '../../platform/modules.ts';
import { castAct } from '../../platform/acts.ts';
import { recordAudit } from '../../platform/audit.ts';
import { loadActor } from '../../platform/actors.ts';
import * as store from './store/proposals.ts';
import { addComment } from './store/comments.ts';
import { answer, assignDepartment } from './store/answers.ts';
import { advance, whoOf } from './store/lifecycle.ts';

export async function seedProposals(db: Database, ctx: SeedContext): Promise<void> {
  const space = await db
    .insertInto('spaces')
    .values({ slug: 'sotong', title_ko: '소통공감365', title_en: 'Sotong 365' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // 제안합니다 follows 민주주의 서울 (50 → department, 100 → 공론장, 1,000 → mayor); 바랍니다 answers every request
  // within 14 working days like 사하구에 바랍니다.
  const propose = await db
    .insertInto('components')
    .values({
      space_id: space.id,
      type: 'proposals',
      slug: 'propose',
      title_ko: '마당시에 제안합니다',
      title_en: 'We propose to Madang City',
      settings: JSON.stringify({ preset: 'seoul', areas: '중앙동, 신평동, 하단동, 괴정동' }),
      position: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const request = await db
    .insertInto('components')
    .values({
      space_id: space.id,
      type: 'proposals',
      slug: 'request',
      title_ko: '마당시에 바랍니다',
      title_en: 'We ask Madang City',
      settings: JSON.stringify({ kind: 'request', preset: 'saha-request', stanceEnabled: false }),
      position: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const samples = [
    {
      by: 'citizen-1',
      board: propose.id,
      topic: '교통',
      title: '마당초등학교 앞 통학로에 보행자 신호등을 설치해 주세요',
      body: '아침마다 아이들이 차 사이로 길을 건넙니다. 학교 정문 앞 삼거리에 보행자 신호등과 과속 단속 카메라가 있으면 좋겠습니다.',
      dept: 'roads',
    },
    {
      by: 'citizen-2',
      board: propose.id,
      topic: '환경',
      title: '하천 산책로에 쓰레기통과 분리수거함을 늘려 주세요',
      body: '주말이면 산책로 곳곳에 쓰레기가 쌓입니다. 500미터마다 분리수거함을 두고, 수거 횟수를 늘려 주시면 좋겠습니다.',
      dept: 'environment',
    },
    {
      by: 'citizen-4',
      board: propose.id,
      topic: '행정',
      title: '외국인 주민을 위한 쉬운 한국어 안내문을 만들어 주세요',
      body: '구청 안내문이 어려워서 이웃에게 물어봐야 합니다. 쉬운 한국어와 영어, 베트남어로 된 안내문이 있으면 좋겠습니다.',
      dept: null,
    },
    {
      by: 'citizen-2',
      board: request.id,
      topic: '안전',
      title: '신평동 골목길 가로등이 꺼져 있습니다',
      body: '신평동 주민센터 뒤 골목 가로등 세 개가 일주일째 꺼져 있어 밤에 다니기 무섭습니다. 고쳐 주세요.',
      dept: 'roads',
    },
  ];
  const planner = (await loadActor(db, ctx.people.get('planning')!.id))!;
  const ids: number[] = [];
  for (const s of samples) {
    const author = (await loadActor(db, ctx.people.get(s.by)!.id))!;
    const { id } = await store.createProposal(db, {
      componentId: s.board,
      author,
      title: s.title,
      body: s.body,
      piiHold: false,
      topic: s.topic,
      area: null,
      kind: s.board === request.id ? 'request' : 'proposal',
    });
    if (s.dept)
      await assignDepartment(
        db,
        id,
        ctx.departments.get(s.dept)!,
        null,
        whoOf(planner, '이기획 (planning)', null),
        null,
      );
    await advance(db, id);
    ids.push(id);
  }
  for (const who of ['citizen-1', 'citizen-2', 'citizen-3', 'citizen-4'])
    await castAct(db, {
      kind: 'support',
      targetType: store.TARGET,
      targetId: ids[0],
      personKey: ctx.people.get(who)!.person_key,
    });
  await castAct(db, {
    kind: 'support',
    targetType: store.TARGET,
    targetId: ids[1],
    personKey: ctx.people.get('citizen-1')!.person_key,
  });
  for (const id of ids.slice(0, 2)) await store.refreshSupportsCount(db, id, id === ids[0] ? 4 : 1);
  await addComment(db, {
    proposalId: ids[0],
    authorId: ctx.people.get('citizen-2')!.id,
    body: '저희 아이도 같은 길로 다닙니다. 꼭 필요합니다.',
    stance: 'pro',
    parentId: null,
  });
  // The request is owed an answer at once (threshold 0): the department posts an interim answer.
  const official = (await loadActor(db, ctx.people.get('official-roads')!.id))!;
  await answer(
    db,
    {
      proposalId: ids[3],
      tierKey: 'department',
      departmentId: ctx.departments.get('roads')!,
      authorId: official.id,
      kind: 'interim',
      body: '현장을 확인했습니다. 가로등 전원 장치를 교체해야 해서 부품을 주문했으며, 이번 주 안에 고치겠습니다.',
      responsible: '도로교통과 주무관 최도로 ☎ 2050',
      signature: { department: '도로교통과', position: '주무관', name: '최도로', extension: '2050' },
    },
    whoOf(official, '최도로 (official)', ctx.departments.get('roads')!),
  );
  await recordAudit(db, {
    actor: { id: null, label: 'system' },
    action: 'seed.demo',
    targetType: 'space',
    targetId: space.id,
    reason: 'first start',
  });
}
