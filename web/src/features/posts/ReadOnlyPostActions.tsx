import type { Post } from '@mattermost/types/posts';
import { useStore } from '../../store/store';
import { isSaved } from '../../store/selectors';
import { setSaved } from '../../store/actions/posts';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { Menu, type MenuItem } from '../../ui/Menu';
import { showToast } from '../layout/Toast';
import { errorMessage } from '../../api/client';
import { copyText } from './postMenuActions';

function run(p: Promise<unknown>): void {
  p.catch((err: unknown) => showToast(errorMessage(err)));
}

/**
 * The toolbar of a post in an archived channel: no reactions, replies, edits or pins (the channel takes no changes),
 * only what reads or keeps it: copying its text or link and saving it.
 */
export function ReadOnlyPostActions({ post, onMenuOpenChange }: { post: Post; onMenuOpenChange: (open: boolean) => void }) {
  const t = useT();
  const saved = useStore((s) => isSaved(s, post.id));
  const team = useStore((s) => s.teams[s.currentTeamId]);
  const permalink = `${window.location.origin}/${team?.name ?? ''}/pl/${post.id}`;
  const items: MenuItem[] = [
    { label: t('actions.copyText'), icon: 'copy', onSelect: () => run(copyText(post.message, t('actions.textCopied'))) },
    { label: t('actions.copyLink'), icon: 'link', onSelect: () => run(copyText(permalink, t('actions.linkCopied'))) },
    { label: saved ? t('actions.unsave') : t('actions.save'), icon: 'bookmark', onSelect: () => run(setSaved(post.id, !saved)) },
  ];
  return (
    <div className="post-actions" role="toolbar" aria-label={t('actions.label')}>
      <Menu label={t('actions.more')} align="right" trigger={<Icon name="dots" />} items={items} onOpenChange={onMenuOpenChange} />
    </div>
  );
}
