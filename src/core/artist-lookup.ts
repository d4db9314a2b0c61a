/** `/trained artist`: rows per dataset, distinct titles, most frequent titles, and a full export. */
import { encodeAction } from './actions.js';
import type { LookupContext } from './context.js';
import { toCsv } from './csv.js';
import { simpleReply } from './replies.js';
import type { Reply, ReplyAction } from './types.js';
import { datasetName, plural, NOT_TRAINING_CLAIM, notFoundNote, sampleNotes } from './wording.js';

export const ARTIST_EXPORT_ROWS = 10_000;

/** Marks the artist command's action ids; its fields are the artist's name. */
export const ARTIST_ACTION_CODE = 'a';

function actions(name: string): ReplyAction[] {
  const out: ReplyAction[] = [];
  const exportId = encodeAction('export', ARTIST_ACTION_CODE, [name]);
  if (exportId !== undefined) out.push({ kind: 'export', label: 'Export full list (CSV)', id: exportId });
  // The core drops Share where the answer is already public.
  const shareId = encodeAction('share', ARTIST_ACTION_CODE, [name]);
  if (shareId !== undefined) out.push({ kind: 'share', label: 'Share in channel', id: shareId });
  return out;
}

export async function artistReply(ctx: LookupContext, name: string): Promise<Reply> {
  if (name === '') return simpleReply('problem', 'Give an artist name: /trained artist name:<name>.');
  const [cov, info] = await Promise.all([ctx.search.artistCoverage(name), ctx.search.indexInfo()]);
  if (cov.totalRows === 0) {
    return {
      ...simpleReply('not-found', `No rows credited to "${name}".`),
      notes: [notFoundNote(info), ...sampleNotes(info)],
    };
  }
  const body = Object.entries(cov.rowsByDataset)
    .sort((a, b) => b[1] - a[1])
    .map(([id, rows]) => `${datasetName(info, id)}: ${plural(rows, 'row')}`);
  body.push(`${plural(cov.distinctTitles, 'distinct title')}${cov.partial ? ' (counted over the first rows read)' : ''}.`);
  if (cov.topTitles.length > 0) {
    body.push('Most frequent titles:');
    for (const t of cov.topTitles)
      body.push(`  ${t.title} — ${plural(t.rows, 'row')} (${t.datasets.map((d) => datasetName(info, d)).join(', ')})`);
  }
  return {
    tone: 'found',
    headline: `"${name}": ${plural(cov.totalRows, 'row')} credited in ${plural(Object.keys(cov.rowsByDataset).length, 'dataset')}.`,
    body,
    groups: [],
    notes: [
      'Rows are matched by the credited artist name; another artist with the same name is counted too.',
      NOT_TRAINING_CLAIM,
      ...sampleNotes(info),
    ],
    actions: actions(name),
  };
}

export async function artistExport(ctx: LookupContext, name: string): Promise<Reply> {
  const [tracks, info] = await Promise.all([ctx.search.artistTracks(name, ARTIST_EXPORT_ROWS), ctx.search.indexInfo()]);
  const rows = tracks.map((m) => [datasetName(info, m.dataset), m.dataset, m.rowKey, m.title, m.artists.join('; '), m.album, m.url]);
  return {
    ...simpleReply('info', `Export of ${rows.length} rows credited to "${name}".`),
    notes: [NOT_TRAINING_CLAIM, ...sampleNotes(info)],
    attachments: [
      {
        filename: 'trained-artist.csv',
        contentType: 'text/csv',
        content: toCsv(['dataset_name', 'dataset', 'row_key', 'title', 'artists', 'album', 'url'], rows),
      },
    ],
  };
}
