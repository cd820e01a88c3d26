import { useState } from 'react';
import type { Command } from '@mattermost/types/integrations';
import { client } from '../../api/client';
import { useT } from '../../i18n/useT';
import { ActionButton, useLoad } from '../admin/ui';
import { useUsernames } from './names';
import { CheckInput, CopyValue, CreatedDialog, FormDialog, IntegrationItem, SectionPage, SelectInput, TextInput } from './parts';

type Draft = Pick<Command, 'display_name' | 'description' | 'trigger' | 'url' | 'method' | 'username' | 'icon_url' | 'auto_complete' | 'auto_complete_hint' | 'auto_complete_desc'>;

function SlashCommandForm({ teamId, command, onClose, onSaved }: {
  teamId: string;
  command: Command | null;
  onClose: () => void;
  onSaved: (command: Command) => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>({
    display_name: command?.display_name ?? '', description: command?.description ?? '', trigger: command?.trigger ?? '',
    url: command?.url ?? '', method: command?.method || 'P', username: command?.username ?? '', icon_url: command?.icon_url ?? '',
    auto_complete: command?.auto_complete ?? false, auto_complete_hint: command?.auto_complete_hint ?? '',
    auto_complete_desc: command?.auto_complete_desc ?? '',
  });
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const save = async (): Promise<void> => {
    // The trigger is typed without its slash; a pasted "/word" is taken as "word".
    const fields = { ...draft, team_id: teamId, trigger: draft.trigger.trim().replace(/^\//, '') };
    onSaved(command ? await client.editCommand({ ...command, ...fields }) : await client.addCommand(fields as Command));
  };
  return (
    <FormDialog title={command ? t('integrations.commands.edit') : t('integrations.commands.add')} submitLabel={command ? t('common.save') : t('integrations.create')} onClose={onClose} onSubmit={save}>
      <TextInput label={t('integrations.displayName')} value={draft.display_name} onChange={set('display_name')} maxLength={64} />
      <TextInput label={t('integrations.description')} value={draft.description} onChange={set('description')} maxLength={128} />
      <TextInput label={t('integrations.commands.trigger')} value={draft.trigger} onChange={set('trigger')} required maxLength={128} help={t('integrations.commands.triggerHelp')} />
      <TextInput label={t('integrations.commands.url')} value={draft.url} onChange={set('url')} required help={t('integrations.commands.urlHelp')} />
      <SelectInput label={t('integrations.commands.method')} value={draft.method} onChange={(v) => set('method')(v === 'G' ? 'G' : 'P')} options={[{ value: 'P', label: 'POST' }, { value: 'G', label: 'GET' }]} />
      <TextInput label={t('integrations.username')} value={draft.username} onChange={set('username')} maxLength={64} help={t('integrations.usernameHelp')} />
      <TextInput label={t('integrations.iconUrl')} value={draft.icon_url} onChange={set('icon_url')} help={t('integrations.iconUrlHelp')} />
      <CheckInput label={t('integrations.commands.autocomplete')} value={draft.auto_complete} onChange={set('auto_complete')} help={t('integrations.commands.autocompleteHelp')} />
      {draft.auto_complete && (
        <>
          <TextInput label={t('integrations.commands.hint')} value={draft.auto_complete_hint} onChange={set('auto_complete_hint')} maxLength={1024} help={t('integrations.commands.hintHelp')} />
          <TextInput label={t('integrations.commands.autocompleteDescription')} value={draft.auto_complete_desc} onChange={set('auto_complete_desc')} maxLength={128} />
        </>
      )}
    </FormDialog>
  );
}

/** The team's custom slash commands: trigger, request URL and method, autocomplete text, the token requests carry. */
export function SlashCommands({ teamId }: { teamId: string }) {
  const t = useT();
  const commands = useLoad(() => client.getCustomTeamCommands(teamId), teamId);
  const [editing, setEditing] = useState<Command | 'new' | null>(null);
  const [created, setCreated] = useState<Command | null>(null);
  const list = commands.data ?? [];
  const username = useUsernames(list.map((c) => c.creator_id));
  const dialogs = (
    <>
      {editing && (
        <SlashCommandForm
          teamId={teamId}
          command={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(command) => {
            if (editing === 'new') setCreated(command);
            setEditing(null);
            commands.reload();
          }}
        />
      )}
      {created && (
        <CreatedDialog
          title={t('integrations.commands.created')}
          intro={t('integrations.commands.createdIntro')}
          values={[{ label: t('integrations.token'), value: created.token }]}
          onClose={() => setCreated(null)}
        />
      )}
    </>
  );
  return (
    <SectionPage
      title={t('integrations.commands.title')}
      intro={t('integrations.commands.intro')}
      addLabel={t('integrations.commands.add')}
      onAdd={() => setEditing('new')}
      error={commands.error}
      loading={commands.loading}
      count={list.length}
      emptyText={t('integrations.commands.empty')}
      dialogs={dialogs}
    >
      {list.map((command) => (
        <IntegrationItem
          key={command.id}
          title={`${command.display_name || command.trigger} – /${command.trigger}`}
          description={command.description}
          facts={[
            { label: t('integrations.commands.url'), value: `${command.method === 'G' ? 'GET' : 'POST'} ${command.url}` },
            command.auto_complete && { label: t('integrations.commands.hint'), value: `/${command.trigger} ${command.auto_complete_hint}`.trim() },
            command.auto_complete && !!command.auto_complete_desc && { label: t('integrations.commands.autocompleteDescription'), value: command.auto_complete_desc },
            { label: t('integrations.token'), value: <CopyValue label={t('integrations.token')} value={command.token} /> },
            { label: t('integrations.createdBy'), value: username(command.creator_id) },
          ]}
          actions={
            <>
              <ActionButton label={t('integrations.regenerateToken')} action={() => client.regenCommandToken(command.id)} onDone={commands.reload} />
              <button type="button" className="button small" onClick={() => setEditing(command)}>{t('integrations.edit')}</button>
              <ActionButton
                label={t('integrations.delete')}
                danger
                action={() => client.deleteCommand(command.id)}
                onDone={commands.reload}
                confirm={{ title: t('integrations.commands.deleteTitle'), body: t('integrations.deleteBody', { name: `/${command.trigger}` }), confirmLabel: t('integrations.delete') }}
              />
            </>
          }
        />
      ))}
    </SectionPage>
  );
}
