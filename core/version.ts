/** Program version (SPEC §2.7). */
export const VERSION = "1.0.0";
