/**
 * Notification sounds, made with the Web Audio API (no audio files to ship). Named as Mattermost's
 * `desktop_notification_sound` choices; each is a few short tones. Never throws: without audio, or before the
 * browser lets the page play sound, nothing is heard.
 */

export const NOTIFICATION_SOUNDS = ['Bing', 'Crackle', 'Down', 'Hello', 'Ripple', 'Upstairs'] as const;
export type NotificationSound = (typeof NOTIFICATION_SOUNDS)[number];

/** [frequency in Hz, start in s, length in s] */
type Tone = [number, number, number];

const TONES: Record<NotificationSound, { wave: OscillatorType; tones: Tone[] }> = {
  Bing: { wave: 'sine', tones: [[1318.5, 0, 0.35]] },
  Crackle: { wave: 'square', tones: [[660, 0, 0.04], [520, 0.06, 0.04], [700, 0.12, 0.04], [480, 0.18, 0.05]] },
  Down: { wave: 'sine', tones: [[987.8, 0, 0.14], [740, 0.14, 0.14], [587.3, 0.28, 0.22]] },
  Hello: { wave: 'triangle', tones: [[784, 0, 0.12], [1046.5, 0.13, 0.25]] },
  Ripple: { wave: 'sine', tones: [[880, 0, 0.08], [988, 0.07, 0.08], [1108.7, 0.14, 0.08], [1318.5, 0.21, 0.16]] },
  Upstairs: { wave: 'triangle', tones: [[523.3, 0, 0.12], [659.3, 0.12, 0.12], [784, 0.24, 0.2]] },
};

export function isNotificationSound(name: string | undefined): name is NotificationSound {
  return (NOTIFICATION_SOUNDS as readonly string[]).includes(name ?? '');
}

type AudioContextClass = typeof AudioContext;
let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const w = window as unknown as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
  const Ctor = w.AudioContext ?? w.webkitAudioContext;
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

export function playNotificationSound(name: string | undefined): void {
  try {
    const ctx = audioContext();
    if (!ctx) return;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const { wave, tones } = TONES[isNotificationSound(name) ? name : 'Bing'];
    const start = ctx.currentTime + 0.01;
    for (const [frequency, at, length] of tones) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = wave;
      osc.frequency.value = frequency;
      // A quick attack and an exponential fade, so the tones do not click.
      gain.gain.setValueAtTime(0.0001, start + at);
      gain.gain.exponentialRampToValueAtTime(0.18, start + at + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + at + length);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + at);
      osc.stop(start + at + length + 0.02);
    }
  } catch {
    // No sound is better than a broken notification.
  }
}
