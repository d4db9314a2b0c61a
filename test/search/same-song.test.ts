/**
 * The same song written another way (src/search/same-song.ts): a wider exact query from the rows found.
 */
import { describe, expect, it } from 'vitest';
import { planTitleQuery, type PlannedTitleQuery } from '../../src/search/plan.js';
import { planSameSong } from '../../src/search/same-song.js';

function planned(title: string, artist?: string): PlannedTitleQuery {
  return planTitleQuery({ title, ...(artist === undefined ? {} : { artist }) }) ?? expect.fail(`"${title}" plans no query`);
}

describe('planSameSong', () => {
  it("adds the found rows' other title forms and credits, or nothing when they add no key", () => {
    const q = planned('Spring Day', 'BTS');
    const wider = planSameSong(q, [{ title: '봄날 (Spring Day)', artists: ['BTS'] }]);
    expect(wider?.titleKeys).toEqual(['spring day', '봄날 spring day', '봄날']);
    expect(wider?.perPage).toBe(250);
    expect(planSameSong(q, [{ title: 'Spring Day', artists: ['BTS'] }])).toBeUndefined();
    expect(planSameSong(planned('Spring Day'), [{ title: '봄날 (Spring Day)', artists: ['BTS'] }])).toBeUndefined();
    const alias = planSameSong(planned('Blueming', '아이유'), [{ title: 'Blueming', artists: ['IU (아이유)'] }]);
    expect(alias?.credit?.segments.flatMap((s) => s.solid)).toContain('iu');
    // A co-credited artist is not added: their own "Hello" is another song.
    expect(planSameSong(planned('Hello', 'Adele'), [{ title: 'Hello', artists: ['Adele', 'Lionel Richie'] }])).toBeUndefined();
  });
});
