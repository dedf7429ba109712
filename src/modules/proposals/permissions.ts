// Who may do what on the proposals board: the one place these rules live.
import { hasRole, isOfficialOf, type Actor } from '../../platform/permissions.ts';

export interface ProposalRef { authorId: number; departmentId: number | null; status: string }

export const canWrite = (a: Actor | null) => hasRole(a, 'citizen');
export const canSupport = (a: Actor | null, p: ProposalRef) => hasRole(a, 'citizen') && p.status === 'open';
export const canComment = (a: Actor | null, p: ProposalRef) => hasRole(a, 'citizen') && p.status !== 'held';
/** Only an official of the assigned department answers: an official of department A cannot answer for B. */
export const canAnswer = (a: Actor | null, p: ProposalRef) => isOfficialOf(a, p.departmentId);
export const canAssign = (a: Actor | null) => hasRole(a, 'planning') || hasRole(a, 'admin');
export const canModerate = (a: Actor | null) => hasRole(a, 'moderator') || hasRole(a, 'admin');
/** A held proposal is seen by its author and by those who decide on it. */
export const canSee = (a: Actor | null, p: ProposalRef) => p.status !== 'held' || a?.id === p.authorId || canModerate(a) || canAssign(a);
