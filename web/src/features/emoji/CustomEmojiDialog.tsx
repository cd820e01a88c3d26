import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client';
import { useStore } from '../../store/store';
import { displayName } from '../../store/selectors';
import { ensureUsers } from '../../store/actions/users';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { Icon } from '../../ui/icons';
import { checkImageFile, formatBytes } from '../pictures/imageFile';
import { useEmojiIndex } from './emojiStore';
import { CUSTOM_EMOJI_NAME, customEmojiImageUrl, searchCustomEmoji } from './customEmoji';
import { createCustomEmoji, deleteCustomEmoji, useCustomEmojiSet } from './customEmojiActions';
import '../../styles/media.css';

/** Mattermost's limit for an emoji image (MaxEmojiFileSize). */
const MAX_EMOJI_BYTES = 512 * 1024;
const ACCEPT = 'image/png,image/jpeg,image/gif';

function AddEmojiForm() {
  const t = useT();
  const byName = useCustomEmojiSet();
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const previewUrl = useMemo(() => (file ? URL.createObjectURL(file) : ''), [file]);
  useEffect(() => () => (previewUrl ? URL.revokeObjectURL(previewUrl) : undefined), [previewUrl]);
  const trimmed = name.trim().replace(/^:|:$/g, '');
  const emojiIndex = useEmojiIndex();
  const nameProblem = !trimmed
    ? ''
    : !CUSTOM_EMOJI_NAME.test(trimmed)
      ? t('customEmoji.nameInvalid')
      : byName[trimmed] || emojiIndex?.get(trimmed)
        ? t('customEmoji.nameTaken', { name: trimmed })
        : '';
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!file || !trimmed || nameProblem) return;
    setBusy(true);
    setNote(null);
    try {
      const emoji = await createCustomEmoji(trimmed, file);
      setName('');
      setFile(null);
      setInputKey((k) => k + 1);
      setNote({ ok: true, text: t('customEmoji.added', { name: emoji.name }) });
    } catch (err) {
      setNote({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
      // The submit button was disabled while saving, which drops focus; keep it in the dialog, ready for the next one.
      requestAnimationFrame(() => nameInput.current?.focus());
    }
  };
  return (
    <form className="form custom-emoji-form" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>{t('customEmoji.name')}</span>
        <input
          ref={nameInput}
          name="emoji-name"
          value={name}
          maxLength={66}
          autoComplete="off"
          onChange={(e) => setName(e.target.value.toLowerCase())}
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby="custom-emoji-name-hint"
          required
        />
        <small id="custom-emoji-name-hint" className={nameProblem ? 'form-error' : 'muted-text'}>{nameProblem || t('customEmoji.nameHint')}</small>
      </label>
      <label className="field">
        <span>{t('customEmoji.image')}</span>
        <input
          key={inputKey}
          type="file"
          accept={ACCEPT}
          aria-describedby="custom-emoji-image-hint"
          required
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            const problem = chosen ? checkImageFile(chosen, MAX_EMOJI_BYTES) : null;
            setNote(problem ? { ok: false, text: problem === 'too-large' ? t('customEmoji.tooLarge', { size: formatBytes(MAX_EMOJI_BYTES) }) : t('picture.notImage') } : null);
            setFile(problem ? null : chosen);
          }}
        />
        <small id="custom-emoji-image-hint" className="muted-text">{t('customEmoji.imageHint', { size: formatBytes(MAX_EMOJI_BYTES) })}</small>
      </label>
      <div className="form-actions">
        {previewUrl && <img className="custom-emoji-preview" src={previewUrl} alt={t('picture.preview')} width={32} height={32} />}
        {note && (
          <span className={note.ok ? 'form-ok' : 'form-error'} role={note.ok ? 'status' : 'alert'}>
            {note.text}
          </span>
        )}
        <button type="submit" className="button primary" disabled={busy || !file || !trimmed || Boolean(nameProblem)}>
          {t('customEmoji.add')}
        </button>
      </div>
    </form>
  );
}

function EmojiList() {
  const t = useT();
  const byName = useCustomEmojiSet();
  const list = useMemo(() => searchCustomEmoji(byName, '', Number.MAX_SAFE_INTEGER), [byName]);
  const myId = useStore((s) => s.me?.id ?? '');
  const nameMode = useStore((s) => s.config.TeammateNameDisplay || 'username');
  const users = useStore((s) => s.users);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const creators = useMemo(() => [...new Set(list.map((e) => e.creator_id))], [list]);
  useEffect(() => void ensureUsers(creators), [creators]);
  const remove = async (id: string): Promise<void> => {
    setError('');
    try {
      await deleteCustomEmoji(id);
      // Its button is gone with it; focus stays in the dialog.
      heading.current?.focus();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section className="custom-emoji-list" aria-labelledby="custom-emoji-list-heading">
      <h3 id="custom-emoji-list-heading" ref={heading} tabIndex={-1}>{t('customEmoji.list')}</h3>
      {error && <p className="form-error" role="alert">{error}</p>}
      {list.length === 0 ? (
        <p className="muted-text">{t('customEmoji.empty')}</p>
      ) : (
        <ul>
          {list.map((e) => (
            <li key={e.id}>
              <img className="custom-emoji" src={customEmojiImageUrl(e.id)} alt="" width={24} height={24} loading="lazy" />
              <span className="custom-emoji-name">:{e.name}:</span>
              <span className="muted-text">{t('customEmoji.by', { name: displayName(users[e.creator_id], nameMode) || '…' })}</span>
              {e.creator_id === myId && (
                <button type="button" className="icon-button" aria-label={t('customEmoji.delete', { name: e.name })} title={t('customEmoji.delete', { name: e.name })} onClick={() => void remove(e.id)}>
                  <Icon name="trash" size={16} />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Add a custom emoji (name and image) and see the server's list, deleting your own. */
export function CustomEmojiDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const enabled = useStore((s) => s.config.EnableCustomEmoji === 'true');
  return (
    <Modal title={t('customEmoji.title')} onClose={onClose} width={560} className="custom-emoji-dialog">
      {enabled ? (
        <>
          <AddEmojiForm />
          <EmojiList />
        </>
      ) : (
        <p className="muted-text">{t('customEmoji.disabled')}</p>
      )}
    </Modal>
  );
}
