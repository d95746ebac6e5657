// Every environment variable Concord reads, parsed once.
import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z.string().url("DATABASE_URL must be a postgresql:// URL"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.string().url().optional(),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  CONCORD_DEMO: z.enum(["0", "1"]).default("0"),
  /** How long one statement may go unanswered before its connection is given up (0: no limit). */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int("DATABASE_QUERY_TIMEOUT_MS must be a whole number of milliseconds").min(0).default(30_000),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}. Start the app with 'npm run demo' or see README.md#configuration.`);
  }
  cached = parsed.data;
  return cached;
}
