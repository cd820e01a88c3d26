import { useEffect, useState, type FormEvent } from 'react';
import type { Team } from '@mattermost/types/teams';
import { errorMessage } from '../../api/client';
import { useT } from '../../i18n/useT';
import { navigate } from '../../router/navigate';
import { AppLink } from '../../ui/AppLink';
import { createTeam, joinTeam, listJoinableTeams, logout } from '../../store/actions/session';
import { useStore } from '../../store/store';
import { AuthLayout } from '../auth/AuthLayout';
import { slugify } from './teamName';

/** Join an open team or create one (also the first screen of a brand-new server). */
export function SelectTeamPage({ create }: { create: boolean }) {
  const t = useT();
  const hasTeams = useStore((s) => s.myTeamIds.length > 0);
  const [joinable, setJoinable] = useState<Team[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    listJoinableTeams().then(setJoinable, () => setJoinable([]));
  }, []);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const slug = slugify(name);
    if (slug.length < 2) {
      setError(t('teams.nameTooShort'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const team = await createTeam(name.trim(), slug);
      navigate(`/${team.name}/channels/town-square`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const join = async (team: Team): Promise<void> => {
    setBusy(true);
    try {
      await joinTeam(team);
      navigate(`/${team.name}/channels/town-square`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={create ? t('teams.createTitle') : t('teams.selectTitle')} subtitle={t('teams.selectSubtitle')}>
      {joinable && joinable.length > 0 && (
        <div className="team-join-list">
          <h2 className="section-label">{t('teams.openTeams')}</h2>
          <ul>
            {joinable.map((team) => (
              <li key={team.id}>
                <span className="team-icon small">{team.display_name.slice(0, 2)}</span>
                <span className="grow">{team.display_name}</span>
                <button className="button" type="button" disabled={busy} onClick={() => void join(team)}>
                  {t('teams.join')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('teams.teamName')}</span>
          <input name="teamName" value={name} onChange={(e) => setName(e.target.value)} autoFocus required maxLength={64} />
          {name && <small>{t('teams.urlPreview', { url: `${window.location.host}/${slugify(name)}` })}</small>}
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        <button className="button primary wide" type="submit" disabled={busy}>
          {t('teams.create')}
        </button>
      </form>
      <p className="auth-switch">
        {hasTeams ? (
          <AppLink to="/">{t('teams.back')}</AppLink>
        ) : (
          <button type="button" className="link-button" onClick={() => void logout()}>{t('menu.logout')}</button>
        )}
      </p>
    </AuthLayout>
  );
}
