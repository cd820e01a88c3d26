import type { Post } from '@mattermost/types/posts';
import { Avatar } from '../people/Avatar';
import { externalImageSrc } from '../previews/image_proxy';
import { safeHttpUrl } from '../previews/embed';

/**
 * How an integration's post presents itself: the server marks them `from_webhook` and sets the name and icon the
 * integration chose only when its settings allow overrides, so what the props say is shown.
 */
export function integrationIdentity(post: Post): { fromIntegration: boolean; name?: string; iconUrl?: string } {
  if (post.props?.from_webhook !== 'true') return { fromIntegration: false };
  const name = post.props.override_username;
  const icon = post.props.override_icon_url;
  return {
    fromIntegration: true,
    name: typeof name === 'string' && name ? name : undefined,
    iconUrl: typeof icon === 'string' ? safeHttpUrl(icon) : undefined,
  };
}

/** The author's picture, or the icon the integration that made the post chose. */
export function PostAvatar({ post, size }: { post: Post; size: number }) {
  const { iconUrl, name } = integrationIdentity(post);
  if (!iconUrl) return <Avatar userId={post.user_id} size={size} />;
  return (
    <span className="avatar" style={{ width: size, height: size }}>
      <img src={externalImageSrc(iconUrl)} alt={name ?? ''} width={size} height={size} loading="lazy" referrerPolicy="no-referrer" />
    </span>
  );
}
