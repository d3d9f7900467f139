/**
 * Export and import (SPEC §12), loaded lazily by `epic export`, `export` and
 * `import`.
 *
 * @module
 */
export { exportAll, exportEpic, type ExportTarget } from "./export.ts";
export { decode, importExport, type ImportResult, readImportFile } from "./import.ts";
export { type ExportScope, renderJson } from "./json.ts";
export { renderMarkdown } from "./markdown.ts";
export { readExportRows } from "./read.ts";
export { slugify } from "./target.ts";
