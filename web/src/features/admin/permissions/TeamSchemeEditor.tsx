import { useEffect, useState } from 'react';
import type { Scheme } from '@mattermost/types/schemes';
import type { Team } from '@mattermost/types/teams';
import { client, errorMessage } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { navigate } from '../../../router/navigate';
import { AdminPage, ConsoleLink, consoleUrl, LoadError, SaveBar, useLoad } from '../ui';
import { useCanEditPermissions } from './access';
import { PermissionTable } from './PermissionTable';
import {
  loadRoles, permissionColumns, permissionsOf, roleNames, saveRoles, schemeRoles, SYSTEM_TEAM_ROLES, type RolesByName, type TeamSchemeRoles,
} from './roles';
import { changedRoles, permissionTree, type RolePermissions } from './tree';

const PAGE_SIZE = 200;

interface Loaded {
  scheme: Scheme | null;
  /** the scheme's roles, or for a new scheme the system scheme's roles it will start from */
  roleNames: TeamSchemeRoles;
  roles: RolesByName;
  teams: Team[];
  assigned: string[];
}

async function loadEditor(schemeId: string): Promise<Loaded> {
  const scheme = schemeId ? await client.getScheme(schemeId) : null;
  const names = scheme ? schemeRoles(scheme) : SYSTEM_TEAM_ROLES;
  const [roles, teams, assigned] = await Promise.all([
    loadRoles(roleNames(names)),
    client.getTeams(0, PAGE_SIZE) as Promise<Team[]>,
    scheme ? client.getSchemeTeams(scheme.id, 0, PAGE_SIZE) : Promise.resolve([]),
  ]);
  return { scheme, roleNames: names, roles, teams, assigned: assigned.map((team) => team.id) };
}

/**
 * A new scheme is created with roles copied from the system scheme; the permissions edited before the first
 * save are then written onto those new roles, matched by their place in the scheme.
 */
async function applyToNewScheme(scheme: Scheme, draft: RolePermissions): Promise<void> {
  const created = schemeRoles(scheme);
  const roles = await loadRoles(roleNames(created));
  const before = permissionsOf(roles);
  const after: RolePermissions = { ...before };
  for (const key of Object.keys(created) as Array<keyof TeamSchemeRoles>) {
    const edited = draft[SYSTEM_TEAM_ROLES[key]];
    if (edited && created[key]) after[created[key]] = edited;
  }
  await saveRoles(roles, before, after);
}

async function assignTeams(schemeId: string, before: readonly string[], after: readonly string[]): Promise<void> {
  for (const teamId of after.filter((id) => !before.includes(id))) await client.updateTeamScheme(teamId, schemeId);
  for (const teamId of before.filter((id) => !after.includes(id))) await client.updateTeamScheme(teamId, '');
}

/** Create or edit a team override scheme: its name, the teams it applies to and what each kind of member may do there. */
export function TeamSchemeEditor({ schemeId }: { schemeId: string }) {
  const t = useT();
  const canEdit = useCanEditPermissions();
  const loaded = useLoad(() => loadEditor(schemeId), `team_scheme:${schemeId}`);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [assigned, setAssigned] = useState<string[]>([]);
  const [draft, setDraft] = useState<RolePermissions | null>(null);
  const [teamToAdd, setTeamToAdd] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const [savedNote, setSavedNote] = useState(false);

  const data = loaded.data;
  useEffect(() => {
    if (!data) return;
    setName(data.scheme?.display_name ?? '');
    setDescription(data.scheme?.description ?? '');
    setAssigned(data.assigned);
    setDraft(permissionsOf(data.roles));
  }, [data]);

  const title = schemeId ? t('admin.perm.editTeamScheme') : t('admin.perm.newTeamScheme');
  const back = <ConsoleLink to="user_management/permissions">{t('admin.perm.backToSchemes')}</ConsoleLink>;
  if (!data || !draft) {
    return (
      <AdminPage title={title} actions={back}>
        <LoadError error={loaded.error} />
      </AdminPage>
    );
  }

  const saved = permissionsOf(data.roles);
  const sameTeams = assigned.length === data.assigned.length && assigned.every((id) => data.assigned.includes(id));
  const dirty =
    !data.scheme ||
    name !== data.scheme.display_name ||
    description !== data.scheme.description ||
    !sameTeams ||
    changedRoles(saved, draft).length > 0;
  const touched = (): void => setSavedNote(false);
  // Teams under another scheme are left out: a team follows one scheme at a time, and moving it is done from that scheme.
  const addable = data.teams.filter((team) => !assigned.includes(team.id) && (!team.scheme_id || team.scheme_id === data.scheme?.id));
  const teamName = (id: string): string => data.teams.find((team) => team.id === id)?.display_name ?? id;

  const save = async (): Promise<void> => {
    if (!name.trim()) {
      setError(t('admin.perm.nameRequired'));
      return;
    }
    setSaving(true);
    setError('');
    try {
      if (data.scheme) {
        if (name !== data.scheme.display_name || description !== data.scheme.description) {
          // Mattermost's SchemePatch carries display_name too; @mattermost/types lists only name and description.
          await client.patchScheme(data.scheme.id, { display_name: name.trim(), description } as Parameters<typeof client.patchScheme>[1]);
        }
        await saveRoles(data.roles, saved, draft);
        await assignTeams(data.scheme.id, data.assigned, assigned);
        setSavedNote(true);
        loaded.reload();
      } else {
        const scheme = await client.createScheme({ display_name: name.trim(), description, scope: 'team' } as Scheme);
        await applyToNewScheme(scheme, draft);
        await assignTeams(scheme.id, [], assigned);
        navigate(consoleUrl(`user_management/permissions/team_override_scheme/${scheme.id}`), { replace: true });
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <AdminPage title={title} actions={back}>
      <LoadError error={loaded.error} />
      <section className="scheme-card">
        <h2>{t('admin.perm.schemeDetails')}</h2>
        <div className="form grid-2">
          <label className="field">
            <span>{t('admin.perm.schemeName')}</span>
            <input
              value={name}
              maxLength={128}
              disabled={!canEdit}
              onChange={(e) => {
                setName(e.target.value);
                touched();
              }}
            />
          </label>
          <label className="field">
            <span>{t('admin.perm.schemeDescription')}</span>
            <input
              value={description}
              maxLength={1024}
              disabled={!canEdit}
              onChange={(e) => {
                setDescription(e.target.value);
                touched();
              }}
            />
          </label>
        </div>
      </section>
      <section className="scheme-card">
        <h2>{t('admin.perm.schemeTeams')}</h2>
        {assigned.length === 0 && <p className="muted-text">{t('admin.perm.noTeams')}</p>}
        <ul className="scheme-teams">
          {assigned.map((id) => (
            <li key={id}>
              <span>{teamName(id)}</span>
              {canEdit && (
                <button
                  type="button"
                  className="link-button danger"
                  aria-label={t('admin.perm.removeTeamNamed', { name: teamName(id) })}
                  onClick={() => {
                    setAssigned(assigned.filter((other) => other !== id));
                    touched();
                  }}
                >
                  {t('admin.perm.removeTeam')}
                </button>
              )}
            </li>
          ))}
        </ul>
        {canEdit && addable.length > 0 && (
          <div className="setting-inline">
            <select aria-label={t('admin.perm.addTeam')} value={teamToAdd} onChange={(e) => setTeamToAdd(e.target.value)}>
              <option value="">{t('admin.perm.chooseTeam')}</option>
              {addable.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.display_name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button small"
              disabled={!teamToAdd}
              onClick={() => {
                setAssigned([...assigned, teamToAdd]);
                setTeamToAdd('');
                touched();
              }}
            >
              {t('admin.perm.addTeam')}
            </button>
          </div>
        )}
      </section>
      <section className="scheme-card">
        <h2>{t('admin.perm.schemePermissions')}</h2>
        <PermissionTable
          groups={permissionTree(t)}
          columns={permissionColumns(t, data.roleNames)}
          state={draft}
          readOnly={!canEdit}
          onChange={(next) => {
            setDraft(next);
            touched();
          }}
        />
      </section>
      {canEdit && (
        <SaveBar dirty={dirty} saving={saving} saved={savedNote} error={error} onSave={() => void save()} />
      )}
    </AdminPage>
  );
}
