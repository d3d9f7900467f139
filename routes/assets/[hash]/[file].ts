/**
 * `GET /assets/{hash}/{file}`: the program's own build output, served from
 * memory without authentication (no repository data; Host is still checked).
 */
import type { BoardContext } from "../../_lib/board.ts";
import { ASSET_HASH, ASSETS } from "../../../generated/assets.ts";

export function GET(c: BoardContext): Response {
  const asset = c.req.param("hash") === ASSET_HASH ? ASSETS[c.req.param("file") ?? ""] : undefined;
  if (!asset || !Object.hasOwn(ASSETS, c.req.param("file") ?? "")) {
    return new Response("Not found\n", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
    });
  }
  return new Response(asset.body, {
    headers: {
      "content-type": asset.type,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}
