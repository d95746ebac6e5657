import { defineConfig } from "prisma/config";

// `prisma generate` never connects, but the config is evaluated for every command:
// a placeholder keeps it from failing when DATABASE_URL is unset.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://placeholder@localhost:5432/placeholder" },
});
