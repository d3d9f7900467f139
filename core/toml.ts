/**
 * The TOML parser, the only part of `smol-toml` cairn uses. Imported through
 * this module so that the bundle carries the parser without the serializer:
 * a dynamic import of the package itself keeps all of it.
 *
 * @module
 */
export { parse } from "smol-toml";
