import fs from 'node:fs';
import { loadConfig } from '../config/load-config.js';

/**
 * Tells a running watch that its config file was edited. The watch goes on with the config it
 * started with (changing feeds, store or site under a running scheduler and build is not
 * supported); before, an edit passed silently, and people waited for feeds they had added.
 * The edited file is read through the usual loader, so a broken edit is reported at once,
 * with the loader's message, rather than at the next start. Polled (fs.watchFile): editors
 * replace the file by renaming, which fs.watch loses track of.
 */
export function noticeConfigEdits(
  configPath: string,
  onEdit: (problem: string | null) => void,
  intervalMs = 1000,
): () => void {
  const listener = (now: fs.Stats, before: fs.Stats) => {
    if (now.mtimeMs === before.mtimeMs && now.size === before.size && now.ino === before.ino)
      return;
    try {
      loadConfig(configPath);
      onEdit(null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The loader's messages start with the file, which the notice names already.
      onEdit(
        message.startsWith(`${configPath}: `) ? message.slice(configPath.length + 2) : message,
      );
    }
  };
  fs.watchFile(configPath, { interval: intervalMs, persistent: false }, listener);
  return () => fs.unwatchFile(configPath, listener);
}
