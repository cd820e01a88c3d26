/** English for archived channels, leaving private channels and sign-up (web/src/features/channel, auth). */
export const everydayEn = {
  'channel.unarchive': 'Unarchive channel',
  'leavePrivate.title': 'Leave private channel',
  'leavePrivate.body': 'Leave private channel {channel}? You won\'t be able to rejoin unless invited.',
  'leavePrivate.leave': 'Leave',
  'browse.filter': 'Channel type',
  'browse.all': 'All channel types',
  'browse.public': 'Public channels',
  'browse.private': 'Private channels',
  'browse.archived': 'Archived channels',
  'browse.archivedTag': 'Archived',
  'browse.results': 'Channels',
  'signup.subtitle': 'Create an account to start talking with your team.',
  'signup.usernameInvalid': 'This username cannot be used: it must start with a letter and have at most 64 lowercase letters, digits, dots (.), dashes (-) or underscores (_).',
  'signup.usernameReserved': '“{name}” is reserved. Please choose another username.',
  'signup.inviteInvalid': 'This invite link is not valid any more. Ask the person who sent it for a new one.',
} as const;
