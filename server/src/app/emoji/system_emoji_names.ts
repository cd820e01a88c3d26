import { createRequire } from 'node:module';

/**
 * Short names of built-in (Unicode) emoji, which a custom emoji may not take: every short name of emoji-datasource's
 * data (the package the web client draws its emoji from, read once at start) and the older names clients still
 * write (gemoji's, Parley's earlier list; web/build/emojiAliases.ts maps the same names for the client).
 */
const LEGACY_NAMES = `
rofl hugs thinking raised_eyebrow roll_eyes vomiting_face cowboy_hat_face frowning_face pout cursing_face
robot star_struck smiling_face_with_three_hearts slightly_smiling love_you_gesture metal fu vulcan_salute
fist_oncoming fist_raised fist_left fist_right person_pouting facepalm detective guard red_heart
heart_exclamation lion unicorn zebra giraffe dove orange kiwi_fruit cheese milk_glass mate plate_with_cutlery
mountain_snow beach_umbrella houses derelict_house motorcycle kick_scooter stop_sign flight_departure
flight_arrival artificial_satellite cloud_with_lightning_and_rain sun_behind_small_cloud
sun_behind_large_cloud cloud_with_rain cloud_with_snow cloud_with_lightning wind_face open_umbrella
parasol_on_ground high_voltage snowman_with_snow tickets medal_military medal_sports 1st_place_medal
2nd_place_medal 3rd_place_medal cricket_game field_hockey ice_hockey ping_pong badminton yo_yo framed_picture
one_piece_swimsuit swim_brief shopping flat_shoe rescue_worker_helmet drum computer_mouse film_strip
camera_flash newspaper_roll ballot_box fountain_pen pen paintbrush crayon spiral_notepad spiral_calendar
paperclips dagger clamp balance_scale shopping_cart radioactive biohazard om menorah next_track_button
play_or_pause_button previous_track_button pause_button stop_button record_button eject_button asterisk
orange_circle yellow_circle green_circle purple_circle brown_circle red_square orange_square yellow_square
green_square blue_square purple_square brown_square black_flag white_flag rainbow_flag wave_dash
`;

/** The part of emoji-datasource's emoji.json read here. */
interface DataEmoji {
  short_names: string[];
}

function dataNames(): string[] {
  const data = createRequire(import.meta.url)('emoji-datasource-google/emoji.json') as DataEmoji[];
  return data.flatMap((e) => e.short_names);
}

/** Every built-in name without a skin tone. */
const SYSTEM_EMOJI_NAMES: ReadonlySet<string> = new Set([...dataNames(), ...LEGACY_NAMES.split(/\s+/).filter(Boolean)]);

/** Mattermost names a toned emoji `<name>_<tone>`, two tones for two people (`handshake_light_skin_tone_dark_skin_tone`). */
const TONE_SUFFIX = /(?:_(?:light|medium_light|medium|medium_dark|dark)_skin_tone){1,2}$/;

/** A built-in name, with or without a skin tone. */
export const isSystemEmojiName = (name: string): boolean => SYSTEM_EMOJI_NAMES.has(name) || SYSTEM_EMOJI_NAMES.has(name.replace(TONE_SUFFIX, ''));
