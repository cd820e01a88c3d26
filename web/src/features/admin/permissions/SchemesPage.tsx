import type { Scheme } from '@mattermost/types/schemes';
import type { Team } from '@mattermost/types/teams';
import { client } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { ActionButton, AdminPage, ConsoleLink, LoadError, useLoad } from '../ui';
import { useCanEditPermissions } from './access';

const SCHEME_PAGE_SIZE = 200;

interface SchemeWithTeams {
  scheme: Scheme;
  teams: Team[];
}

async function loadTeamSchemes(): Promise<SchemeWithTeams[]> {
  const schemes = await client.getSchemes('team', 0, SCHEME_PAGE_SIZE);
  return Promise.all(schemes.map(async (scheme) => ({ scheme, teams: await client.getSchemeTeams(scheme.id, 0, SCHEME_PAGE_SIZE) })));
}

/** Permission schemes: the system scheme, and the team override schemes with the teams each applies to. */
export function SchemesPage() {
  const t = useT();
  const canEdit = useCanEditPermissions();
  const schemes = useLoad(loadTeamSchemes, 'team_schemes');
  return (
    <AdminPage title={t('admin.perm.schemesTitle')}>
      <section className="scheme-card">
        <h2>{t('admin.perm.systemScheme')}</h2>
        <p className="muted-text">{t('admin.perm.systemSchemeIntro')}</p>
        <ConsoleLink to="user_management/permissions/system_scheme" className="button small">
          {canEdit ? t('admin.perm.editScheme') : t('admin.perm.viewScheme')}
        </ConsoleLink>
      </section>
      <section className="scheme-card">
        <div className="scheme-card-header">
          <h2>{t('admin.perm.teamSchemes')}</h2>
          {canEdit && (
            <ConsoleLink to="user_management/permissions/team_override_scheme" className="button small primary">
              {t('admin.perm.newTeamScheme')}
            </ConsoleLink>
          )}
        </div>
        <p className="muted-text">{t('admin.perm.teamSchemesIntro')}</p>
        <LoadError error={schemes.error} />
        {schemes.data && schemes.data.length === 0 && <p className="empty">{t('admin.perm.noTeamSchemes')}</p>}
        {schemes.data && schemes.data.length > 0 && (
          <table className="scheme-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.perm.schemeName')}</th>
                <th scope="col">{t('admin.perm.schemeTeams')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.perm.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {schemes.data.map(({ scheme, teams }) => (
                <tr key={scheme.id}>
                  <td>
                    <strong>{scheme.display_name}</strong>
                    {scheme.description && <div className="muted-text">{scheme.description}</div>}
                  </td>
                  <td>{teams.map((team) => team.display_name).join(', ') || <span className="muted-text">{t('admin.perm.noTeams')}</span>}</td>
                  <td className="scheme-table-actions">
                    <ConsoleLink to={`user_management/permissions/team_override_scheme/${scheme.id}`} className="button small">
                      {canEdit ? t('admin.perm.editScheme') : t('admin.perm.viewScheme')}
                    </ConsoleLink>
                    {canEdit && (
                      <ActionButton
                        label={t('admin.perm.deleteScheme')}
                        danger
                        action={() => client.deleteScheme(scheme.id)}
                        onDone={schemes.reload}
                        confirm={{
                          title: t('admin.perm.deleteSchemeTitle'),
                          body: t('admin.perm.deleteSchemeBody', { name: scheme.display_name }),
                          confirmLabel: t('admin.perm.deleteScheme'),
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminPage>
  );
}
