import { setState, useStore } from '../../store/store';
import { channelTitle } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';

/** The top of a channel's history. */
export function ChannelIntro({ channelId }: { channelId: string }) {
  const t = useT();
  const channel = useStore((s) => s.channels[channelId]);
  const title = useStore((s) => channelTitle(s, s.channels[channelId]));
  if (!channel) return null;
  const direct = channel.type === 'D' || channel.type === 'G';
  return (
    <div className="channel-intro">
      <div className="channel-intro-icon">
        <Icon name={direct ? 'message' : channel.type === 'P' ? 'lock' : 'hash'} size={28} />
      </div>
      <h2>{direct ? t('intro.direct', { name: title }) : t('intro.channel', { name: title })}</h2>
      {channel.purpose && <p>{channel.purpose}</p>}
      {!direct && channel.name !== 'town-square' && channel.delete_at === 0 && (
        <button type="button" className="button" onClick={() => setState({ modal: 'channel:add-members' })}>
          <Icon name="users" size={16} /> {t('channel.addMembers')}
        </button>
      )}
    </div>
  );
}
