import { useState } from 'react';
import type { OAuthApp } from '@mattermost/types/integrations';
import { client } from '../../api/client';
import { useT } from '../../i18n/useT';
import { ActionButton, useLoad } from '../admin/ui';
import { joinLines, parseLines } from './lines';
import { useUsernames } from './names';
import { CheckInput, CopyValue, CreatedDialog, FormDialog, IntegrationItem, LinesInput, SectionPage, TextInput } from './parts';

interface Draft {
  name: string;
  description: string;
  homepage: string;
  icon_url: string;
  callback_urls: string;
  is_trusted: boolean;
}

function OAuthAppForm({ app, mayTrust, onClose, onSaved }: {
  app: OAuthApp | null;
  mayTrust: boolean;
  onClose: () => void;
  onSaved: (app: OAuthApp) => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>({
    name: app?.name ?? '', description: app?.description ?? '', homepage: app?.homepage ?? '', icon_url: app?.icon_url ?? '',
    callback_urls: joinLines(app?.callback_urls), is_trusted: app?.is_trusted ?? false,
  });
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const save = async (): Promise<void> => {
    const fields = { ...draft, callback_urls: parseLines(draft.callback_urls), is_trusted: mayTrust && draft.is_trusted };
    onSaved(app ? await client.editOAuthApp({ ...app, ...fields }) : await client.createOAuthApp(fields));
  };
  return (
    <FormDialog title={app ? t('integrations.oauth.edit') : t('integrations.oauth.add')} submitLabel={app ? t('common.save') : t('integrations.create')} onClose={onClose} onSubmit={save}>
      {mayTrust && <CheckInput label={t('integrations.oauth.trusted')} value={draft.is_trusted} onChange={set('is_trusted')} help={t('integrations.oauth.trustedHelp')} />}
      <TextInput label={t('integrations.oauth.name')} value={draft.name} onChange={set('name')} required maxLength={64} />
      <TextInput label={t('integrations.description')} value={draft.description} onChange={set('description')} required maxLength={512} />
      <TextInput label={t('integrations.oauth.homepage')} value={draft.homepage} onChange={set('homepage')} required placeholder="https://" />
      <TextInput label={t('integrations.iconUrl')} value={draft.icon_url} onChange={set('icon_url')} placeholder="https://" />
      <LinesInput label={t('integrations.oauth.callbackUrls')} value={draft.callback_urls} onChange={set('callback_urls')} required help={t('integrations.oauth.callbackUrlsHelp')} />
    </FormDialog>
  );
}

/** OAuth 2.0 applications: client id and secret (shown after creating, regenerable), callback URLs, trusted for admins. */
export function OAuthApps({ permissions }: { permissions: ReadonlySet<string> }) {
  const t = useT();
  const apps = useLoad(() => client.getOAuthApps(0, 200), 'oauth');
  const [editing, setEditing] = useState<OAuthApp | 'new' | null>(null);
  const [created, setCreated] = useState<OAuthApp | null>(null);
  const list = apps.data ?? [];
  const username = useUsernames(list.map((a) => a.creator_id));
  // Only a system admin may skip the consent screen for an app (Mattermost's rule).
  const mayTrust = permissions.has('manage_system');
  const dialogs = (
    <>
      {editing && (
        <OAuthAppForm
          app={editing === 'new' ? null : editing}
          mayTrust={mayTrust}
          onClose={() => setEditing(null)}
          onSaved={(app) => {
            if (editing === 'new') setCreated(app);
            setEditing(null);
            apps.reload();
          }}
        />
      )}
      {created && (
        <CreatedDialog
          title={t('integrations.oauth.created')}
          intro={t('integrations.oauth.createdIntro')}
          values={[{ label: t('integrations.oauth.clientId'), value: created.id }, { label: t('integrations.oauth.clientSecret'), value: created.client_secret }]}
          onClose={() => setCreated(null)}
        />
      )}
    </>
  );
  return (
    <SectionPage
      title={t('integrations.oauth.title')}
      intro={t('integrations.oauth.intro')}
      addLabel={t('integrations.oauth.add')}
      onAdd={() => setEditing('new')}
      error={apps.error}
      loading={apps.loading}
      count={list.length}
      emptyText={t('integrations.oauth.empty')}
      dialogs={dialogs}
    >
      {list.map((app) => (
        <IntegrationItem
          key={app.id}
          title={app.name}
          description={app.description}
          facts={[
            { label: t('integrations.oauth.clientId'), value: <CopyValue label={t('integrations.oauth.clientId')} value={app.id} /> },
            !!app.client_secret && { label: t('integrations.oauth.clientSecret'), value: <CopyValue label={t('integrations.oauth.clientSecret')} value={app.client_secret} /> },
            { label: t('integrations.oauth.homepage'), value: app.homepage },
            { label: t('integrations.oauth.callbackUrls'), value: app.callback_urls.join(', ') },
            app.is_trusted && { label: t('integrations.oauth.trusted'), value: t('integrations.yes') },
            { label: t('integrations.createdBy'), value: username(app.creator_id) },
          ]}
          actions={
            <>
              <ActionButton label={t('integrations.oauth.regenerateSecret')} action={() => client.regenOAuthAppSecret(app.id)} onDone={apps.reload} />
              <button type="button" className="button small" onClick={() => setEditing(app)}>{t('integrations.edit')}</button>
              <ActionButton
                label={t('integrations.delete')}
                danger
                action={() => client.deleteOAuthApp(app.id)}
                onDone={apps.reload}
                confirm={{ title: t('integrations.oauth.deleteTitle'), body: t('integrations.deleteBody', { name: app.name }), confirmLabel: t('integrations.delete') }}
              />
            </>
          }
        />
      ))}
    </SectionPage>
  );
}
