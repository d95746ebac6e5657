import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() and app/forbidden.tsx: a role outside an area gets a real 403.
  experimental: { authInterrupts: true },
};

export default nextConfig;
