import { useState } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { client } from '../../api/client';
import { useT } from '../../i18n/useT';
import { Avatar } from '../people/Avatar';
import { ActionButton, ConsoleLink, LoadError, Pager, useLoad } from './ui';

/** What the console needs of a team or channel membership. */
export interface Membership {
  user_id: string;
  scheme_admin: boolean;
  scheme_guest?: boolean;
}

const PER_PAGE = 50;

interface MembersCardProps {
  /** changes whenever the members may have changed (reloads the card) */
  reloadKey: string;
  load: (page: number, perPage: number) => Promise<Membership[]>;
  setAdmin: (userId: string, admin: boolean) => Promise<unknown>;
  kind: 'team' | 'channel';
  readOnly?: boolean;
}

async function withProfiles(members: Membership[]): Promise<Array<{ member: Membership; user: UserProfile | undefined }>> {
  const users = members.length ? await client.getProfilesByIds(members.map((m) => m.user_id)) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return members.map((member) => ({ member, user: byId.get(member.user_id) }));
}

/** A team's or channel's members with their role, and the action that makes or unmakes an admin. */
export function MembersCard({ reloadKey, load, setAdmin, kind, readOnly }: MembersCardProps) {
  const t = useT();
  const [page, setPage] = useState(0);
  const members = useLoad(async () => withProfiles(await load(page, PER_PAGE)), `${reloadKey}:${page}`);
  const adminLabel = kind === 'team' ? t('admin.members.teamAdmin') : t('admin.members.channelAdmin');
  return (
    <div className="admin-card">
      <h2>{t('admin.members.title')}</h2>
      <LoadError error={members.error} />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.user')}</th>
            <th scope="col">{t('admin.users.role')}</th>
            <th scope="col"><span className="sr-only">{t('admin.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {(members.data ?? []).map(({ member, user }) => (
            <tr key={member.user_id} data-username={user?.username}>
              <td>
                <ConsoleLink to={`user_management/users/${member.user_id}`} className="admin-user-cell">
                  <Avatar userId={member.user_id} size={24} />
                  <span>{user ? `@${user.username}` : member.user_id}</span>
                </ConsoleLink>
              </td>
              <td>{member.scheme_admin ? adminLabel : member.scheme_guest ? t('admin.role.guest') : t('admin.members.member')}</td>
              <td className="admin-cell-actions">
                {!readOnly && !member.scheme_guest && (
                  <ActionButton
                    label={member.scheme_admin ? t('admin.members.removeAdmin') : t('admin.members.makeAdmin')}
                    action={() => setAdmin(member.user_id, !member.scheme_admin)}
                    onDone={members.reload}
                  />
                )}
              </td>
            </tr>
          ))}
          {!members.loading && members.data?.length === 0 && (
            <tr><td colSpan={3} className="empty">{t('admin.members.none')}</td></tr>
          )}
        </tbody>
      </table>
      <Pager page={page} hasNext={(members.data?.length ?? 0) === PER_PAGE} onPage={setPage} />
    </div>
  );
}
