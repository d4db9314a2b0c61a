/**
 * The error every index-builder command stops with when the cause is the person's to fix (a
 * missing source, a refused key, a failed check): the command lines print its message alone.
 * Its own module so that build.ts and the modules it uses (target.ts) both import it without
 * importing each other.
 */

/** An expected way for a build to stop: told to the person running it in one line. */
export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildError';
  }
}
