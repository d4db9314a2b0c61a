/**
 * Per-place settings (auto-replies, reply mode, previews). A channel's own setting
 * overrides its workspace's, which overrides the defaults. Stores are injected, so the
 * console keeps them in memory and the chat adapters share them through Typesense.
 */
import type { Place } from '../core/types.js';

export type ReplyMode = 'reply' | 'thread' | 'reaction';
export const REPLY_MODES: readonly ReplyMode[] = ['reply', 'thread', 'reaction'];

export interface PlaceSettings {
  /** Answer pasted links without being asked (default false: explicit requests only). */
  autoReply: boolean;
  mode: ReplyMode;
  /** Slack unfurls. */
  previews: boolean;
}

export const DEFAULT_SETTINGS: Readonly<PlaceSettings> = Object.freeze({ autoReply: false, mode: 'reply', previews: true });

export interface PlaceSettingsStore {
  get(place: Place): Promise<PlaceSettings>;
  /**
   * Changes the channel's settings; a place whose channelId is WORKSPACE_CHANNEL changes
   * the workspace default instead. Answers the settings now in effect for `place`.
   */
  set(place: Place, patch: Partial<PlaceSettings>): Promise<PlaceSettings>;
}

/** The channelId that addresses a whole workspace (guild/team) rather than one channel. */
export const WORKSPACE_CHANNEL = '*';

/** Storage keys: a place's own key, then its workspace's key (most specific first). */
export function settingsKeys(place: Place): { channel: string; workspace: string | undefined } {
  const ws = place.workspaceId ?? '-';
  const channel = `${place.platform}:${ws}:${place.channelId}`;
  const workspace = place.workspaceId === undefined ? undefined : `${place.platform}:${ws}:${WORKSPACE_CHANNEL}`;
  return { channel, workspace };
}

/** Keeps only known fields with valid values, so a stored or typed patch cannot smuggle anything in. */
export function cleanPatch(patch: Readonly<Record<string, unknown>>): Partial<PlaceSettings> {
  const out: Partial<PlaceSettings> = {};
  if (typeof patch.autoReply === 'boolean') out.autoReply = patch.autoReply;
  if (typeof patch.previews === 'boolean') out.previews = patch.previews;
  if (typeof patch.mode === 'string' && (REPLY_MODES as readonly string[]).includes(patch.mode)) out.mode = patch.mode as ReplyMode;
  return out;
}

export function mergeSettings(...layers: (Partial<PlaceSettings> | undefined)[]): PlaceSettings {
  const out: PlaceSettings = { ...DEFAULT_SETTINGS };
  for (const layer of layers) if (layer !== undefined) Object.assign(out, cleanPatch(layer));
  return out;
}

/** In-process settings: the console, and the chat adapters when no settings key is configured. */
export class MemorySettingsStore implements PlaceSettingsStore {
  private readonly byKey = new Map<string, Partial<PlaceSettings>>();

  get(place: Place): Promise<PlaceSettings> {
    const { channel, workspace } = settingsKeys(place);
    return Promise.resolve(mergeSettings(workspace === undefined ? undefined : this.byKey.get(workspace), this.byKey.get(channel)));
  }

  async set(place: Place, patch: Partial<PlaceSettings>): Promise<PlaceSettings> {
    const key = settingsKeys(place).channel;
    this.byKey.set(key, { ...this.byKey.get(key), ...cleanPatch(patch) });
    return this.get(place);
  }
}
