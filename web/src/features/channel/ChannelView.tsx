import { useStore } from '../../store/store';
import { useT } from '../../i18n/useT';
import { ChannelHeader } from './ChannelHeader';
import { PostList } from '../posts/PostList';
import { Composer } from '../composer/Composer';
import { TypingIndicator } from '../composer/TypingIndicator';

export function ChannelView() {
  const t = useT();
  const channelId = useStore((s) => s.currentChannelId);
  const channel = useStore((s) => s.channels[s.currentChannelId]);
  if (!channelId || !channel) {
    return (
      <div className="center-loading" role="status">
        <div className="spinner" />
        <span className="sr-only">{t('app.loading')}</span>
      </div>
    );
  }
  return (
    <div className="channel-view">
      <ChannelHeader channelId={channelId} />
      <PostList key={channelId} channelId={channelId} />
      <div className="composer-area">
        {channel.delete_at > 0 ? (
          <div className="archived-note">{t('channel.archivedNote')}</div>
        ) : (
          <Composer channelId={channelId} rootId="" />
        )}
        <TypingIndicator channelId={channelId} rootId="" />
      </div>
    </div>
  );
}
