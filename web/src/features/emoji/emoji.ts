/** A compact built-in set of common emoji: [shortcode, character, extra search words]. */
const EMOJI: Array<[string, string, string?]> = [
  ['smile', '😄', 'happy joy'], ['grinning', '😀', 'happy'], ['joy', '😂', 'laugh tears'], ['rofl', '🤣', 'laugh'],
  ['slightly_smiling_face', '🙂'], ['wink', '😉'], ['blush', '😊'], ['heart_eyes', '😍', 'love'], ['kissing_heart', '😘'],
  ['yum', '😋'], ['stuck_out_tongue', '😛'], ['sunglasses', '😎', 'cool'], ['thinking', '🤔', 'hmm'], ['neutral_face', '😐'],
  ['expressionless', '😑'], ['unamused', '😒'], ['roll_eyes', '🙄'], ['grimacing', '😬'], ['relieved', '😌'],
  ['pensive', '😔'], ['sleepy', '😪'], ['sleeping', '😴'], ['mask', '😷'], ['nerd_face', '🤓'], ['confused', '😕'],
  ['worried', '😟'], ['slightly_frowning_face', '🙁'], ['open_mouth', '😮'], ['astonished', '😲'], ['flushed', '😳'],
  ['cry', '😢', 'sad'], ['sob', '😭', 'sad'], ['scream', '😱'], ['angry', '😠'], ['rage', '😡'], ['triumph', '😤'],
  ['smiling_imp', '😈'], ['skull', '💀'], ['poop', '💩'], ['clown_face', '🤡'], ['ghost', '👻'], ['alien', '👽'],
  ['robot', '🤖'], ['upside_down_face', '🙃'], ['money_mouth_face', '🤑'], ['hugs', '🤗', 'hug'], ['shushing_face', '🤫'],
  ['partying_face', '🥳', 'party'], ['star_struck', '🤩'], ['exploding_head', '🤯'], ['face_with_monocle', '🧐'],
  ['innocent', '😇'], ['sweat_smile', '😅'], ['laughing', '😆'], ['zany_face', '🤪'], ['yawning_face', '🥱'],
  ['+1', '👍', 'thumbsup yes like'], ['-1', '👎', 'thumbsdown no'], ['ok_hand', '👌'], ['clap', '👏', 'applause'],
  ['wave', '👋', 'hello bye'], ['raised_hands', '🙌', 'hooray'], ['pray', '🙏', 'thanks please'], ['muscle', '💪', 'strong'],
  ['point_up', '☝️'], ['point_down', '👇'], ['point_left', '👈'], ['point_right', '👉'], ['v', '✌️', 'peace'],
  ['crossed_fingers', '🤞'], ['metal', '🤘'], ['call_me_hand', '🤙'], ['handshake', '🤝'], ['writing_hand', '✍️'],
  ['eyes', '👀', 'look'], ['brain', '🧠'], ['heart', '❤️', 'love'], ['orange_heart', '🧡'], ['yellow_heart', '💛'],
  ['green_heart', '💚'], ['blue_heart', '💙'], ['purple_heart', '💜'], ['broken_heart', '💔'], ['sparkling_heart', '💖'],
  ['fire', '🔥', 'hot lit'], ['star', '⭐'], ['sparkles', '✨'], ['boom', '💥'], ['zap', '⚡'], ['100', '💯', 'hundred'],
  ['tada', '🎉', 'party hooray'], ['confetti_ball', '🎊'], ['balloon', '🎈'], ['gift', '🎁'], ['trophy', '🏆'],
  ['medal', '🏅'], ['rocket', '🚀', 'ship launch'], ['bulb', '💡', 'idea'], ['warning', '⚠️'], ['no_entry', '⛔'],
  ['x', '❌', 'no wrong'], ['white_check_mark', '✅', 'done yes'], ['heavy_check_mark', '✔️'], ['question', '❓'],
  ['exclamation', '❗'], ['bangbang', '‼️'], ['memo', '📝', 'note'], ['pushpin', '📌', 'pin'], ['paperclip', '📎'],
  ['lock', '🔒'], ['key', '🔑'], ['bell', '🔔'], ['calendar', '📅'], ['chart_with_upwards_trend', '📈'],
  ['hourglass', '⌛'], ['alarm_clock', '⏰'], ['coffee', '☕'], ['beer', '🍺'], ['beers', '🍻'], ['wine_glass', '🍷'],
  ['pizza', '🍕'], ['hamburger', '🍔'], ['cake', '🍰'], ['birthday', '🎂'], ['apple', '🍎'], ['taco', '🌮'],
  ['doughnut', '🍩'], ['cookie', '🍪'], ['sunny', '☀️'], ['cloud', '☁️'], ['umbrella', '☔'], ['snowflake', '❄️'],
  ['rainbow', '🌈'], ['earth_africa', '🌍', 'world globe'], ['dog', '🐶'], ['cat', '🐱'], ['fox_face', '🦊'],
  ['bear', '🐻'], ['panda_face', '🐼'], ['unicorn', '🦄'], ['bee', '🐝'], ['bug', '🐛'], ['turtle', '🐢'],
  ['snake', '🐍'], ['octopus', '🐙'], ['whale', '🐳'], ['rose', '🌹'], ['sunflower', '🌻'], ['seedling', '🌱'],
  ['evergreen_tree', '🌲'], ['computer', '💻'], ['keyboard', '⌨️'], ['phone', '📱'], ['email', '📧', 'mail'],
  ['books', '📚'], ['link', '🔗'], ['hammer', '🔨'], ['wrench', '🔧'], ['gear', '⚙️', 'settings'], ['mag', '🔍', 'search'],
  ['bookmark', '🔖'], ['moneybag', '💰'], ['chart', '📊'], ['clipboard', '📋'], ['package', '📦'], ['ship', '🚢'],
  ['car', '🚗'], ['airplane', '✈️'], ['house', '🏠'], ['office', '🏢'], ['soccer', '⚽'], ['basketball', '🏀'],
  ['video_game', '🎮'], ['musical_note', '🎵'], ['headphones', '🎧'], ['camera', '📷'], ['movie_camera', '🎥'],
  ['speech_balloon', '💬'], ['thought_balloon', '💭'], ['zzz', '💤'], ['wave_dash', '〰️'], ['hourglass_flowing_sand', '⏳'],
  ['checkered_flag', '🏁'], ['triangular_flag_on_post', '🚩'], ['white_flag', '🏳️'], ['recycle', '♻️'], ['infinity', '♾️'],
];

export interface EmojiEntry {
  name: string;
  char: string;
  keywords: string;
}

export const emojiList: EmojiEntry[] = EMOJI.map(([name, char, words]) => ({ name, char, keywords: `${name} ${words ?? ''}` }));

const byName = new Map<string, string>(emojiList.map((e) => [e.name, e.char]));
byName.set('thumbsup', '👍');
byName.set('thumbsdown', '👎');
byName.set('slightly_smiling', '🙂');
byName.set('heart_eyes_cat', '😻');

export function emojiChar(name: string): string | undefined {
  return byName.get(name);
}

/** Emoji whose name or keywords contain the query, names that start with it first. */
export function searchEmoji(query: string, limit = 50): EmojiEntry[] {
  const q = query.toLowerCase();
  if (!q) return emojiList.slice(0, limit);
  const starts = emojiList.filter((e) => e.name.startsWith(q));
  const contains = emojiList.filter((e) => !e.name.startsWith(q) && e.keywords.includes(q));
  return [...starts, ...contains].slice(0, limit);
}
