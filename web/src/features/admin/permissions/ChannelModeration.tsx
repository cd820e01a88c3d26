import { useEffect, useState } from 'react';
import type { ChannelModeration as Moderation, ChannelModerationPatch } from '@mattermost/types/channels';
import { client, errorMessage } from '../../../api/client';
import { useT, type Translate } from '../../../i18n/useT';
import { LoadError, SaveBar, useLoad } from '../ui';
import { useCanEditPermissions } from './access';
import '../../../styles/admin_settings.css';

type Audience = 'members' | 'guests';
const AUDIENCES: Audience[] = ['members', 'guests'];

function moderationLabel(t: Translate, name: string): string {
  switch (name) {
    case 'create_post':
      return t('admin.moderation.createPost');
    case 'create_reactions':
      return t('admin.moderation.reactions');
    case 'manage_members':
      return t('admin.moderation.manageMembers');
    case 'use_channel_mentions':
      return t('admin.moderation.channelMentions');
    case 'manage_bookmarks':
      return t('admin.moderation.bookmarks');
    default:
      return name;
  }
}

/** The value the admin has chosen for one box, over what the server reported. */
type Choices = Record<string, Partial<Record<Audience, boolean>>>;

function patchesOf(moderations: Moderation[], choices: Choices): ChannelModerationPatch[] {
  return moderations.flatMap((m) => {
    const chosen = choices[m.name] ?? {};
    const roles: ChannelModerationPatch['roles'] = {};
    for (const audience of AUDIENCES) {
      const value = chosen[audience];
      if (value !== undefined && value !== m.roles[audience]?.value) roles[audience] = value;
    }
    return Object.keys(roles).length > 0 ? [{ name: m.name, roles }] : [];
  });
}

/** Channel moderation: which of a channel's members and guests may post, react, manage members and mention the channel. */
export function ChannelModeration({ channelId }: { channelId: string }) {
  const t = useT();
  const canEdit = useCanEditPermissions();
  const loaded = useLoad(() => client.getChannelModerations(channelId), `moderation:${channelId}`);
  const [moderations, setModerations] = useState<Moderation[]>([]);
  const [choices, setChoices] = useState<Choices>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const [savedNote, setSavedNote] = useState(false);
  useEffect(() => {
    if (loaded.data) setModerations(loaded.data);
    setChoices({});
  }, [loaded.data]);

  const patches = patchesOf(moderations, choices);
  const showGuests = moderations.some((m) => m.roles.guests !== undefined);
  const audiences = AUDIENCES.filter((a) => a === 'members' || showGuests);
  const title = (a: Audience): string => (a === 'members' ? t('admin.perm.allMembers') : t('admin.perm.guests'));

  const save = async (): Promise<void> => {
    setSaving(true);
    setError('');
    try {
      setModerations(await client.patchChannelModerations(channelId, patches));
      setChoices({});
      setSavedNote(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="channel-moderation" aria-label={t('admin.moderation.title')}>
      <h2>{t('admin.moderation.title')}</h2>
      <p className="muted-text">{t('admin.moderation.intro')}</p>
      <LoadError error={loaded.error} />
      {moderations.length > 0 && (
        <table className="permission-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.perm.permission')}</th>
              {audiences.map((a) => (
                <th scope="col" key={a}>
                  {title(a)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {moderations.map((m) => (
              <tr key={m.name} data-moderation={m.name}>
                <th scope="row">{moderationLabel(t, m.name)}</th>
                {audiences.map((a) => {
                  const role = m.roles[a];
                  if (!role) return <td key={a} />;
                  return (
                    <td key={a}>
                      <input
                        type="checkbox"
                        checked={choices[m.name]?.[a] ?? role.value}
                        // A box the scheme has switched off cannot be switched on for one channel.
                        disabled={!canEdit || !role.enabled}
                        title={role.enabled ? undefined : t('admin.moderation.disabledByScheme')}
                        aria-label={`${moderationLabel(t, m.name)}: ${title(a)}`}
                        onChange={(e) => {
                          setChoices({ ...choices, [m.name]: { ...choices[m.name], [a]: e.target.checked } });
                          setSavedNote(false);
                        }}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && moderations.length > 0 && (
        <SaveBar dirty={patches.length > 0} saving={saving} saved={savedNote} error={error} label={t('admin.moderation.save')} onSave={() => void save()} />
      )}
    </section>
  );
}
