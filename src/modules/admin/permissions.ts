// Administration: settings and people are the administrator's; the record can also be read by the planning office.
import { hasRole, type Actor } from '../../platform/permissions.ts';

export const canEditSettings = (a: Actor | null) => hasRole(a, 'admin');
export const canReadAudit = (a: Actor | null) => hasRole(a, 'admin') || hasRole(a, 'planning');
export const canSeePeople = (a: Actor | null) => hasRole(a, 'admin');
export const canManageDelivery = (a: Actor | null) => hasRole(a, 'admin');
/** The administration pages open for those who may change settings or read the record. */
export const canOpenAdmin = (a: Actor | null) => canEditSettings(a) || canReadAudit(a);
