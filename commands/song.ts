import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { cleanText, songLookup } from '../src/core/song-lookup.js';

/** The four datasets of datasets.md (Discord needs choices at registration time). */
export const DATASET_CHOICES = [
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
};
