/** An import input Tidings cannot use: the message names the input and the problem. */
export class SourceImportError extends Error {
  override name = 'SourceImportError';
}
