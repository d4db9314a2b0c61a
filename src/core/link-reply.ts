/**
 * One reply for all the links of a message: a status line per link, the rows grouped by
 * song, and notes that say "not found" only of datasets a link was searched in (and "no
 * exact match" where only candidates turned up). Links over the per-message cap are
 * counted, not dropped in silence.
 */
import type { IndexInfo } from '../index/schema.js';
import type { RecognisedLink } from '../links/types.js';
import type { LookupContext } from './context.js';
import { datasetsWithHits, groupMatches } from './grouping.js';
import { lookupLinks, type LinkAnswer } from './link-lookup.js';
import { isReleaseMessage, releaseReply } from './release-lookup.js';
import { notReadyReply } from './replies.js';
import type { Reply } from './types.js';
import { absenceNotes, contactNotes, datasetName, inIndexOrder, NOT_TRAINING_CLAIM, notFoundNote, plural, sampleNotes } from './wording.js';

function foundIn(answer: LinkAnswer, info: IndexInfo | undefined): string[] {
  const ids = answer.matches.filter((m) => m.basis === 'id' || m.basis === 'exact').map((m) => m.dataset);
  return inIndexOrder(info, ids).map((id) => datasetName(info, id));
}

function headlineFor(answers: readonly LinkAnswer[], info: IndexInfo | undefined): { tone: Reply['tone']; headline: string } {
  const n = answers.length;
  const count = (s: LinkAnswer['status']): number => answers.filter((a) => a.status === s).length;
  const single = answers.length === 1 ? answers[0] : undefined;
  if (single !== undefined) {
    if (single.status === 'found') {
      const names = foundIn(single, info);
      return {
        tone: 'found',
        headline: `This track is present in ${names.length} of ${info?.datasets.length ?? names.length} datasets: ${names.join(', ')}.`,
      };
    }
    if (single.status === 'candidates')
      return { tone: 'candidates', headline: 'No exact match for this link; similar titles are shown as candidates.' };
    if (single.status === 'not-found') return { tone: 'not-found', headline: 'This track was not found.' };
    return { tone: 'info', headline: `This link can't be checked: ${single.reason ?? 'unknown reason'}.` };
  }
  const parts = [
    `${count('found')} found`,
    ...(count('candidates') > 0 ? [`${count('candidates')} with candidates only`] : []),
    ...(count('not-found') > 0 ? [`${count('not-found')} not found`] : []),
    ...(count('unchecked') > 0 ? [`${count('unchecked')} unchecked`] : []),
  ];
  const tone: Reply['tone'] =
    count('found') > 0 ? 'found' : count('candidates') > 0 ? 'candidates' : count('not-found') > 0 ? 'not-found' : 'info';
  return { tone, headline: `${n} links: ${parts.join(', ')}.` };
}

export function linksReply(answers: readonly LinkAnswer[], info: IndexInfo | undefined, skipped = 0): Reply {
  const groups = groupMatches(
    answers.flatMap((a) => a.matches),
    info,
  );
  const { tone, headline } = headlineFor(answers, info);
  const single = answers.length === 1 ? answers[0] : undefined;
  const notes: string[] = [];
  if (single !== undefined) {
    const nothing = single.status === 'not-found' && single.notFoundIn.length === (info?.datasets.length ?? -1);
    if (nothing) notes.push(notFoundNote(info));
    else notes.push(...absenceNotes(info, single.notFoundIn, single.candidatesOnlyIn));
  }
  if (answers.some((a) => a.status === 'found')) notes.push(NOT_TRAINING_CLAIM, ...contactNotes(info, datasetsWithHits(groups)));
  notes.push(...sampleNotes(info));
  // With several links, each line says for itself where its track was not found.
  const body = answers.map((a) => {
    if (single !== undefined || a.notFoundIn.length === 0) return a.line;
    return `${a.line} Not found in ${a.notFoundIn.map((d) => datasetName(info, d)).join(', ')}.`;
  });
  if (skipped > 0) {
    body.push(
      `Checked the first ${plural(answers.length, 'link')} of this message; ${plural(skipped, 'more link')} ${skipped === 1 ? 'was' : 'were'} skipped (too many in one message).`,
    );
  }
  return { tone, headline, body, groups, notes, actions: [] };
}

/**
 * The one link sequence (the link command, a pasted message, a preview, the context menu): the
 * index's info, each link looked up, one reply. `quiet`: nobody asked, so an index that is not
 * ready, or links that found nothing, give undefined (no clutter under every video link).
 */
export async function answerLinks(
  ctx: LookupContext,
  links: readonly RecognisedLink[],
  opts: { skipped?: number; quiet?: boolean } = {},
): Promise<Reply | undefined> {
  const info = await ctx.search.indexInfo({ signal: ctx.signal });
  if (info === undefined) return opts.quiet === true ? undefined : notReadyReply();
  const skipped = opts.skipped ?? 0;
  const only = links[0];
  if (only !== undefined && isReleaseMessage(links, skipped)) {
    // A lone album, playlist or artist link is expanded into a release summary, a long answer:
    // posted unasked only when a track was found.
    const release = await releaseReply(ctx, only, info);
    return opts.quiet === true && release.tone !== 'found' ? undefined : release;
  }
  const answers = await lookupLinks(ctx, links, info);
  if (opts.quiet === true && !answers.some((a) => a.status === 'found' || a.status === 'candidates')) return undefined;
  return linksReply(answers, info, skipped);
}
