/** Typesense's failures, as the one fault the core knows. */
import Typesense from 'typesense';
import { SearchUnavailableError } from './port.js';

const { Errors } = Typesense;

/** Typesense's answer or the transport's failure, as the one fault the core knows, chosen by error class. */
export function fault(err: unknown, signal?: AbortSignal): SearchUnavailableError {
  if (err instanceof SearchUnavailableError) return err;
  // typesense-js rejects an aborted request with a plain Error: the caller's signal says why.
  if (signal?.aborted === true) return new SearchUnavailableError('the lookup was stopped at its deadline', 'aborted', { cause: err });
  if (err instanceof Errors.RequestUnauthorized || (err instanceof Errors.HTTPError && err.httpStatus === 403))
    return new SearchUnavailableError('the search key was refused', 'unauthorized', { cause: err });
  if (err instanceof Errors.ObjectNotFound)
    return new SearchUnavailableError('the track index does not exist yet', 'no-index', { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof Errors.TypesenseError) return new SearchUnavailableError(`search failed: ${message}`, 'unreachable', { cause: err });
  // Not an HTTP answer: the connection failed or timed out (axios's own errors, below typesense-js).
  const timeout = /timeout/i.test(message);
  return new SearchUnavailableError(`search is unreachable: ${message}`, timeout ? 'timeout' : 'unreachable', { cause: err });
}
