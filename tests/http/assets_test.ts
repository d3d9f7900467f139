import { assert, assertEquals } from "../helpers/assert.ts";
import { buildBoardAssets } from "../../scripts/build_board.ts";
import { ASSET_HASH, ASSETS, ISLANDS } from "../../generated/assets.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

Deno.test("assets: generated/assets.ts is up to date with islands/ and static/ (run deno task build)", async () => {
  const built = await buildBoardAssets();
  const committed = await Deno.readTextFile(`${ROOT}generated/assets.ts`);
  assert(built === committed, "generated/assets.ts is stale: run `deno task build` and commit it");
});

Deno.test("assets: every island has a bundle whose chunks exist, and every static file is embedded", () => {
  const islands = [...Deno.readDirSync(`${ROOT}islands`)].filter((e) =>
    /^[A-Z]\w*\.tsx$/.test(e.name)
  ).map((e) => e.name.replace(".tsx", "")).sort();
  assertEquals(Object.keys(ISLANDS).sort(), islands);
  for (const island of Object.values(ISLANDS)) {
    assert(ASSETS[island.file], island.file);
    for (const chunk of island.imports) assert(ASSETS[chunk], chunk);
  }
  for (const e of Deno.readDirSync(`${ROOT}static`)) if (e.isFile) assert(ASSETS[e.name], e.name);
  assert(ASSETS["board.css"], "the stylesheet built from static/css/");
  assertEquals(ASSET_HASH.length, 16);
  for (const [name, asset] of Object.entries(ASSETS)) {
    assert(
      !/https?:\/\/(?!127\.0\.0\.1|localhost|www\.w3\.org)/.test(asset.body) ||
        name.endsWith(".js"),
      `${name} loads nothing external`,
    );
  }
});
