import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-accent-700">404</p>
        <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
        <p className="mt-2 text-muted">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800">
          Go to your overview
        </Link>
      </div>
    </main>
  );
}
