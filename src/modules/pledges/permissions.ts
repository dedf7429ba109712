// Who may do what with pledges and the citizen panel: the one table the routes, the pages' links and the change
// workflow ask (evaluation reports have their own table in the evaluations module).
import { hasRole, type Actor } from '../../platform/permissions.ts';

export type PledgeAction =
  | 'import'
  | 'snapshot'
  | 'comment'
  | 'report'
  | 'proposeChange'
  | 'runReview'
  | 'score'
  | 'recordCommunication';

/** What an action on one pledge depends on: its departments, the actor's departments, panel membership. */
export interface PledgeScope {
  /** Korean names of the pledge's lead and officials' departments. */
  departments?: string[];
  /** Korean names of the departments the actor is an official of. */
  grantDepartmentNames?: string[];
  isActiveMember?: boolean;
}

const planningOrAdmin = (a: Actor | null) => hasRole(a, 'planning') || hasRole(a, 'admin');
const ofItsDepartment = (a: Actor | null, s: PledgeScope) =>
  hasRole(a, 'official') && (s.grantDepartmentNames ?? []).some((d) => (s.departments ?? []).includes(d));

const PERMISSIONS: Record<PledgeAction, (a: Actor | null, s: PledgeScope) => boolean> = {
  /** Pledge data is imported by the planning office (공약 담당) and administrators. */
  import: planningOrAdmin,
  /** Snapshots are published by the same office. */
  snapshot: planningOrAdmin,
  /** Any signed-in citizen may comment on a pledge. */
  comment: (a) => hasRole(a, 'citizen'),
  /** Officials, the planning office and administrators see the department reporting page's link. */
  report: (a) => hasRole(a, 'official') || planningOrAdmin(a),
  /** An official proposes changes to pledges of the department named on it (or in its 정책실명제); never decides them. */
  proposeChange: ofItsDepartment,
  /** The panel's secretariat (planning) starts the review and publishes approved changes; departments cannot. */
  runReview: planningOrAdmin,
  /** Panel members score and vote; membership is a row in panel_members linked to the person. */
  score: (a, s) => !!a && !!s.isActiveMember,
  /** Communication card entries: the responsible department's officials and the planning office. */
  recordCommunication: (a, s) => planningOrAdmin(a) || ofItsDepartment(a, s),
};

const can = (a: Actor | null, action: PledgeAction, scope: PledgeScope = {}) => PERMISSIONS[action](a, scope);

// The names the route files use, each reading the table.
export const canImport = (a: Actor | null) => can(a, 'import');
export const canSnapshot = (a: Actor | null) => can(a, 'snapshot');
export const canComment = (a: Actor | null) => can(a, 'comment');
export const canReport = (a: Actor | null) => can(a, 'report');
export const canProposeChange = (a: Actor | null, departments: string[], grantDepartmentNames: string[]) =>
  can(a, 'proposeChange', { departments, grantDepartmentNames });
export const canRunReview = (a: Actor | null) => can(a, 'runReview');
export const canScore = (a: Actor | null, isActiveMember: boolean) => can(a, 'score', { isActiveMember });
export const canRecordCommunication = (a: Actor | null, departments: string[], grantDepartmentNames: string[]) =>
  can(a, 'recordCommunication', { departments, grantDepartmentNames });
