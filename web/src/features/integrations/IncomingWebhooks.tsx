import { useState } from 'react';
import type { IncomingWebhook } from '@mattermost/types/integrations';
import { client } from '../../api/client';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store/store';
import { ActionButton, useLoad } from '../admin/ui';
import { incomingHookUrl } from './hook_url';
import { useChannelName, useUsernames } from './names';
import { ChannelSelect, CheckInput, CopyValue, CreatedDialog, FormDialog, IntegrationItem, SectionPage, TextInput } from './parts';

type Draft = Pick<IncomingWebhook, 'display_name' | 'description' | 'channel_id' | 'channel_locked' | 'username' | 'icon_url'>;

function IncomingWebhookForm({ teamId, hook, onClose, onSaved }: {
  teamId: string;
  hook: IncomingWebhook | null;
  onClose: () => void;
  onSaved: (hook: IncomingWebhook) => void;
}) {
  const t = useT();
  const usernameOverride = useStore((s) => s.config.EnablePostUsernameOverride === 'true');
  const iconOverride = useStore((s) => s.config.EnablePostIconOverride === 'true');
  const [draft, setDraft] = useState<Draft>({
    display_name: hook?.display_name ?? '', description: hook?.description ?? '', channel_id: hook?.channel_id ?? '',
    channel_locked: hook?.channel_locked ?? false, username: hook?.username ?? '', icon_url: hook?.icon_url ?? '',
  });
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const save = async (): Promise<void> => {
    const saved = hook ? await client.updateIncomingWebhook({ ...hook, ...draft }) : await client.createIncomingWebhook(draft);
    onSaved(saved);
  };
  return (
    <FormDialog title={hook ? t('integrations.incoming.edit') : t('integrations.incoming.add')} submitLabel={hook ? t('common.save') : t('integrations.create')} onClose={onClose} onSubmit={save}>
      <TextInput label={t('integrations.displayName')} value={draft.display_name} onChange={set('display_name')} maxLength={64} />
      <TextInput label={t('integrations.description')} value={draft.description} onChange={set('description')} maxLength={500} />
      <ChannelSelect label={t('integrations.channel')} teamId={teamId} value={draft.channel_id} onChange={set('channel_id')} noneLabel={draft.channel_id ? undefined : t('integrations.chooseChannel')} help={t('integrations.incoming.channelHelp')} />
      <CheckInput label={t('integrations.incoming.lock')} value={draft.channel_locked} onChange={set('channel_locked')} help={t('integrations.incoming.lockHelp')} />
      {usernameOverride && <TextInput label={t('integrations.username')} value={draft.username} onChange={set('username')} maxLength={64} help={t('integrations.usernameHelp')} />}
      {iconOverride && <TextInput label={t('integrations.iconUrl')} value={draft.icon_url} onChange={set('icon_url')} help={t('integrations.iconUrlHelp')} />}
    </FormDialog>
  );
}

/** Incoming webhooks of a team: each with its URL to copy; add, edit and delete. */
export function IncomingWebhooks({ teamId }: { teamId: string }) {
  const t = useT();
  const siteUrl = useStore((s) => s.config.SiteURL);
  const hooks = useLoad(async () => (await client.getIncomingWebhooks(teamId, 0, 200)) as IncomingWebhook[], teamId);
  const [editing, setEditing] = useState<IncomingWebhook | 'new' | null>(null);
  const [created, setCreated] = useState<IncomingWebhook | null>(null);
  const list = hooks.data ?? [];
  const username = useUsernames(list.map((h) => h.user_id));
  const channelName = useChannelName();
  const urlOf = (hook: IncomingWebhook): string => incomingHookUrl(siteUrl, window.location.origin, hook.id);
  const dialogs = (
    <>
      {editing && (
        <IncomingWebhookForm
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
          title={t('integrations.incoming.created')}
          intro={t('integrations.incoming.createdIntro')}
          values={[{ label: t('integrations.url'), value: urlOf(created) }]}
          onClose={() => setCreated(null)}
        />
      )}
    </>
  );
  return (
    <SectionPage
      title={t('integrations.incoming.title')}
      intro={t('integrations.incoming.intro')}
      addLabel={t('integrations.incoming.add')}
      onAdd={() => setEditing('new')}
      error={hooks.error}
      loading={hooks.loading}
      count={list.length}
      emptyText={t('integrations.incoming.empty')}
      dialogs={dialogs}
    >
      {list.map((hook) => (
        <IntegrationItem
          key={hook.id}
          title={hook.display_name || channelName(hook.channel_id)}
          description={hook.description}
          facts={[
            { label: t('integrations.url'), value: <CopyValue label={t('integrations.url')} value={urlOf(hook)} /> },
            { label: t('integrations.channel'), value: channelName(hook.channel_id) },
            hook.channel_locked && { label: t('integrations.incoming.locked'), value: t('integrations.yes') },
            { label: t('integrations.createdBy'), value: username(hook.user_id) },
          ]}
          actions={
            <>
              <button type="button" className="button small" onClick={() => setEditing(hook)}>{t('integrations.edit')}</button>
              <ActionButton
                label={t('integrations.delete')}
                danger
                action={() => client.removeIncomingWebhook(hook.id)}
                onDone={hooks.reload}
                confirm={{ title: t('integrations.incoming.deleteTitle'), body: t('integrations.deleteBody', { name: hook.display_name || hook.id }), confirmLabel: t('integrations.delete') }}
              />
            </>
          }
        />
      ))}
    </SectionPage>
  );
}
