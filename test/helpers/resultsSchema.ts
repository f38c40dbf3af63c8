/**
 * SPEC.md §8, results.json, as a zod schema: these names are fixed, extra fields are allowed (zod strips,
 * never rejects them). Shared by the command-line tests and the conformance suite, so the contract is
 * written down once.
 */
import { z } from "zod";

export const issueSchema = z.object({
  level: z.enum(["error", "warning"]),
  sheet: z.string(),
  cell: z.string(),
  message: z.string().min(1),
});

export const normBandSchema = z.object({
  mean: z.number(),
  sd: z.number(),
  lower: z.number(),
  upper: z.number(),
});

export const resultsSchema = z.object({
  budget: z.number(),
  units: z.array(
    z.object({
      id: z.string(),
      area: z.string(),
      categories: z.record(z.string(), z.number().nullable()),
      index: z.number().nullable(),
      band: z.enum(["oberhalb", "innerhalb", "unterhalb"]).nullable(),
      eligible: z.object({ sozialarbeit: z.boolean(), interkulturell: z.boolean() }),
    }),
  ),
  areas: z.array(z.object({ name: z.string(), index: z.number(), share: z.number(), amount: z.number() })),
  norm: z.object({ index: normBandSchema }),
  issues: z.array(issueSchema),
});

/** A blocked run (exit 2) has no allocation: units and areas empty; the norm may be absent or null. */
export const blockedSchema = resultsSchema.extend({
  units: z.array(z.unknown()).length(0),
  areas: z.array(z.unknown()).length(0),
  norm: z.unknown(),
});

/** SPEC.md §8 `changes` (with `--compare` or an adopted allocation): the fixed names. */
export const changesSchema = z.object({
  units: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["neu", "entfallen", "geblieben"]),
      indexBefore: z.number().nullable(),
      indexAfter: z.number().nullable(),
      bandBefore: z.enum(["oberhalb", "innerhalb", "unterhalb"]).nullable(),
      bandAfter: z.enum(["oberhalb", "innerhalb", "unterhalb"]).nullable(),
      entered: z.array(z.string()),
      left: z.array(z.string()),
      amountDelta: z.number(),
      vzaeDelta: z.number().nullable(),
    }),
  ),
  areas: z.array(
    z.object({ name: z.string(), shareBefore: z.number(), shareAfter: z.number(), amountDelta: z.number() }),
  ),
});
