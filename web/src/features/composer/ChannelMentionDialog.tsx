import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import type { ChannelMentionConfirm } from './channel_mention_confirm';

/** "Send notifications to N people?" before a message with @channel, @all or @here goes out. Cancel keeps the draft. */
export function ChannelMentionDialog({ confirm, channelName, onConfirm, onCancel }: {
  confirm: ChannelMentionConfirm; channelName: string; onConfirm: () => void; onCancel: () => void;
}) {
  const t = useT();
  const mentions = confirm.mentions.map((m) => `@${m}`).join(', ');
  return (
    <Modal
      title={t('composer.confirmMentionsTitle', { count: confirm.count })}
      onClose={onCancel}
      width={460}
      className="channel-mention-confirm"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>{t('common.cancel')}</button>
          <button type="button" className="button primary" onClick={onConfirm}>{t('composer.confirmMentionsSend')}</button>
        </>
      }
    >
      <p>{t('composer.confirmMentionsBody', { mentions, count: confirm.count, channel: channelName })}</p>
    </Modal>
  );
}
