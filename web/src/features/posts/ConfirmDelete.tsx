import { useState } from 'react';
import type { Post } from '@mattermost/types/posts';
import { deletePost } from '../../store/actions/posts';
import { errorMessage } from '../../api/client';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';

export function ConfirmDelete({ post, onClose }: { post: Post; onClose: () => void }) {
  const t = useT();
  const [error, setError] = useState('');
  const confirm = async (): Promise<void> => {
    try {
      await deletePost(post.id);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      title={post.root_id ? t('delete.replyTitle') : t('delete.title')}
      onClose={onClose}
      width={440}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="button danger" autoFocus onClick={() => void confirm()}>{t('actions.delete')}</button>
        </>
      }
    >
      <p>{!post.root_id && post.reply_count > 0 ? t('delete.withReplies', { count: post.reply_count }) : t('delete.body')}</p>
      {error && <p className="form-error" role="alert">{error}</p>}
    </Modal>
  );
}
