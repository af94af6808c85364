/**
 * The site could not be written where the config says: the output folder is a file, is not
 * ours to replace, or the file system refused (no such parent, no permission, disk full). The
 * CLI prints its message as one line and exits 1; the previous site is left as it was.
 */
export class SiteOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteOutputError';
  }
}

/** A file-system error (it has an errno code such as ENOENT or EACCES), as opposed to a bug. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}
