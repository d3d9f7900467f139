/**
 * `PATCH /api/criteria/{id}`: `checked: true` (with optional `evidence`) is
 * `criteria.check`, `checked: false` is `criteria.uncheck`, `text` is
 * `criteria.update`. `DELETE /api/criteria/{id}` is `criteria.remove`.
 */
import {
  CairnError,
  checkCriterion,
  removeCriterion,
  uncheckCriterion,
  updateCriterion,
} from "../../../core/mod.ts";
import { mutation } from "../../_lib/api.ts";
import { fullId, versionOf } from "../../_lib/values.ts";

function opOf(body: Record<string, unknown>): string {
  if (body.text !== undefined) return "criteria.update";
  return body.checked === false ? "criteria.uncheck" : "criteria.check";
}

export const PATCH = mutation({
  op: opOf,
  body: { checked: "boolean", evidence: "string", text: "string" },
  ifMatch: "required",
  etag: versionOf,
  run: (ctx, { id, body, ifMatch }) => {
    fullId(id, ["criterion"]);
    const given = Object.keys(body);
    if (given.length === 0) {
      throw new CairnError("missing_argument", "Give checked, evidence or text", {
        anyOf: ["checked", "evidence", "text"],
      });
    }
    if (body.text !== undefined && given.length > 1) {
      throw new CairnError(
        "conflicting_options",
        "text cannot be combined with checked or evidence",
        { options: given },
      );
    }
    if (body.text !== undefined) return updateCriterion(ctx, { id, text: body.text, ifMatch });
    if (body.checked === false) {
      if (body.evidence !== undefined) {
        throw new CairnError("conflicting_options", "evidence needs checked: true", {
          options: ["checked", "evidence"],
        });
      }
      return uncheckCriterion(ctx, { id, ifMatch });
    }
    return checkCriterion(ctx, { id, evidence: body.evidence, ifMatch });
  },
});

export const DELETE = mutation({
  op: "criteria.remove",
  ifMatch: "required",
  run: (ctx, { id, ifMatch }) => {
    fullId(id, ["criterion"]);
    return removeCriterion(ctx, { id, ifMatch });
  },
});
