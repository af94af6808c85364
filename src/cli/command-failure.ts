/** A failure the user caused or can fix; the CLI prints its message (no stack) and exits non-zero. */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CommandFailure';
  }
}
