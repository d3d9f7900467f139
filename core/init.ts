/**
 * `init` (SPEC §9.2.1): create the storage if needed and report the layout.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { ensureStorageDir, type OpenReport } from "./store/open.ts";
import { SCHEMA_VERSION } from "./store/migrations.ts";
import { locationFacts } from "./store/location.ts";

/** Reports the storage of an opened context. `report` is what opening did. */
export function describeInit(ctx: Ctx, report: OpenReport | null) {
  const loc = ctx.store.location;
  const gitignore = ensureStorageDir(loc).gitignore;
  const replicaId =
    ctx.store.get<{ value: string }>("SELECT value FROM meta WHERE key = 'replica_id'")?.value ??
      null;
  return {
    created: report?.createdDatabase ?? false,
    storage: locationFacts(loc),
    gitignore: {
      path: `${loc.dir}/.gitignore`,
      action: report?.createdDir ? "created" : gitignore,
    },
    schemaVersion: SCHEMA_VERSION,
    replicaId,
    migrated: report?.migrated ?? null,
  };
}
