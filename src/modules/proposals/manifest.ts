// The proposals module (제안합니다, 바랍니다, 청원, 시민이 묻습니다): its registration with the platform.
import { Hono } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { defineModule } from '../../platform/modules.ts';
import { proposalBoard } from './board.ts';
import { proposalsHome, registerProposals } from './routes/proposals.tsx';
import { dailyTask, proposalsDaily } from './store/daily.ts';
import { seedProposals } from './seed.ts';
import { texts } from './texts.ts';
import * as perm from './permissions.ts';
import { proposalParticipation } from './store/participation.ts';

export default defineModule({
  name: 'proposals',
  title: { ko: '제안', en: 'Proposals' },
  componentTypes: [proposalBoard],
  texts,
  routes: () => {
    const app = new Hono<AppEnv>();
    registerProposals(app);
    return app;
  },
  nav: [
    { href: '/queue', label: 'nav.queue', visible: perm.canSeeQueue, order: 200 },
    { href: '/moderation', label: 'nav.moderation', visible: perm.canModerate, order: 300 },
  ],
  home: [{ order: 100, render: proposalsHome }],
  flash: {
    created: 'proposal.created',
    supported: 'proposal.supported',
    'already-supported': 'proposal.alreadySupported',
    'comment-saved': 'comment.saved',
    'answer-saved': 'proposal.answer.saved',
    followed: 'proposal.following',
    reported: 'comment.reported',
    'already-reported': 'comment.alreadyReported',
    'own-report': 'comment.ownReport',
    decided: 'moderation.decided',
    unfollowed: 'proposal.unfollowed',
    assigned: 'proposal.assigned',
    screened: 'screen.done',
    suitable: 'screen.suitableDone',
    'update-saved': 'impl.saved',
    'comment-edited': 'comment.editSaved',
    withdrawn: 'withdraw.done',
  },
  noticeLinks: { proposal: (id) => `/proposals/${id}` },
  daily: [{ name: 'proposals.daily', run: proposalsDaily, at: '06:00', transactional: false }],
  cli: [dailyTask],
  seed: seedProposals,
  // 001 (the proposals table itself) predates modules and stays with the platform's; numbers never change.
  migrations: new URL('./migrations/', import.meta.url),
  participation: proposalParticipation,
});
