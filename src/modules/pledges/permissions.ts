// Who may do what with pledges, evaluations and the citizen panel: the one place these rules live.
import { hasRole, type Actor } from '../../platform/permissions.ts';

/** Pledge data and evaluations are imported by the planning office (공약 담당) and administrators. */
export const canImport = (a: Actor | null) => hasRole(a, 'planning') || hasRole(a, 'admin');
/** Snapshots are published by the same office. */
export const canSnapshot = canImport;
/** Any signed-in citizen may comment on a pledge. */
export const canComment = (a: Actor | null) => hasRole(a, 'citizen');
/**
 * An official proposes changes to pledges of the department named on it (or in its 정책실명제); never decides them.
 * `departments` are the Korean names of the pledge's lead and officials' departments.
 */
export const canProposeChange = (a: Actor | null, departments: string[], grantDepartmentNames: string[]) =>
  hasRole(a, 'official') && grantDepartmentNames.some((d) => departments.includes(d));
/** The panel's secretariat (planning) starts the review and publishes approved changes; departments cannot. */
export const canRunReview = (a: Actor | null) => hasRole(a, 'planning') || hasRole(a, 'admin');
/** Panel members score and vote; membership is a row in panel_members linked to the person. */
export const canScore = (a: Actor | null, isActiveMember: boolean) => !!a && isActiveMember;
/** Communication card entries: the responsible department's officials and the planning office. */
export const canRecordCommunication = (a: Actor | null, departments: string[], grantDepartmentNames: string[]) =>
  canImport(a) || canProposeChange(a, departments, grantDepartmentNames);
