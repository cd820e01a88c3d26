import { useState } from 'react';
import type { Bot } from '@mattermost/types/bots';
import { client } from '../../api/client';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { ActionButton, useLoad } from '../admin/ui';
import { AccessTokens } from './AccessTokens';
import { useUsernames } from './names';
import { FormDialog, IntegrationItem, SectionPage, TextInput } from './parts';

type Draft = Pick<Bot, 'username' | 'display_name' | 'description'>;

function BotForm({ bot, onClose, onSaved }: { bot: Bot | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Required<Draft>>({ username: bot?.username ?? '', display_name: bot?.display_name ?? '', description: bot?.description ?? '' });
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const save = async (): Promise<void> => {
    const fields = { ...draft, username: draft.username.trim().toLowerCase() };
    await (bot ? client.patchBot(bot.user_id, fields) : client.createBot(fields));
    onSaved();
  };
  return (
    <FormDialog title={bot ? t('integrations.bots.edit') : t('integrations.bots.add')} submitLabel={bot ? t('common.save') : t('integrations.create')} onClose={onClose} onSubmit={save}>
      <TextInput label={t('integrations.username')} value={draft.username} onChange={set('username')} required maxLength={22} help={t('integrations.bots.usernameHelp')} />
      <TextInput label={t('integrations.displayName')} value={draft.display_name} onChange={set('display_name')} maxLength={64} />
      <TextInput label={t('integrations.description')} value={draft.description} onChange={set('description')} maxLength={1024} />
    </FormDialog>
  );
}

/** Bot accounts: add and edit, disable and enable, and the access tokens a bot signs in with. */
export function Bots({ canCreate, canUseTokens }: { canCreate: boolean; canUseTokens: boolean }) {
  const t = useT();
  const bots = useLoad(() => client.getBotsIncludeDeleted(0, 200), 'bots');
  const [editing, setEditing] = useState<Bot | 'new' | null>(null);
  const [tokensOf, setTokensOf] = useState<Bot | null>(null);
  const list = bots.data ?? [];
  const username = useUsernames(list.map((b) => b.owner_id));
  const dialogs = (
    <>
      {editing && (
        <BotForm
          bot={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            bots.reload();
          }}
        />
      )}
      {tokensOf && (
        <Modal title={t('integrations.bots.tokensOf', { name: `@${tokensOf.username}` })} onClose={() => setTokensOf(null)} width={620}>
          <AccessTokens userId={tokensOf.user_id} />
        </Modal>
      )}
    </>
  );
  return (
    <SectionPage
      title={t('integrations.bots.title')}
      intro={t('integrations.bots.intro')}
      addLabel={canCreate ? t('integrations.bots.add') : undefined}
      onAdd={() => setEditing('new')}
      error={bots.error}
      loading={bots.loading}
      count={list.length}
      emptyText={t('integrations.bots.empty')}
      dialogs={dialogs}
    >
      {list.map((bot) => {
        const disabled = bot.delete_at > 0;
        return (
          <IntegrationItem
            key={bot.user_id}
            muted={disabled}
            title={`${bot.display_name || bot.username} (@${bot.username})`}
            description={bot.description}
            facts={[
              { label: t('integrations.bots.owner'), value: username(bot.owner_id) },
              disabled && { label: t('integrations.bots.status'), value: t('integrations.bots.disabled') },
            ]}
            actions={
              disabled ? (
                <ActionButton label={t('integrations.bots.enable')} primary action={() => client.enableBot(bot.user_id)} onDone={bots.reload} />
              ) : (
                <>
                  {canUseTokens && <button type="button" className="button small" onClick={() => setTokensOf(bot)}>{t('integrations.bots.tokens')}</button>}
                  <button type="button" className="button small" onClick={() => setEditing(bot)}>{t('integrations.edit')}</button>
                  <ActionButton
                    label={t('integrations.bots.disable')}
                    danger
                    action={() => client.disableBot(bot.user_id)}
                    onDone={bots.reload}
                    confirm={{ title: t('integrations.bots.disableTitle'), body: t('integrations.bots.disableBody', { name: `@${bot.username}` }), confirmLabel: t('integrations.bots.disable') }}
                  />
                </>
              )
            }
          />
        );
      })}
    </SectionPage>
  );
}
