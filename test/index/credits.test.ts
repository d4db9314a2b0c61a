/**
 * Credit equivalence and title keys, as pure functions: every way a credit is written that
 * the issue lists matches, and the ways one artist's name appears inside another's credit
 * do not.
 */
import { describe, expect, it } from 'vitest';
import { aliasKeys, artistKey, creditMatches, queryCredit, rowCreditKeys } from '../../src/index/credits.js';
import { titleKeys } from '../../src/index/normalize.js';

const matches = (query: string, artists: string[], featured: string[] = []): boolean =>
  creditMatches(queryCredit(query), rowCreditKeys(artists, featured));

describe('credit equivalence', () => {
  it.each([
    ['Killers', ['The Killers']],
    ['The Killers', ['Killers']],
    ['Simon and Garfunkel', ['Simon & Garfunkel']],
    ['Simon & Garfunkel', ['Simon and Garfunkel']],
    ['Florence and the Machine', ['Florence + The Machine']],
    ['Mark Ronson feat. Bruno Mars', ['Mark Ronson', 'Bruno Mars']],
    ['Mark Ronson feat. Bruno Mars', ['Mark Ronson']],
    ['Wiz Khalifa ft. Charlie Puth', ['Wiz Khalifa', 'Charlie Puth']],
    ['Charlie Puth', ['Wiz Khalifa feat. Charlie Puth']],
    ['Bruno Mars', ['Mark Ronson', 'Bruno Mars']],
    ['Calvin Harris x Dua Lipa', ['Calvin Harris', 'Dua Lipa']],
    ['Calvin Harris & Dua Lipa', ['Calvin Harris x Dua Lipa']],
    ['Shawn Mendes, Camila Cabello', ['Shawn Mendes', 'Camila Cabello']],
    ['Tyler, The Creator', ['Tyler, The Creator']],
    ['Tyler The Creator', ['Tyler, The Creator']],
    ['Earth Wind and Fire', ['Earth, Wind & Fire']],
    ['BTS', ['BTS (방탄소년단)']],
    ['방탄소년단', ['BTS (방탄소년단)']],
    ['IU (아이유)', ['IU']],
    ['Dua Lipa', ['Calvin Harris (feat. Dua Lipa)']],
    ['Justin Bieber', ['The Kid LAROI'], ['Justin Bieber']],
    ['Bob Marley with The Wailers', ['Bob Marley']],
  ])('%s names an artist of %j', (query, artists, featured?: string[]) => {
    expect(matches(query, artists, featured)).toBe(true);
  });

  it.each([
    // One artist named inside another's credit by `&`, `+`, `,`: another artist, never a claim.
    ['Simon', ['Simon & Garfunkel']],
    ['Garfunkel', ['Simon & Garfunkel']],
    ['Florence', ['Florence + The Machine']],
    ['Tyler', ['Tyler, The Creator']],
    ['Dua Lipa', ['Calvin Harris & Dua Lipa']],
    // Both pieces must be credited, not one.
    ['Simon & Garfunkel', ['Simon']],
    ['Adele & Lionel Richie', ['Adele']],
    ['Paul Simon', ['Simon & Garfunkel']],
    ['Lionel', ['Lionel Richie']],
    ['Queen', ['Queen Latifah']],
    ['The Killers Tribute', ['The Killers']],
    // A number in brackets disambiguates; it is not another name.
    ['2', ['Prince (2)']],
  ])('%s does not name an artist of %j', (query, artists) => {
    expect(matches(query, artists)).toBe(false);
  });

  it('keys a credit with "The" dropped and the pieces of joined names apart', () => {
    expect(artistKey('The Killers')).toBe('killers');
    expect(artistKey('The The')).toBe('the');
    expect(rowCreditKeys(['Florence + The Machine'])).toEqual({
      solid: ['florence and the machine', 'florence and machine'],
      parts: ['florence', 'machine'],
    });
    expect(rowCreditKeys(['BTS (방탄소년단)']).solid).toEqual(['bts 방탄소년단', '방탄소년단', 'bts']);
    expect(rowCreditKeys(['Mark Ronson'], ['Bruno Mars']).solid).toEqual(['mark ronson', 'bruno mars']);
  });

  it("gives a credit cell's other names, never a co-credited artist", () => {
    expect(aliasKeys('IU (아이유)')).toEqual(['iu 아이유', 'iu', '아이유']);
    expect(aliasKeys('The Killers')).toEqual(['killers']);
    expect(aliasKeys('Mark Ronson feat. Bruno Mars')).toEqual(['mark ronson feat bruno mars']);
    expect(aliasKeys('Calvin Harris (feat. Dua Lipa)')).toEqual(['calvin harris feat dua lipa', 'calvin harris']);
    expect(aliasKeys('Prince (2)')).toEqual(['prince 2', 'prince']);
  });
});

describe('title keys', () => {
  it.each([
    ['Gangnam Style (강남스타일)', 'gangnam style 강남스타일', ['gangnam style', '강남스타일']],
    ['강남스타일 (Gangnam Style)', '강남스타일 gangnam style', ['강남스타일', 'gangnam style']],
    ['봄날 (Spring Day)', '봄날 spring day', ['봄날', 'spring day']],
    ['夜に駆ける (Yoru ni Kakeru)', '夜 に 駆 け る yoru ni kakeru', ['夜 に 駆 け る', 'yoru ni kakeru']],
    ['P.Y.T. (Pretty Young Thing)', 'p y t pretty young thing', ['p y t', 'pyt', 'pretty young thing']],
    ['Save Our Souls (SOS)', 'save our souls sos', ['save our souls', 'sos']],
    ['S.O.S.', 's o s', ['sos']],
    // Versions stay versions, on every form.
    ['Gangnam Style (강남스타일) (Live)', 'gangnam style 강남스타일 live', ['gangnam style live', '강남스타일 live']],
    // Same script, no abbreviation: part of the one title.
    ['Song (Part 2)', 'song part 2', []],
    ['Hello (Adele)', 'hello adele', []],
  ])('%s', (title, key, alternates) => {
    expect(titleKeys(title)).toMatchObject({ key, alternates });
  });

  it('reads credits out of the title', () => {
    expect(titleKeys('Uptown Funk (feat. Bruno Mars)').featured).toEqual(['bruno mars']);
    expect(titleKeys('STAY (with Justin Bieber)').featured).toEqual(['justin bieber']);
    expect(titleKeys('Song - feat. X').featured).toEqual(['x']);
    expect(titleKeys('Dancing With Myself').featured).toEqual([]);
  });
});
