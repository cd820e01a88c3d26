import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { client, errorMessage } from '../../api/client';
import { useStore } from '../../store/store';
import { receivedUsers } from '../../store/actions/users';
import { useT } from '../../i18n/useT';
import { Avatar } from '../people/Avatar';
import { checkImageFile, formatBytes, maxFileSize } from './imageFile';
import '../../styles/media.css';

const ACCEPT = 'image/jpeg,image/png,image/gif';

/** Rereads the user so every avatar picks up the new last_picture_update (the user_updated event brings it too). */
async function refreshUser(userId: string): Promise<void> {
  receivedUsers([await client.getUser(userId)]);
}

/** The profile picture in account settings: choose a file, see it, then save it or cancel; or go back to the default. */
export function ProfilePicture({ user }: { user: UserProfile }) {
  const t = useT();
  const limit = useStore((s) => maxFileSize(s.config));
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [previewUrl, setPreviewUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  // The buttons swap when a file is chosen or let go; focus follows, so it never drops out of the dialog.
  const [focusUpload, setFocusUpload] = useState(0);
  useEffect(() => () => (previewUrl ? URL.revokeObjectURL(previewUrl) : undefined), [previewUrl]);
  useEffect(() => {
    if (file) saveButton.current?.focus();
  }, [file]);
  useEffect(() => {
    if (focusUpload) input.current?.focus();
  }, [focusUpload]);

  const reset = (): void => {
    setFile(null);
    setPreviewUrl('');
    if (input.current) input.current.value = '';
    setFocusUpload((n) => n + 1);
  };
  const choose = (e: ChangeEvent<HTMLInputElement>): void => {
    const chosen = e.target.files?.[0];
    if (!chosen) return;
    const problem = checkImageFile(chosen, limit);
    if (problem) {
      reset();
      setNote({ ok: false, text: problem === 'too-large' ? t('picture.tooLarge', { size: formatBytes(limit) }) : t('picture.notImage') });
      return;
    }
    setNote(null);
    setFile(chosen);
    setPreviewUrl(URL.createObjectURL(chosen));
  };
  const run = async (action: () => Promise<unknown>, done: string): Promise<void> => {
    setBusy(true);
    setNote(null);
    try {
      await action();
      await refreshUser(user.id);
      reset();
      setNote({ ok: true, text: done });
    } catch (err) {
      setNote({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  const save = (): void => {
    if (file) void run(() => client.uploadProfileImage(user.id, file), t('picture.saved'));
  };
  const remove = (): void => void run(() => client.setDefaultProfileImage(user.id), t('picture.removed'));

  return (
    <div className="picture-editor" role="group" aria-label={t('picture.title')}>
      {previewUrl ? (
        <img className="picture-preview" src={previewUrl} alt={t('picture.preview')} width={64} height={64} />
      ) : (
        <Avatar userId={user.id} size={64} />
      )}
      <div className="picture-controls">
        <div className="picture-buttons">
          {file ? (
            <>
              <button ref={saveButton} type="button" className="button primary" onClick={save} disabled={busy}>{t('common.save')}</button>
              <button type="button" className="button" onClick={reset} disabled={busy}>{t('common.cancel')}</button>
            </>
          ) : (
            <>
              <label className="button picture-upload">
                {t('picture.upload')}
                <input ref={input} type="file" className="sr-only" accept={ACCEPT} onChange={choose} disabled={busy} />
              </label>
              {user.last_picture_update > 0 && (
                <button type="button" className="button" onClick={remove} disabled={busy}>{t('picture.remove')}</button>
              )}
            </>
          )}
        </div>
        <div className="muted-text picture-hint">{t('picture.hint', { size: formatBytes(limit) })}</div>
        {note && (
          <div className={note.ok ? 'form-ok' : 'form-error'} role={note.ok ? 'status' : 'alert'}>
            {note.text}
          </div>
        )}
      </div>
    </div>
  );
}
