import { useState } from 'react';
import type { OpenGraphMetadata, Post, PostEmbed } from '@mattermost/types/posts';
import { client, errorMessage } from '../../api/client';
import { setState, useStore } from '../../store/store';
import { displaySetting } from '../../store/selectors';
import { receivedEditedPost } from '../../store/posts';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { showToast } from '../layout/Toast';
import { fitWithin, hostOf, isLargeImage, openGraphImage, safeHttpUrl } from './embed';
import { externalImageSrc } from './image_proxy';
import '../../styles/media.css';

/** Mattermost's post prop: the author removed the preview of this post. */
export const REMOVE_LINK_PREVIEW = 'remove_link_preview';

const THUMB = 80;
const LARGE = { width: 400, height: 225 };
const IMAGE = { width: 480, height: 360 };

async function removePreview(post: Post): Promise<void> {
  try {
    const patched = await client.patchPost({ id: post.id, props: { ...post.props, [REMOVE_LINK_PREVIEW]: 'true' } });
    setState((s) => ({ posts: receivedEditedPost(s.posts, patched) }));
  } catch (err) {
    showToast(errorMessage(err));
  }
}

function RemoveButton({ post }: { post: Post }) {
  const t = useT();
  return (
    <button type="button" className="icon-button link-preview-remove" aria-label={t('preview.remove')} title={t('preview.remove')} onClick={() => void removePreview(post)}>
      <Icon name="close" size={14} />
    </button>
  );
}

function OpenGraphCard({ post, embed, og, removable }: { post: Post; embed: PostEmbed; og: OpenGraphMetadata; removable: boolean }) {
  // An image that does not load (gone, or refused by the page's image policy) leaves the card text-only.
  const [imageFailed, setImageFailed] = useState(false);
  const href = safeHttpUrl(og.url) ?? safeHttpUrl(embed.url);
  if (!href) return null;
  const image = imageFailed ? undefined : openGraphImage(og, post.metadata?.images);
  const large = image ? isLargeImage(image) : false;
  const size = image ? fitWithin(image, large ? LARGE.width : THUMB, large ? LARGE.height : THUMB) : undefined;
  const title = og.title || href;
  return (
    <div className={large ? 'link-preview large' : 'link-preview'} data-testid="link-preview">
      <div className="link-preview-body">
        {og.site_name && <div className="link-preview-site">{og.site_name}</div>}
        <a className="link-preview-title" href={href} target="_blank" rel="noopener noreferrer">
          {title}
        </a>
        {og.description && <p className="link-preview-description">{og.description}</p>}
      </div>
      {image && (
        <a className="link-preview-thumb" href={href} target="_blank" rel="noopener noreferrer" tabIndex={-1} aria-hidden="true">
          <img src={externalImageSrc(image.url)} alt="" width={size?.width} height={size?.height} loading="lazy" referrerPolicy="no-referrer" onError={() => setImageFailed(true)} />
        </a>
      )}
      {removable && <RemoveButton post={post} />}
    </div>
  );
}

function ImageEmbed({ post, url, removable }: { post: Post; url: string; removable: boolean }) {
  const t = useT();
  const [failed, setFailed] = useState(false);
  const href = safeHttpUrl(url);
  if (!href || failed) return null;
  const size = fitWithin(post.metadata?.images?.[url] ?? {}, IMAGE.width, IMAGE.height);
  return (
    <div className="link-preview-image" data-testid="link-preview">
      <a href={href} target="_blank" rel="noopener noreferrer">
        <img src={externalImageSrc(href)} alt={t('preview.image', { host: hostOf(href) })} width={size?.width} height={size?.height} loading="lazy" referrerPolicy="no-referrer" onError={() => setFailed(true)} />
      </a>
      {removable && <RemoveButton post={post} />}
    </div>
  );
}

/**
 * The preview of a post's first link, from the metadata the server attached (`embeds`, sizes in `images`):
 * a card for a page's Open Graph data, the picture for an image link. Off when the server disables link
 * previews, when the reader turned website previews off, or when the author removed it.
 */
export function LinkPreview({ post }: { post: Post }) {
  const enabled = useStore((s) => s.config.EnableLinkPreviews === 'true');
  const wantsCards = useStore((s) => displaySetting(s, 'link_previews', 'true') === 'true');
  const isAuthor = useStore((s) => s.me?.id === post.user_id);
  if (!enabled || post.props?.[REMOVE_LINK_PREVIEW] === 'true') return null;
  const embed = post.metadata?.embeds?.find((e) => e.type === 'opengraph' || e.type === 'image');
  if (!embed) return null;
  const removable = isAuthor && post.id !== post.pending_post_id;
  if (embed.type === 'image') return <ImageEmbed post={post} url={embed.url} removable={removable} />;
  const og = embed.data as OpenGraphMetadata | undefined;
  if (!wantsCards || !og) return null;
  return <OpenGraphCard post={post} embed={embed} og={og} removable={removable} />;
}
