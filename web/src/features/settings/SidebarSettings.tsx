import type { ChannelCategory } from '@mattermost/types/channel_categories';
import { client, errorMessage } from '../../api/client';
import { useStore } from '../../store/store';
import { receivedCategories } from '../../store/actions/channels';
import { useT } from '../../i18n/useT';
import { showToast } from '../layout/Toast';

/** How each sidebar category sorts its channels (stored in the server's sidebar categories). */
export function SidebarSettings() {
  const t = useT();
  const teamId = useStore((s) => s.currentTeamId);
  const categories = useStore((s) => s.categories[s.currentTeamId] ?? []);
  const myId = useStore((s) => s.me?.id ?? '');
  if (categories.length === 0) return <p className="muted-text">{t('settings.noCategories')}</p>;
  const update = async (category: ChannelCategory, sorting: string): Promise<void> => {
    try {
      const saved = await client.updateChannelCategory(myId, teamId, { ...category, sorting } as ChannelCategory);
      receivedCategories(teamId, [saved]);
    } catch (err) {
      showToast(errorMessage(err));
    }
  };
  const label = (c: ChannelCategory): string =>
    c.type === 'favorites' ? t('sidebar.favorites') : c.type === 'channels' ? t('sidebar.channels') : c.type === 'direct_messages' ? t('sidebar.directMessages') : c.display_name;
  return (
    <div className="settings-section">
      <p className="muted-text">{t('settings.sortingHelp')}</p>
      {categories.map((c) => (
        <label key={c.id} className="setting-row">
          <span className="setting-label">{label(c)}</span>
          <select value={c.sorting || (c.type === 'direct_messages' ? 'recent' : 'alpha')} onChange={(e) => void update(c, e.target.value)}>
            <option value="alpha">{t('settings.sortAlpha')}</option>
            <option value="recent">{t('settings.sortRecent')}</option>
            <option value="manual">{t('settings.sortManual')}</option>
          </select>
        </label>
      ))}
    </div>
  );
}
