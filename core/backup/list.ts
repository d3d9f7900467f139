/**
 * The backups folder (SPEC §13.6): listing files with their instant and
 * reason, and picking a free file name.
 *
 * @module
 */
import { exists, fileSize } from "../probe.ts";

/** One backup file. */
export interface BackupFile {
  /** Absolute path of the file. */
  file: string;
  bytes: number;
  createdAt: string | null;
  reason: string | null;
}

const NAME = /^cairn-(\d{8}T\d{9}Z)-(.+)\.db$/;

/** The instant encoded in a backup name (`20260502T134530123Z`), as ISO, or null. */
export function stampToIso(stamp: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(stamp);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : null;
}

/** The file-name stamp of an instant: `YYYYMMDDTHHMMSSmmmZ`. */
export function fileStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(".", "");
}

/** Backups in `dir`, newest first (by name). A missing folder has none. */
export function listBackups(dir: string): BackupFile[] {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch {
    return [];
  }
  const names = entries.filter((e) => e.isFile && /^cairn-.*\.db$/.test(e.name)).map((e) => e.name);
  names.sort().reverse();
  return names.map((name) => {
    const m = NAME.exec(name);
    return {
      file: `${dir}/${name}`,
      bytes: fileSize(`${dir}/${name}`), // 0 once removed meanwhile
      createdAt: m ? stampToIso(m[1]!) : null,
      reason: m ? m[2]! : null,
    };
  });
}

/**
 * An instant at or after `ms` whose backup name for `reason` is still free,
 * so two backups in one millisecond (or under a pinned clock) never collide.
 */
export function freeInstant(dir: string, reason: string, ms: number): number {
  let t = ms;
  while (exists(`${dir}/cairn-${fileStamp(t)}-${reason}.db`)) t++;
  return t;
}
