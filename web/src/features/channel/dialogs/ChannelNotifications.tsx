import { useState } from 'react';
import type { ChannelNotifyProps } from '@mattermost/types/channels';
import { errorMessage } from '../../../api/client';
import { useStore } from '../../../store/store';
import { channelTitle, collapsedThreads } from '../../../store/selectors';
import { updateChannelNotifyProps } from '../../../store/actions/channels';
import { effectiveLevel } from '../../../realtime/desktop_rules';
import { useT } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';
import { Checkbox, RadioList } from '../../settings/Choice';
import { notifyPropsOf } from '../../settings/notifyProps';
import '../../../styles/notifications.css';

type Settings = Record<'mark_unread' | 'ignore_channel_mentions' | 'desktop' | 'desktop_threads' | 'email' | 'push', string>;

/** The dialog's starting values: the membership's, with what 'default' stands for where a checkbox shows it. */
function initialSettings(channelProps: Readonly<Record<string, string>>, userProps: Readonly<Record<string, string>>): Settings {
  const ignore = channelProps.ignore_channel_mentions;
  return {
    mark_unread: channelProps.mark_unread === 'mention' ? 'mention' : 'all',
    ignore_channel_mentions: ignore === 'on' || ignore === 'off' ? ignore : userProps.channel === 'false' ? 'on' : 'off',
    desktop: channelProps.desktop || 'default',
    desktop_threads: effectiveLevel(userProps.desktop_threads, channelProps.desktop_threads, 'all') === 'all' ? 'all' : 'mention',
    email: channelProps.email || 'default',
    push: channelProps.push || 'default',
  };
}

/** Notification preferences of one channel (or group message), from the channel menu: mute, @channel, desktop, email, push. */
export function ChannelNotifications({ onClose }: { onClose: () => void }) {
  const t = useT();
  const channelId = useStore((s) => s.currentChannelId);
  const title = useStore((s) => channelTitle(s, s.channels[s.currentChannelId]));
  const channelProps = useStore((s) => s.members[s.currentChannelId]?.notify_props) as Readonly<Record<string, string>> | undefined;
  const me = useStore((s) => s.me);
  const crt = useStore(collapsedThreads);
  const emailOn = useStore((s) => s.config.SendEmailNotifications === 'true');
  const pushOn = useStore((s) => s.config.SendPushNotifications === 'true');
  const userProps = notifyPropsOf(me);
  const [initial] = useState(() => initialSettings(channelProps ?? {}, userProps));
  const [settings, setSettings] = useState<Settings>(initial);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const set = (changes: Partial<Settings>): void => setSettings((s) => ({ ...s, ...changes }));

  const levelLabel = (level: string): string => (level === 'all' ? t('notify.all') : level === 'none' ? t('notify.none') : t('notify.mentions'));
  const levelOptions = (userValue: string): Array<[string, string]> => [
    ['default', t('channelNotify.default', { value: levelLabel(userValue) })],
    ['all', t('notify.all')], ['mention', t('notify.mentions')], ['none', t('notify.none')],
  ];
  const muted = settings.mark_unread === 'mention';
  const desktopLevel = settings.desktop === 'default' ? userProps.desktop : settings.desktop;

  const save = async (): Promise<void> => {
    const changes = Object.fromEntries(Object.entries(settings).filter(([key, value]) => initial[key as keyof Settings] !== value));
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    try {
      await updateChannelNotifyProps(channelId, changes as Partial<ChannelNotifyProps>);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setSaving(false);
    }
  };

  return (
    <Modal
      title={t('channelNotify.title')}
      onClose={onClose}
      width={560}
      className="channel-notifications"
      footer={
        <>
          {error && <p className="form-error" role="alert">{error}</p>}
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="button primary" disabled={saving} onClick={() => void save()}>{t('common.save')}</button>
        </>
      }
    >
      <p className="muted-text channel-notifications-subtitle">{title}</p>
      <fieldset className="notify-section">
        <legend>{t('channelNotify.muteTitle')}</legend>
        <Checkbox label={t('channelNotify.mute')} hint={t('channelNotify.muteHint')} checked={muted} onChange={(on) => set({ mark_unread: on ? 'mention' : 'all' })} />
        <Checkbox
          label={t('channelNotify.ignoreChannelMentions')}
          hint={t('channelNotify.ignoreHint')}
          checked={settings.ignore_channel_mentions === 'on'}
          onChange={(on) => set({ ignore_channel_mentions: on ? 'on' : 'off' })}
        />
      </fieldset>
      {muted ? (
        <p className="notify-banner" role="note">{t('channelNotify.mutedBanner')}</p>
      ) : (
        <>
          <fieldset className="notify-section">
            <legend>{t('channelNotify.desktop')}</legend>
            <RadioList name={t('channelNotify.desktop')} value={settings.desktop} options={levelOptions(userProps.desktop)} onChange={(v) => set({ desktop: v })} />
            {crt && desktopLevel === 'mention' && (
              <Checkbox
                label={t('notify.desktopThreads')}
                checked={settings.desktop_threads === 'all'}
                onChange={(on) => set({ desktop_threads: on ? 'all' : 'mention' })}
              />
            )}
          </fieldset>
          {emailOn && (
            <fieldset className="notify-section">
              <legend>{t('channelNotify.email')}</legend>
              <RadioList
                name={t('channelNotify.email')}
                value={settings.email === 'mention' ? 'all' : settings.email}
                options={[
                  ['default', t('channelNotify.default', { value: userProps.email === 'false' ? t('settings.off') : t('settings.on') })],
                  ['all', t('settings.on')], ['none', t('settings.off')],
                ]}
                onChange={(v) => set({ email: v })}
              />
            </fieldset>
          )}
          {pushOn && (
            <fieldset className="notify-section">
              <legend>{t('channelNotify.push')}</legend>
              <RadioList name={t('channelNotify.push')} value={settings.push} options={levelOptions(userProps.push)} onChange={(v) => set({ push: v })} />
            </fieldset>
          )}
        </>
      )}
    </Modal>
  );
}
