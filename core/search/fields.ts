/**
 * The searchable fields, apart from the search itself: the command table and
 * the board's query parser name them at start-up, the search code loads when
 * used.
 *
 * @module
 */

/** Searchable fields (`--fields`). */
export type SearchField = "title" | "description" | "criteria";

/** All searchable fields, the default. */
export const SEARCH_FIELDS: readonly SearchField[] = ["title", "description", "criteria"];
