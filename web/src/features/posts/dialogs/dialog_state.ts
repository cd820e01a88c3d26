import type { OpenDialogRequest } from '@mattermost/types/integrations';
import { create } from 'zustand';
import { getState } from '../../../store/store';

interface DialogState {
  /** The dialog on screen, with the channel it was opened from (submissions name it). */
  open?: { request: OpenDialogRequest; channelId: string; teamId: string };
  /** Trigger ids this tab's own clicks were answered with: their dialogs open here. */
  expected: string[];
  /** Dialogs that arrived before the answer to the click that caused them (the integration opened them at once). */
  early: OpenDialogRequest[];
}

/** The interactive dialog an integration opened for this user (kept apart from the app store: only the dialog reads it). */
export const useDialogState = create<DialogState>()(() => ({ expected: [], early: [] }));

/** The last few are enough: a trigger id lasts minutes, and a user clicks only so fast. */
const KEEP = 10;

function show(request: OpenDialogRequest): void {
  // Submitted from the channel the user is in, as in Mattermost.
  const { currentChannelId, currentTeamId } = getState();
  useDialogState.setState((s) => ({
    open: { request, channelId: currentChannelId, teamId: currentTeamId },
    expected: s.expected.filter((id) => id !== request.trigger_id),
    early: s.early.filter((r) => r.trigger_id !== request.trigger_id),
  }));
}

/** Remembers the trigger id a click of this tab was answered with, and shows its dialog if that came first. */
export function expectDialog(triggerId: string): void {
  if (!triggerId) return;
  const early = useDialogState.getState().early.find((r) => r.trigger_id === triggerId);
  if (early) show(early);
  else useDialogState.setState((s) => ({ expected: [...s.expected.slice(1 - KEEP), triggerId] }));
}

/**
 * Shows a dialog from an `open_dialog` event. The server sends it to every tab of the user: the tab whose click
 * caused it shows it, as does the tab the user is in (a dialog a command opened); another tab keeps it in case
 * its click's answer is still on the way.
 */
export function openDialogFromEvent(request: OpenDialogRequest): void {
  if (useDialogState.getState().expected.includes(request.trigger_id) || document.hasFocus()) show(request);
  else useDialogState.setState((s) => ({ early: [...s.early.slice(1 - KEEP), request] }));
}

export function closeDialog(): void {
  useDialogState.setState({ open: undefined });
}
