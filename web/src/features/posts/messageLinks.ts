import type { MouseEvent } from 'react';
import { getState } from '../../store/store';
import { navigate } from '../../router/navigate';
import { openProfile } from '../people/Avatar';
import { searchUsersByUsername } from './mentionLookup';
import { openSearch } from '../search/searchApi';

/** Clicks inside rendered markdown: @mentions open a profile, #hashtags search, ~channels and same-site links route in the app. */
export function onMessageClick(e: MouseEvent<HTMLElement>): void {
  const target = e.target as HTMLElement;
  const mention = target.closest<HTMLElement>('[data-mention]');
  if (mention) {
    const username = mention.dataset.mention ?? '';
    void searchUsersByUsername(username).then((user) => user && openProfile(user.id, mention));
    return;
  }
  const hashtag = target.closest<HTMLElement>('[data-hashtag]');
  if (hashtag) {
    openSearch(hashtag.dataset.hashtag ?? '');
    return;
  }
  const channelLink = target.closest<HTMLElement>('[data-channel]');
  const team = getState().teams[getState().currentTeamId];
  if (channelLink && team) {
    navigate(`/${team.name}/channels/${channelLink.dataset.channel ?? ''}`);
    return;
  }
  const anchor = target.closest<HTMLAnchorElement>('a[href]');
  if (anchor && anchor.origin === window.location.origin && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    navigate(anchor.pathname);
  }
}
