/**
 * The TOON encoder, the only part of `@toon-format/toon` cairn uses. Imported
 * through this module so that the bundle carries the encoder without the
 * decoder: a dynamic import of the package itself keeps all of it.
 *
 * @module
 */
export { encode } from "@toon-format/toon";
