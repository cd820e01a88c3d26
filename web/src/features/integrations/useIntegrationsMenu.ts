import { useStore } from '../../store/store';
import { availableSections } from './access';
import { useMyPermissions } from './permissions';

/** Whether the team menu offers "Integrations": some section is on and this user may manage it in the team. */
export function useIntegrationsMenu(teamId: string): boolean {
  const config = useStore((s) => s.config);
  const permissions = useMyPermissions(teamId);
  return permissions !== null && availableSections(config, permissions).length > 0;
}
