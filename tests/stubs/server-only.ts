// Stands in for the `server-only` package under Vitest: the real one throws outside
// React's server build, and these tests run server modules in plain Node.
export {};
