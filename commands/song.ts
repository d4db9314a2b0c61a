import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { cleanText, SONG_ACTION_CODE, songExport, songLookup, songQueryOf } from '../src/core/song-lookup.js';

/** The four datasets of datasets.md (Discord needs choices at registration time). */
const DATASET_CHOICES = [
  { name: 'LAION-DISCO-12M', value: 'laion-disco-12m' },
  { name: 'Sleeping-DISCO-9M', value: 'sleeping-disco-9m' },
  { name: 'Free Music Archive (FMA)', value: 'fma' },
  { name: 'Spotify Tracks Dataset', value: 'spotify-tracks' },
] as const;

export const song: CommandDeclaration<CommandContext> = {
  name: 'song',
  description: 'Is this song in the AI-music training datasets? Search by title and artist.',
  options: [
    { name: 'title', description: 'Song title', type: 'string', required: true, autocomplete: 'title', maxLength: 300 },
    { name: 'artist', description: 'Artist name (makes the match stronger)', type: 'string', autocomplete: 'artist', maxLength: 200 },
    { name: 'dataset', description: 'Only this dataset', type: 'string', choices: DATASET_CHOICES },
  ],
  // "title - artist" or "artist - title": the core tries both readings (readings.ts).
  text: { hint: 'title - artist', aliases: { song: 'title' }, rest: 'title', bare: 'text' },
  handle: (inv, ctx) => {
    const artist = cleanText(inv.options.artist, 200);
    const dataset = cleanText(inv.options.dataset, 64);
    return songLookup(ctx, {
      title: cleanText(inv.options.title),
      artist: artist === '' ? undefined : artist,
      dataset: dataset === '' ? undefined : dataset,
      page: 1,
    });
  },
  onAction: {
    code: SONG_ACTION_CODE,
    run: (kind, fields, ctx) => {
      const q = songQueryOf(fields);
      if (q === undefined) return undefined;
      // More and Share answer the page the button names; Export the whole song.
      return kind === 'export' ? songExport(ctx, q) : songLookup(ctx, q);
    },
  },
};
