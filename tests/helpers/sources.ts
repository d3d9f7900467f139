/** The repository's own source files, for tests that read the code itself. */

/** The repository root (no trailing slash). */
export const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** Every .ts/.tsx file under a directory of the repository, as sorted relative paths. */
export function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(`${ROOT}/${rel}`)];
    } catch {
      return;
    }
    for (const e of entries) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory) walk(path);
      else if (/\.tsx?$/.test(e.name)) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}
