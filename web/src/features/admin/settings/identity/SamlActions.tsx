import { useCallback, useEffect, useRef, useState } from 'react';
import type { SamlCertificateStatus } from '@mattermost/types/saml';
import { client, serverError } from '../../../../api/client';
import { useT } from '../../../../i18n/useT';
import type { PageWidgetProps } from '../page';
import { ActionSetting } from '../ActionSetting';
import { deleteSamlCertificate, samlCertificateStatus, samlMetadataFromIdp, uploadSamlCertificate, type SamlCertificateKind } from './api';

/**
 * The SAML page's buttons: read the identity provider's metadata into the unsaved form (and install the
 * certificate it names, as Mattermost's console does), and the three certificate files.
 */
export function SamlActions({ draft, change }: PageWidgetProps) {
  const t = useT();
  const url = draft.SamlSettings?.IdpMetadataURL ?? '';
  const [status, setStatus] = useState<SamlCertificateStatus | null>(null);
  const [statusError, setStatusError] = useState('');
  const reloadStatus = useCallback(async (): Promise<void> => {
    try {
      setStatus(await samlCertificateStatus());
      setStatusError('');
    } catch (err) {
      setStatusError(serverError(err).message);
    }
  }, []);
  useEffect(() => {
    void reloadStatus();
  }, [reloadStatus]);

  const fetchMetadata = async (): Promise<string> => {
    const metadata = await samlMetadataFromIdp(url.trim());
    if (metadata.idp_url) change('SamlSettings.IdpURL', metadata.idp_url);
    if (metadata.idp_descriptor_url) change('SamlSettings.IdpDescriptorURL', metadata.idp_descriptor_url);
    if (!metadata.idp_public_certificate) return t('admin.saml.metadataFetched');
    await client.setSamlIdpCertificateFromMetadata(metadata.idp_public_certificate);
    await reloadStatus();
    return `${t('admin.saml.metadataFetched')} ${t('admin.saml.metadataCertificate')}`;
  };

  return (
    <>
      <ActionSetting
        label={t('admin.saml.metadata')}
        button={t('admin.saml.fetchMetadata')}
        busy={t('admin.saml.fetching')}
        help={t('admin.saml.fetchHelp')}
        disabled={!url.trim()}
        run={fetchMetadata}
      />
      <div className="setting">
        <span className="setting-label">{t('admin.saml.certificates')}</span>
        <div className="setting-control">
          {statusError && <p className="form-error" role="alert">{statusError}</p>}
          <CertificateRow kind="idp" name={t('admin.saml.idpCertificate')} present={Boolean(status?.idp_certificate_file)} onChanged={reloadStatus} />
          <CertificateRow kind="public" name={t('admin.saml.publicCertificate')} present={Boolean(status?.public_certificate_file)} onChanged={reloadStatus} />
          <CertificateRow kind="private" name={t('admin.saml.privateKey')} present={Boolean(status?.private_key_file)} onChanged={reloadStatus} />
        </div>
      </div>
    </>
  );
}

/** One certificate file: whether the server has it, upload (replaces) and remove. Takes effect at once, like Mattermost's. */
function CertificateRow({ kind, name, present, onChanged }: { kind: SamlCertificateKind; name: string; present: boolean; onChanged: () => Promise<void> }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const act = async (work: () => Promise<unknown>, done: string): Promise<void> => {
    setBusy(true);
    setNote(null);
    try {
      await work();
      await onChanged();
      setNote({ ok: true, text: done });
    } catch (err) {
      setNote({ ok: false, text: serverError(err).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="setting-inline saml-certificate" role="group" aria-label={name}>
      <span>
        {name}: <strong>{present ? t('admin.saml.certificatePresent') : t('admin.saml.certificateMissing')}</strong>
      </span>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={t('admin.saml.upload', { name })}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void act(() => uploadSamlCertificate(kind, file, file.name), t('admin.saml.uploaded', { name }));
        }}
      />
      <button type="button" className="button" disabled={busy} onClick={() => input.current?.click()}>
        {t('admin.saml.upload', { name })}
      </button>
      {present && (
        <button type="button" className="button" disabled={busy} onClick={() => void act(() => deleteSamlCertificate(kind), t('admin.saml.removed', { name }))}>
          {t('admin.saml.remove', { name })}
        </button>
      )}
      {note && (
        <span className={note.ok ? 'form-ok' : 'form-error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </span>
      )}
    </div>
  );
}
