/**
 * Where an export goes and how it is written (SPEC §12.1): slugs, default
 * paths, directories, exclusive create or atomic overwrite.
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import { fileError } from "../store/open.ts";
import { exists } from "../probe.ts";

/** The file-name slug of a title (SPEC §12.1); `fallback` when nothing is left. */
export function slugify(title: string, fallback: string): string {
  let slug = title.toLowerCase().normalize("NFD").replace(/\p{M}+/gu, "")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length > 60) {
    const cut = slug.slice(0, 61);
    const dash = cut.lastIndexOf("-");
    slug = (dash > 0 ? cut.slice(0, dash) : slug.slice(0, 60)).replace(/-+$/, "");
  }
  return slug || fallback;
}

function isDir(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

/**
 * The file an export is written to. `path` is relative to `cwd`; a path that
 * ends with `/` or names a directory receives `name`. Without `path`, the
 * file is `defaultDir/name`.
 */
export function resolveTarget(
  o: { path?: string; cwd: string; defaultDir: string; name: string },
): string {
  if (o.path === undefined) return `${o.defaultDir}/${o.name}`;
  const abs = o.path.startsWith("/") ? o.path : `${o.cwd.replace(/\/+$/, "")}/${o.path}`;
  if (o.path.endsWith("/") || isDir(abs)) return `${abs.replace(/\/+$/, "")}/${o.name}`;
  return abs;
}

/** What writing a target did. */
export interface Written {
  path: string;
  bytes: number;
  overwritten: boolean;
}

/**
 * Writes the document: exclusive create (`file_exists` when present), or with
 * `overwrite` a temporary file in the same directory renamed over the target.
 */
export function writeTarget(path: string, text: string, overwrite: boolean): Written {
  const dir = path.slice(0, path.lastIndexOf("/")) || "/";
  const bytes = new TextEncoder().encode(text);
  if (isDir(path)) throw new CairnError("invalid_path", `${path} is a directory`, { path });
  try {
    Deno.mkdirSync(dir, { recursive: true });
  } catch (err) {
    if (err instanceof Deno.errors.AlreadyExists || err instanceof Deno.errors.NotADirectory) {
      throw new CairnError("invalid_path", `A parent of ${path} is a file`, { path });
    }
    throw fileError(err, dir);
  }
  if (!overwrite) {
    try {
      Deno.writeFileSync(path, bytes, { createNew: true });
    } catch (err) {
      if (err instanceof Deno.errors.AlreadyExists) {
        throw new CairnError(
          "file_exists",
          `${path} already exists; pass --overwrite to replace it`,
          {
            path,
          },
        );
      }
      throw fileError(err, path);
    }
    return { path, bytes: bytes.length, overwritten: false };
  }
  const existed = exists(path);
  const tmp = `${dir}/.${path.slice(dir.length + 1)}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    const file = Deno.openSync(tmp, { createNew: true, write: true });
    try {
      for (let off = 0; off < bytes.length;) off += file.writeSync(bytes.subarray(off));
      file.syncSync();
    } finally {
      file.close();
    }
    Deno.renameSync(tmp, path);
  } catch (err) {
    try {
      Deno.removeSync(tmp);
    } catch { /* not created */ }
    throw fileError(err, path);
  }
  return { path, bytes: bytes.length, overwritten: existed };
}
