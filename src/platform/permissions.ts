// Who someone is, for permission rules. Each module states its rules in its own permissions.ts, built from these.
export type Role = 'citizen' | 'official' | 'planning' | 'moderator' | 'admin';

export interface RoleGrant {
  role: Exclude<Role, 'citizen'>;
  departmentId: number | null;
  position: string | null;
  phoneExt: string | null;
}

export interface Actor {
  id: number;
  personKey: string;
  displayName: string;
  verification: 'dev' | 'oidc' | 'identity';
  birthDate: string | null;
  areaCode: string | null;
  grants: RoleGrant[];
}

/** Every signed-in person is a citizen; other roles are granted. */
export function hasRole(actor: Actor | null, role: Role): boolean {
  if (!actor) return false;
  return role === 'citizen' || actor.grants.some((g) => g.role === role);
}

export function isOfficialOf(actor: Actor | null, departmentId: number | null | undefined): boolean {
  return (
    !!actor &&
    departmentId != null &&
    actor.grants.some((g) => g.role === 'official' && g.departmentId === departmentId)
  );
}

/** The label that goes into the record: name and the roles held when acting. */
export function actorLabel(actor: Actor): string {
  const roles = actor.grants.map((g) => g.role).join(',');
  return roles ? `${actor.displayName} (${roles})` : actor.displayName;
}
