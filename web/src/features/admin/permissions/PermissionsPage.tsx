import { SchemesPage } from './SchemesPage';
import { SystemScheme } from './SystemScheme';
import { TeamSchemeEditor } from './TeamSchemeEditor';
import '../../../styles/admin_settings.css';

const TEAM_SCHEME = 'team_override_scheme';

/** /admin_console/user_management/permissions[/system_scheme | /team_override_scheme[/<id>]] (Mattermost's URLs). */
export function PermissionsPage({ subpath }: { subpath: string }) {
  const [first = '', id = ''] = subpath.split('/').filter(Boolean);
  if (first === 'system_scheme') return <SystemScheme />;
  if (first === TEAM_SCHEME) return <TeamSchemeEditor key={id} schemeId={id} />;
  return <SchemesPage />;
}
