// Who may do what with evaluation reports (이행사항 점검): the one table the routes and pages ask.
import { hasRole, type Actor } from '../../platform/permissions.ts';

export type EvaluationAction = 'view' | 'import' | 'grade';

const planningOrAdmin = (a: Actor | null) => hasRole(a, 'planning') || hasRole(a, 'admin');

/** Reports are public; the planning office (or an administrator) imports them and sets final grades. */
const PERMISSIONS: Record<EvaluationAction, (a: Actor | null) => boolean> = {
  view: () => true,
  import: planningOrAdmin,
  grade: planningOrAdmin,
};

export const can = (a: Actor | null, action: EvaluationAction) => PERMISSIONS[action](a);
