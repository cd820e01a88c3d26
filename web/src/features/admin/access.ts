/** System roles that open the System Console (Mattermost's admin and delegated-admin roles). */
export const CONSOLE_ROLES = ['system_admin', 'system_user_manager', 'system_manager', 'system_read_only_admin'] as const;

export type SystemRoleChoice = 'member' | (typeof CONSOLE_ROLES)[number];

const roleList = (roles: string | undefined): string[] => (roles ?? '').split(' ').filter(Boolean);

export function canOpenConsole(roles: string | undefined): boolean {
  const mine = roleList(roles);
  return CONSOLE_ROLES.some((role) => mine.includes(role));
}

/** The one system role the console shows for a user: the strongest console role, or plain member. */
export function systemRoleOf(roles: string | undefined): SystemRoleChoice {
  const mine = roleList(roles);
  return CONSOLE_ROLES.find((role) => mine.includes(role)) ?? 'member';
}

/** The roles string for a choice: system_user plus the chosen role; roles outside the console's choices (e.g. system_guest) stay. */
export function rolesWithChoice(roles: string | undefined, choice: SystemRoleChoice): string {
  const kept = roleList(roles).filter((role) => role !== 'system_user' && !(CONSOLE_ROLES as readonly string[]).includes(role));
  return ['system_user', ...(choice === 'member' ? [] : [choice]), ...kept].join(' ');
}
