import { tell, type BuiltinCommand, type BuiltinRun } from './builtin_command.js';

const STATUS_NAMES: Record<string, string> = { online: 'Online', away: 'Away', dnd: 'Do Not Disturb', offline: 'Offline', ooo: 'Out of Office' };

/** A command that sets the caller's status by hand (it stays until they change it; DND has no end). */
function statusCommand(trigger: string, status: string, description: string, done: string): BuiltinCommand {
  return {
    trigger, displayName: trigger, description, hint: '',
    async run(run: BuiltinRun) {
      await run.app.statuses.setManual(run.user.id, status);
      return tell(done);
    },
  };
}

export const awayCommand = statusCommand('away', 'away', 'Set your status to away', 'You are now away.');
export const onlineCommand = statusCommand('online', 'online', 'Set your status to online', 'You are now online.');
export const offlineCommand = statusCommand('offline', 'offline', 'Set your status to offline', 'You are now offline.');
export const dndCommand = statusCommand('dnd', 'dnd', 'Turn on Do Not Disturb: no desktop or push notifications', 'Do Not Disturb is on: you will get no desktop or push notifications until you turn it off.');

/**
 * `/status`: in Mattermost it sets a custom status, a feature Parley does not have; here it shows the caller's
 * status, or sets it when named (`/status away`), which is what the command's name suggests without that feature.
 */
export const showStatusCommand: BuiltinCommand = {
  trigger: 'status', displayName: 'status', description: 'Show your status, or set it', hint: '[online|away|dnd|offline]',
  arguments: ['online', 'away', 'dnd', 'offline'].map((s) => ({ complete: s, hint: '', description: `Set your status to ${STATUS_NAMES[s]}` })),
  async run(run) {
    const wanted = run.message.trim().toLowerCase();
    if (wanted === '') {
      const current = await run.app.statuses.get(run.user.id);
      return tell(`Your status is ${STATUS_NAMES[current.status] ?? current.status}${current.manual ? ' (set by you)' : ''}.`);
    }
    if (!['online', 'away', 'dnd', 'offline'].includes(wanted)) return tell(`"${wanted}" is not a status: use online, away, dnd or offline.`);
    await run.app.statuses.setManual(run.user.id, wanted);
    return tell(`Your status is now ${STATUS_NAMES[wanted]}.`);
  },
};
