/**
 * Short links (spotify.link, on.soundcloud.com, deezer.page.link, link.deezer.com) are
 * followed one redirect at a time: each Location is recognised offline, and only a hop
 * that is itself on a short-link host is fetched. The final target is never fetched here;
 * it is resolved like any pasted link.
 */
import { isShortLinkHost } from '../../net/allowlist.js';
import type { RecognisedLink, ResolveOutcome } from '../types.js';
import { metaTags } from './parse.js';
import { onBase, type PlatformContext } from './platforms.js';

export type Recognise = (url: string) => RecognisedLink | undefined;

export const MAX_SHORT_LINK_HOPS = 5;

export type Followed = { ok: true; target: RecognisedLink } | { ok: false; outcome: ResolveOutcome };

/** Pasted text may lack a scheme or use http: short links are always fetched over HTTPS. */
export function httpsUrl(raw: string): URL | undefined {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
    if (url.protocol === 'http:') url.protocol = 'https:';
    return url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function failed(detail: string): Followed {
  return { ok: false, outcome: { ok: false, reason: 'failed', detail } };
}

/** `0; url=https://…` → the URL. */
function refreshTarget(content: string | undefined): string | undefined {
  if (content === undefined) return undefined;
  const at = content.toLowerCase().indexOf('url=');
  return at === -1
    ? undefined
    : content
        .slice(at + 4)
        .trim()
        .replace(/^['"]|['"]$/g, '');
}

/** Pages that redirect by script or meta refresh still name their target in their head. */
function targetInPage(body: string, recognise: Recognise): RecognisedLink | undefined {
  const meta = metaTags(body);
  const candidates = [refreshTarget(meta.get('refresh')), meta.get('og:url'), meta.get('al:web:url'), meta.get('twitter:url')];
  for (const value of candidates) {
    const found = value === undefined ? undefined : recognise(value);
    if (found !== undefined && found.kind !== 'short') return found;
  }
  return undefined;
}

export async function followShortLink(
  link: RecognisedLink,
  ctx: PlatformContext,
  signal: AbortSignal,
  recognise: Recognise,
): Promise<Followed> {
  let url = httpsUrl(link.url) ?? httpsUrl(link.normalizedUrl);
  for (let hop = 0; url !== undefined && hop < MAX_SHORT_LINK_HOPS; hop += 1) {
    const res = await ctx.outbound.get('shortlinks', onBase(url, ctx.bases.shortlinks), signal, {
      maxRedirects: 0,
      accept: 'text/html',
      maxBytes: 512 * 1024,
    });
    if (res.status >= 300 && res.status < 400 && res.location !== undefined) {
      let next: URL;
      try {
        next = new URL(res.location, url);
      } catch {
        return failed('the short link redirects to an unreadable address');
      }
      const target = recognise(next.href);
      if (target !== undefined && target.kind !== 'short') return { ok: true, target };
      if (!isShortLinkHost(next.hostname)) {
        return {
          ok: false,
          outcome: { ok: false, reason: 'unsupported', detail: `the short link leads to ${next.hostname}, not a track page` },
        };
      }
      url = httpsUrl(next.href);
      continue;
    }
    if (res.status === 200) {
      const target = targetInPage(res.body, recognise);
      if (target !== undefined) return { ok: true, target };
      return { ok: false, outcome: { ok: false, reason: 'not-found', detail: 'the short link does not lead to a track' } };
    }
    if (res.status === 404 || res.status === 410)
      return { ok: false, outcome: { ok: false, reason: 'not-found', detail: 'the short link has expired' } };
    return failed(`the short link service answered HTTP ${res.status}`);
  }
  return failed(url === undefined ? 'the short link is not a web address' : `more than ${MAX_SHORT_LINK_HOPS} redirects`);
}
