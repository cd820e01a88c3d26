import { tell, type BuiltinCommand } from './builtin_command.js';

const SHRUG = '¯\\\\\\_(ツ)\\_/¯';
/** As Mattermost's /echo: a delay of more than this many seconds is refused. */
const MAX_ECHO_DELAY_SECONDS = 10_000;
/** Echoes waiting to be posted, across all users; past it /echo is refused rather than piling up timers. */
const MAX_PENDING_ECHOES = 100;
let pendingEchoes = 0;

/** `/me text`: the text in italics, as an action post (type `me`). */
export const meCommand: BuiltinCommand = {
  trigger: 'me', displayName: 'me', description: 'Do an action', hint: '[message]',
  async run(run) {
    return { response_type: 'in_channel', type: 'me', text: `*${run.message}*` };
  },
};

/** `/shrug [text]`: the text followed by the shrug, posted. */
export const shrugCommand: BuiltinCommand = {
  trigger: 'shrug', displayName: 'shrug', description: 'Adds ¯\\_(ツ)_/¯ to your message', hint: '[message]',
  async run(run) {
    return { response_type: 'in_channel', text: run.message.trim() === '' ? SHRUG : `${run.message} ${SHRUG}` };
  },
};

/** `/code text`: the text as a code block (indented four spaces, as Mattermost does). */
export const codeCommand: BuiltinCommand = {
  trigger: 'code', displayName: 'code', description: 'Display text as a code block', hint: '[text]',
  async run(run) {
    if (run.message.trim() === '') return tell('A message must be provided with the /code command.');
    return { response_type: 'in_channel', text: `    ${run.message.split('\n').join('\n    ')}` };
  },
};

/** The message and delay of `/echo "message" [delay]` or `/echo message [delay]`. */
export function parseEcho(message: string): { text: string; delaySeconds: number } {
  const lastQuote = message.lastIndexOf('"');
  if (message.startsWith('"') && lastQuote > 1) {
    const delay = /^\s*(-?\d+)\s*$/.exec(message.slice(lastQuote + 1));
    return { text: message.slice(1, lastQuote), delaySeconds: delay ? Number(delay[1]) : 0 };
  }
  const match = /^(.*\S)\s+(-?\d+)$/s.exec(message);
  return match ? { text: match[1], delaySeconds: Number(match[2]) } : { text: message, delaySeconds: 0 };
}

/** `/echo "message" [delay]`: posts the message as the caller, after `delay` seconds. */
export const echoCommand: BuiltinCommand = {
  trigger: 'echo', displayName: 'echo', description: 'Echo back text from your account', hint: '"message" [delay in seconds]',
  async run(run) {
    if (run.message.trim() === '') return tell('A message must be provided with the /echo command.');
    const { text, delaySeconds } = parseEcho(run.message);
    if (delaySeconds > MAX_ECHO_DELAY_SECONDS) return tell(`The delay must be at most ${MAX_ECHO_DELAY_SECONDS} seconds.`);
    if (pendingEchoes >= MAX_PENDING_ECHOES) return tell('Too many echoes are waiting; try again later.');
    const post = () => run.app.posts.create(run.actor, { channel_id: run.channel.id, root_id: run.rootId, message: text });
    if (delaySeconds <= 0) {
      await post();
      return {};
    }
    pendingEchoes++;
    const timer = setTimeout(() => {
      pendingEchoes--;
      post().catch((err: unknown) => run.app.deps.log.warn({ err, channelId: run.channel.id }, 'a delayed /echo could not be posted'));
    }, delaySeconds * 1000);
    timer.unref();
    return {};
  },
};
