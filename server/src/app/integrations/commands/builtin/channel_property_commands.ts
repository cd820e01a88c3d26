import { MUTED } from '../../../channel_rules.js';
import { handle, refusal, splitFirst, tell, type BuiltinCommand } from './builtin_command.js';

const isDirectOrGroup = (type: string): boolean => type === 'D' || type === 'G';

/** `/header text`: sets the current channel's header (members of a DM or GM may; elsewhere the properties permission). */
export const headerCommand: BuiltinCommand = {
  trigger: 'header', displayName: 'header', description: 'Edit the channel header', hint: '[text]',
  async run(run) {
    if (run.message.trim() === '') return tell('A header must be given with the /header command.');
    try {
      await run.app.channels.patch(run.actor, run.channel.id, { header: run.message });
    } catch (err) {
      return refusal(err, 'You do not have the permission to edit this channel\'s header.');
    }
    return {};
  },
};

/** `/purpose text`: sets the current channel's purpose (DMs and GMs have none). */
export const purposeCommand: BuiltinCommand = {
  trigger: 'purpose', displayName: 'purpose', description: 'Edit the channel purpose', hint: '[text]',
  async run(run) {
    if (isDirectOrGroup(run.channel.type)) return tell('Direct and group messages have no purpose; use /header to set their header.');
    if (run.message.trim() === '') return tell('A purpose must be given with the /purpose command.');
    try {
      await run.app.channels.patch(run.actor, run.channel.id, { purpose: run.message });
    } catch (err) {
      return refusal(err, 'You do not have the permission to edit this channel\'s purpose.');
    }
    return {};
  },
};

/** `/rename name`: sets the current channel's display name. */
export const renameCommand: BuiltinCommand = {
  trigger: 'rename', displayName: 'rename', description: 'Rename the channel', hint: '[text]',
  async run(run) {
    if (isDirectOrGroup(run.channel.type)) return tell('Direct and group messages cannot be renamed.');
    const name = run.message.trim();
    if (name === '') return tell('A new name must be given with the /rename command.');
    if ([...name].length > 64) return tell('Channel names must be at most 64 characters.');
    try {
      await run.app.channels.patch(run.actor, run.channel.id, { display_name: name });
    } catch (err) {
      return refusal(err, 'You do not have the permission to rename this channel.');
    }
    return {};
  },
};

/** `/mute [~channel]`: turns the caller's notifications for the channel off, or back on. */
export const muteCommand: BuiltinCommand = {
  trigger: 'mute', displayName: 'mute', description: 'Turn off desktop, email and push notifications for the current channel or the one named', hint: '[~channel]',
  async run(run) {
    const word = splitFirst(run.message)[0];
    const channel = word === '' ? run.channel : await run.app.deps.store.channels.getByName(run.team.id, handle(word, '~'));
    if (!channel) return tell(`There is no channel ${word} in this team.`);
    const member = await run.app.deps.store.channels.getMember(channel.id, run.user.id);
    if (!member) return tell(`You are not a member of ${word || 'this channel'}.`);
    const muting = member.notify_props.mark_unread !== MUTED;
    await run.app.channelMembers.setMuted(run.user.id, [channel.id], muting);
    if (isDirectOrGroup(channel.type)) {
      return tell(muting ? 'This conversation is muted: you will get no notifications for it until you unmute it.' : 'This conversation is no longer muted.');
    }
    return tell(muting
      ? `You will get no notifications for ${channel.display_name} until you unmute it.`
      : `${channel.display_name} is no longer muted: you will get its notifications again.`);
  },
};
