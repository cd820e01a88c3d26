import { useState } from 'react';
import type { Post } from '@mattermost/types/posts';
import type { PostAction } from '@mattermost/types/integration_actions';
import { buttonStyle } from './attachment_colors';
import { ActionMenu } from './ActionMenu';
import { runAction } from './run_action';

function ActionButton({ post, action }: { post: Post; action: PostAction }) {
  const [busy, setBusy] = useState(false);
  const style = buttonStyle(action.style);
  const click = async () => {
    setBusy(true);
    try {
      await runAction(post, action);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className={`action-button ${style.className}`}
      style={style.color ? { color: style.color, borderColor: style.color } : undefined}
      disabled={action.disabled || busy}
      title={action.tooltip}
      onClick={() => void click()}
    >
      {action.name}
    </button>
  );
}

/** The buttons and menus of an attachment: a click or a pick goes to the integration through the server. */
export function AttachmentActions({ post, actions }: { post: Post; actions: PostAction[] }) {
  const usable = actions.filter((a) => a.id && a.name !== undefined);
  if (usable.length === 0) return null;
  return (
    <div className="attachment-actions">
      {usable.map((action) => (action.type === 'select'
        ? <ActionMenu key={action.id} post={post} action={action} />
        : <ActionButton key={action.id} post={post} action={action} />))}
    </div>
  );
}
