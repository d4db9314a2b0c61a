/** Typed faults of the safe fetcher: the resolvers turn each into an outcome for one link. */
export type SafeFetchErrorCode =
  'refused-scheme' | 'refused-host' | 'refused-address' | 'dns' | 'timeout' | 'aborted' | 'too-large' | 'too-many-redirects' | 'network';

export class SafeFetchError extends Error {
  constructor(
    readonly code: SafeFetchErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SafeFetchError';
  }
}

export function isRefusal(error: unknown): boolean {
  return error instanceof SafeFetchError && error.code.startsWith('refused-');
}
