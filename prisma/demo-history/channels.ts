// How each sales channel behaves: how often it orders, what, from which site and
// how soon the warehouse picks it. Fixed data, like the cast; demand planning and
// the daily order flow both read it.
import { EAST, PEOPLE, STORE, WEST, type Loc, type Person, type SkuPlan } from "./cast.ts";

export type Fob = "shipping_point" | "destination";

export type ChannelPlan = {
  key: string;
  channel: "web" | "marketplace" | "wholesale";
  perDay: number;
  weekdaysOnly: boolean;
  hours: [number, number];
  lines: [number, number];
  qty: [number, number];
  fobDestination: number;
  sites: [Loc, number][];
  eligible: (sku: SkuPlan) => boolean;
  clerk: Person;
  prefix: string;
  returns: number;
  /** Hours between order and pick. */
  pickAfter: [number, number];
};

export type OrderLine = { ref: string; sku: string; location: Loc; channel: string; plan: ChannelPlan; fob: Fob };

export const CHANNEL_PLANS: ChannelPlan[] = [
  {
    key: "web", channel: "web", perDay: 1.35, weekdaysOnly: false, hours: [12, 24], lines: [1, 2], qty: [1, 2], fobDestination: 0.3,
    sites: [[EAST, 0.6], [WEST, 0.4]], eligible: () => true, clerk: PEOPLE.sara, prefix: "WEB-", returns: 0.1, pickAfter: [2, 20],
  },
  {
    key: "marketplace", channel: "marketplace", perDay: 0.85, weekdaysOnly: false, hours: [12, 24], lines: [1, 1], qty: [1, 3], fobDestination: 0.5,
    sites: [[EAST, 0.55], [WEST, 0.45]], eligible: () => true, clerk: PEOPLE.sara, prefix: "MKT-", returns: 0.08, pickAfter: [2, 20],
  },
  {
    key: "wholesale", channel: "wholesale", perDay: 0.3, weekdaysOnly: true, hours: [13, 22], lines: [2, 3], qty: [4, 10], fobDestination: 1,
    sites: [[EAST, 1]], eligible: (sku) => sku.wholesale, clerk: PEOPLE.sol, prefix: "WS-", returns: 0.03, pickAfter: [20, 60],
  },
  {
    key: "store", channel: "web", perDay: 0.5, weekdaysOnly: false, hours: [14, 23], lines: [1, 1], qty: [1, 2], fobDestination: 0,
    sites: [[STORE, 1]], eligible: (sku) => sku.store, clerk: PEOPLE.sara, prefix: "SOHO-", returns: 0.05, pickAfter: [1, 6],
  },
];
