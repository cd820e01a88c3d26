import { useEffect, useState } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { client, errorMessage } from '../../api/client';
import { setState, useStore } from '../../store/store';
import { receivedUsers, loadStatuses } from '../../store/actions/users';
import { removeMember } from '../../store/actions/channels';
import { useT } from '../../i18n/useT';
import { Avatar, openProfile } from '../people/Avatar';
import { PersonLabel } from '../people/PersonLabel';
import { Icon } from '../../ui/icons';
import { showToast } from '../layout/Toast';

export function MembersPanel({ channelId }: { channelId: string }) {
  const t = useT();
  const [members, setMembers] = useState<UserProfile[] | null>(null);
  const count = useStore((s) => s.memberCounts[channelId]);
  const myId = useStore((s) => s.me?.id);
  const channel = useStore((s) => s.channels[channelId]);
  // An archived channel's members stay as they were: nobody is added or removed.
  const archived = (channel?.delete_at ?? 0) > 0;
  const canManage = useStore((s) => (s.me?.roles ?? '').includes('system_admin') || (s.members[channelId]?.roles ?? '').includes('channel_admin') || s.channels[channelId]?.type === 'O');
  useEffect(() => {
    client.getProfilesInChannel(channelId, 0, 200).then((users) => {
      receivedUsers(users);
      void loadStatuses(users.map((u) => u.id));
      setMembers(users.sort((a, b) => a.username.localeCompare(b.username)));
    }, (err: unknown) => showToast(errorMessage(err)));
  }, [channelId, count]);
  if (!members) return <div className="center-loading"><div className="spinner" /></div>;
  return (
    <div className="rhs-list members-panel">
      {channel?.name !== 'town-square' && !archived && (
        <button type="button" className="button wide" onClick={() => setState({ modal: 'channel:add-members' })}>
          <Icon name="plus" size={16} /> {t('channel.addMembers')}
        </button>
      )}
      <ul className="member-list">
        {members.map((u) => (
          <li key={u.id}>
            <button type="button" className="member-button" onClick={(e) => openProfile(u.id, e.currentTarget)}>
              <Avatar userId={u.id} size={32} showStatus />
              <PersonLabel user={u} />
            </button>
            {canManage && u.id !== myId && channel?.name !== 'town-square' && !archived && (
              <button
                type="button"
                className="link-button danger"
                onClick={() => void removeMember(channelId, u.id).catch((err: unknown) => showToast(errorMessage(err)))}
              >
                {t('members.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
