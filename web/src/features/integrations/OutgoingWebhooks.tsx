import { useState } from 'react';
import type { OutgoingWebhook } from '@mattermost/types/integrations';
import { client } from '../../api/client';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store/store';
import { ActionButton, useLoad } from '../admin/ui';
import { joinLines, parseLines } from './lines';
import { useChannelName, useUsernames } from './names';
import { ChannelSelect, CopyValue, CreatedDialog, FormDialog, IntegrationItem, LinesInput, SectionPage, SelectInput, TextInput } from './parts';

const FORM_CONTENT = 'application/x-www-form-urlencoded';
const JSON_CONTENT = 'application/json';

interface Draft {
  display_name: string;
  description: string;
  content_type: string;
  channel_id: string;
  trigger_words: string;
  trigger_when: string;
  callback_urls: string;
  username: string;
  icon_url: string;
}

function OutgoingWebhookForm({ teamId, hook, onClose, onSaved }: {
  teamId: string;
  hook: OutgoingWebhook | null;
  onClose: () => void;
  onSaved: (hook: OutgoingWebhook) => void;
}) {
  const t = useT();
  const usernameOverride = useStore((s) => s.config.EnablePostUsernameOverride === 'true');
  const iconOverride = useStore((s) => s.config.EnablePostIconOverride === 'true');
  const [draft, setDraft] = useState<Draft>({
    display_name: hook?.display_name ?? '', description: hook?.description ?? '', content_type: hook?.content_type || FORM_CONTENT,
    channel_id: hook?.channel_id ?? '', trigger_words: joinLines(hook?.trigger_words), trigger_when: String(hook?.trigger_when ?? 0),
    callback_urls: joinLines(hook?.callback_urls), username: hook?.username ?? '', icon_url: hook?.icon_url ?? '',
  });
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const save = async (): Promise<void> => {
    const fields = {
      ...draft, team_id: teamId, trigger_words: parseLines(draft.trigger_words), trigger_when: Number(draft.trigger_when),
      callback_urls: parseLines(draft.callback_urls),
    };
    const saved = hook ? await client.updateOutgoingWebhook({ ...hook, ...fields }) : await client.createOutgoingWebhook(fields as OutgoingWebhook);
    onSaved(saved);
  };
  return (
    <FormDialog title={hook ? t('integrations.outgoing.edit') : t('integrations.outgoing.add')} submitLabel={hook ? t('common.save') : t('integrations.create')} onClose={onClose} onSubmit={save}>
      <TextInput label={t('integrations.displayName')} value={draft.display_name} onChange={set('display_name')} maxLength={64} />
      <TextInput label={t('integrations.description')} value={draft.description} onChange={set('description')} maxLength={500} />
      <SelectInput
        label={t('integrations.outgoing.contentType')}
        value={draft.content_type}
        onChange={set('content_type')}
        options={[{ value: FORM_CONTENT, label: FORM_CONTENT }, { value: JSON_CONTENT, label: JSON_CONTENT }]}
      />
      <ChannelSelect label={t('integrations.channel')} teamId={teamId} publicOnly value={draft.channel_id} onChange={set('channel_id')} noneLabel={t('integrations.outgoing.anyChannel')} help={t('integrations.outgoing.channelHelp')} />
      <LinesInput label={t('integrations.outgoing.triggerWords')} value={draft.trigger_words} onChange={set('trigger_words')} help={t('integrations.outgoing.triggerWordsHelp')} />
      <SelectInput
        label={t('integrations.outgoing.triggerWhen')}
        value={draft.trigger_when}
        onChange={set('trigger_when')}
        options={[{ value: '0', label: t('integrations.outgoing.whenExact') }, { value: '1', label: t('integrations.outgoing.whenStarts') }]}
      />
      <LinesInput label={t('integrations.outgoing.callbackUrls')} value={draft.callback_urls} onChange={set('callback_urls')} required help={t('integrations.outgoing.callbackUrlsHelp')} />
      {usernameOverride && <TextInput label={t('integrations.username')} value={draft.username} onChange={set('username')} maxLength={64} help={t('integrations.usernameHelp')} />}
      {iconOverride && <TextInput label={t('integrations.iconUrl')} value={draft.icon_url} onChange={set('icon_url')} help={t('integrations.iconUrlHelp')} />}
    </FormDialog>
  );
}

/** Outgoing webhooks of a team: trigger words, callback URLs and the token their receivers check. */
export function OutgoingWebhooks({ teamId }: { teamId: string }) {
  const t = useT();
  const hooks = useLoad(() => client.getOutgoingWebhooks('', teamId, 0, 200), teamId);
  const [editing, setEditing] = useState<OutgoingWebhook | 'new' | null>(null);
  const [created, setCreated] = useState<OutgoingWebhook | null>(null);
  const list = hooks.data ?? [];
  const username = useUsernames(list.map((h) => h.creator_id));
  const channelName = useChannelName();
  const dialogs = (
    <>
      {editing && (
        <OutgoingWebhookForm
          teamId={teamId}
          hook={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(hook) => {
            if (editing === 'new') setCreated(hook);
            setEditing(null);
            hooks.reload();
          }}
        />
      )}
      {created && (
        <CreatedDialog
          title={t('integrations.outgoing.created')}
          intro={t('integrations.outgoing.createdIntro')}
          values={[{ label: t('integrations.token'), value: created.token }]}
          onClose={() => setCreated(null)}
        />
      )}
    </>
  );
  return (
    <SectionPage
      title={t('integrations.outgoing.title')}
      intro={t('integrations.outgoing.intro')}
      addLabel={t('integrations.outgoing.add')}
      onAdd={() => setEditing('new')}
      error={hooks.error}
      loading={hooks.loading}
      count={list.length}
      emptyText={t('integrations.outgoing.empty')}
      dialogs={dialogs}
    >
      {list.map((hook) => (
        <IntegrationItem
          key={hook.id}
          title={hook.display_name || hook.trigger_words.join(', ') || hook.id}
          description={hook.description}
          facts={[
            { label: t('integrations.outgoing.contentType'), value: hook.content_type },
            { label: t('integrations.channel'), value: hook.channel_id ? channelName(hook.channel_id) : t('integrations.outgoing.anyChannel') },
            hook.trigger_words.length > 0 && { label: t('integrations.outgoing.triggerWords'), value: hook.trigger_words.join(', ') },
            { label: t('integrations.outgoing.triggerWhen'), value: hook.trigger_when === 1 ? t('integrations.outgoing.whenStarts') : t('integrations.outgoing.whenExact') },
            { label: t('integrations.outgoing.callbackUrls'), value: hook.callback_urls.join(', ') },
            { label: t('integrations.token'), value: <CopyValue label={t('integrations.token')} value={hook.token} /> },
            { label: t('integrations.createdBy'), value: username(hook.creator_id) },
          ]}
          actions={
            <>
              <ActionButton label={t('integrations.regenerateToken')} action={() => client.regenOutgoingHookToken(hook.id)} onDone={hooks.reload} />
              <button type="button" className="button small" onClick={() => setEditing(hook)}>{t('integrations.edit')}</button>
              <ActionButton
                label={t('integrations.delete')}
                danger
                action={() => client.removeOutgoingWebhook(hook.id)}
                onDone={hooks.reload}
                confirm={{ title: t('integrations.outgoing.deleteTitle'), body: t('integrations.deleteBody', { name: hook.display_name || hook.id }), confirmLabel: t('integrations.delete') }}
              />
            </>
          }
        />
      ))}
    </SectionPage>
  );
}
