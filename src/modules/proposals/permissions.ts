// Who may do what on the proposals board: the one place these rules live. Stage changes are also checked by the
// workflow core's transition table (roles as data); these rules decide what a page offers and what a route accepts.
import { hasRole, isOfficialOf, type Actor } from '../../platform/permissions.ts';
import { ANSWER_ROLES, type Answerer, type Role, type Stage } from './domain/index.ts';

export interface ProposalRef {
  authorId: number;
  departmentId: number | null;
  stage: string;
}

/** Stages everyone sees. Drafts, items waiting for screening and withdrawn ones are seen by the author and staff. */
export const PUBLIC_STAGES: readonly Stage[] = [
  'pre-agreement',
  'collecting',
  'answering',
  'answered',
  'implementing',
  'implemented',
  'expired',
  'rejected',
  'redirected',
  'merged',
];
/** Stages in which people add support (or pre-agreements) and comments, if the window is open. */
export const PARTICIPATION_STAGES: readonly Stage[] = [
  'pre-agreement',
  'collecting',
  'answering',
  'answered',
  'implementing',
];

export const isStaff = (a: Actor | null) => hasRole(a, 'planning') || hasRole(a, 'admin');
export const canWrite = (a: Actor | null) => hasRole(a, 'citizen');
export const canSupport = (a: Actor | null, p: ProposalRef) =>
  hasRole(a, 'citizen') && PARTICIPATION_STAGES.includes(p.stage as Stage);
export const canComment = (a: Actor | null, p: ProposalRef) =>
  hasRole(a, 'citizen') && [...PARTICIPATION_STAGES, 'implemented'].includes(p.stage);
/** Whether a signed-in person holds one of the state machine's roles on this proposal. */
function holds(a: Actor | null, role: Role, p: ProposalRef): boolean {
  switch (role) {
    case 'department-official-of-assigned-dept':
      return isOfficialOf(a, p.departmentId);
    case 'planning-office':
      return hasRole(a, 'planning');
    case 'admin':
      return hasRole(a, 'admin');
    case 'moderator':
      return hasRole(a, 'moderator');
    case 'citizen-author':
      return !!a && a.id === p.authorId;
    default:
      return false;
  }
}
/** Who posts a tier's answer: the state machine's table (ANSWER_ROLES). A department tier is answered by an
 * official of the assigned department only (not by one of another department, nor by an administrator); the
 * mayor's, a head of office's and a deliberation body's answers are posted by the planning office. */
export const canAnswer = (a: Actor | null, p: ProposalRef, answerer: Answerer = 'department') =>
  ANSWER_ROLES[answerer].some((r) => holds(a, r, p));
export const canUpdateImplementation = (a: Actor | null, p: ProposalRef) =>
  isOfficialOf(a, p.departmentId) || hasRole(a, 'admin');
export const canAssign = isStaff;
export const canScreen = (a: Actor | null, p: ProposalRef) => isStaff(a) || isOfficialOf(a, p.departmentId);
export const canModerate = (a: Actor | null) => hasRole(a, 'moderator') || hasRole(a, 'admin');
export const canSee = (a: Actor | null, p: ProposalRef) =>
  PUBLIC_STAGES.includes(p.stage as Stage) ||
  a?.id === p.authorId ||
  canModerate(a) ||
  isStaff(a) ||
  isOfficialOf(a, p.departmentId);
/** A rejected proposal keeps its title and the reason in public; its text only for the author and staff. */
export const canReadBody = (a: Actor | null, p: ProposalRef) =>
  p.stage !== 'rejected' || a?.id === p.authorId || canModerate(a) || isStaff(a);
/** The work queue (답변할 제안, 배정): department officials and the planning office. */
export const canSeeQueue = (a: Actor | null) => hasRole(a, 'official') || hasRole(a, 'planning');
