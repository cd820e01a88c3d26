import { setState } from '../../store/store';
import { openSearch } from '../search/searchApi';
import { confirmLeaveIfPrivate } from '../channel/leave';

/**
 * Commands the web client runs itself, as Mattermost's web app does: they change only what this window shows, so
 * the server has nothing to do (other clients get a hint from it). True when the command was run here.
 */
export function runClientCommand(message: string, channelId = ''): boolean {
  const [, trigger = '', rest = ''] = /^\/(\S+)\s*([\s\S]*)$/.exec(message.trim()) ?? [];
  switch (trigger.toLowerCase()) {
    case 'settings':
      setState({ modal: 'settings:display' });
      return true;
    case 'leave':
      // A private channel asks first; every other leave is the server's.
      return !rest.trim() && confirmLeaveIfPrivate(channelId);
    case 'search':
      if (!rest.trim()) return false;
      openSearch(rest);
      return true;
    default:
      return false;
  }
}
