// Master data as the API and the admin screens submit it (api.md "Master data").
import { z } from "zod";
import { MONEY_PATTERN } from "./money.ts";
import { POLICY_DEFAULTS } from "./policy.ts";

const upperCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9._-]{0,63}$/, "letters, digits, '.', '_' or '-', up to 64");
const money = z.string().regex(MONEY_PATTERN, 'must be a decimal string such as "12.50"');

export const SkuInputSchema = z
  .strictObject({
    sku: upperCode,
    name: z.string().trim().min(1, "required").max(200),
    category: z.string().trim().min(1).max(100).default("general"),
    costingMethod: z.enum(["fifo", "average", "standard"]),
    standardCost: money.optional(),
    uom: z.string().trim().min(1).max(20).default("each"),
  })
  .refine((sku) => sku.costingMethod !== "standard" || sku.standardCost !== undefined, {
    path: ["standardCost"],
    message: "a standard-costed SKU needs its standard cost",
  });

export const LocationInputSchema = z.strictObject({
  code: upperCode,
  name: z.string().trim().min(1, "required").max(200),
  kind: z.enum(["warehouse", "store"]),
  bins: z.array(upperCode).max(500).default([]),
});

export const ChannelInputSchema = z.strictObject({
  code: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "lower-case letters, digits, '_' or '-'"),
  name: z.string().trim().min(1, "required").max(200),
});

export const PolicyInputSchema = z.strictObject({
  location: upperCode,
  safetyStock: z.number().int().min(0).max(1_000_000).default(0),
  inspectionLeadDays: z.number().int().min(0).max(365).default(0),
  allocations: z.array(z.strictObject({ channel: z.string().trim().min(1), qty: z.number().int().min(0).max(1_000_000) })).max(50).default([]),
  approvalThresholds: z
    .strictObject({
      writeOffValue: money.default(POLICY_DEFAULTS.writeOffValue),
      countVarianceUnits: z.number().int().min(0).max(1_000_000).default(POLICY_DEFAULTS.countVarianceUnits),
    })
    .default({ writeOffValue: POLICY_DEFAULTS.writeOffValue, countVarianceUnits: POLICY_DEFAULTS.countVarianceUnits }),
});

export type SkuInput = z.infer<typeof SkuInputSchema>;
export type LocationInput = z.infer<typeof LocationInputSchema>;
export type ChannelInput = z.infer<typeof ChannelInputSchema>;
export type PolicyInput = z.infer<typeof PolicyInputSchema>;
