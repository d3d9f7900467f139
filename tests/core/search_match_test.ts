import { assertEquals } from "../helpers/assert.ts";
import { fold, occurrences, snippet, spliceAll } from "../../core/search/match.ts";

Deno.test("search fold: lower-cases code point by code point, keeping every index in place", () => {
  assertEquals(fold("ÉCOLE Straße"), "école straße");
  // U+0130 lower-cases to two code points: kept unchanged so indices do not shift.
  assertEquals(fold("İSTANBUL"), "İstanbul");
  assertEquals(fold("ΣΑΣ"), "σασ");
  const text = "İx ÀB";
  assertEquals(fold(text).length, text.length);
});

Deno.test("search occurrences: non-overlapping, left to right; replacement not rescanned", () => {
  assertEquals(occurrences("aaaa", "aa"), [0, 2]);
  assertEquals(occurrences("abc", "x"), []);
  assertEquals(spliceAll("a-a-a", occurrences("a-a-a", "a"), 1, "aa"), "aa-aa-aa");
});

Deno.test("search snippet: 30 code points each side, whitespace collapsed, … at cuts", () => {
  const text = `${"x".repeat(40)}\n\n  needle   ${"y".repeat(40)}`;
  const at = text.indexOf("needle");
  assertEquals(snippet(text, at, 6), `…${"x".repeat(29)} needle ${"y".repeat(29)}…`);
  assertEquals(snippet("short needle here", 6, 6), "short needle here");
});
