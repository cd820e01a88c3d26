import { useEffect, useRef, useState } from 'react';
import type { Post } from '@mattermost/types/posts';
import { setState } from '../../store/store';
import { editPost } from '../../store/actions/posts';
import { errorMessage } from '../../api/client';
import { useT } from '../../i18n/useT';
import { ConfirmDelete } from './ConfirmDelete';

/** Edit in place: Enter saves, Shift+Enter is a newline, Esc cancels; emptying the text offers to delete. */
export function EditBox({ post }: { post: Post }) {
  const t = useT();
  const [text, setText] = useState(post.message);
  const [error, setError] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const cancel = (): void => setState({ editingPostId: '' });
  const save = async (): Promise<void> => {
    const message = text.trim();
    if (!message) {
      setConfirmDelete(true);
      return;
    }
    if (message === post.message) {
      cancel();
      return;
    }
    try {
      await editPost(post.id, message);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div className="edit-box">
      <textarea
        ref={ref}
        value={text}
        aria-label={t('edit.label')}
        rows={Math.min(10, text.split('\n').length + 1)}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            cancel();
          } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void save();
          }
        }}
      />
      <div className="edit-actions">
        <span className="hint">{t('edit.hint')}</span>
        <button type="button" className="button small" onClick={cancel}>{t('common.cancel')}</button>
        <button type="button" className="button primary small" onClick={() => void save()}>{t('common.save')}</button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {confirmDelete && <ConfirmDelete post={post} onClose={() => setConfirmDelete(false)} />}
    </div>
  );
}
