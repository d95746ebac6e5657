import Link from "next/link";

type Props = {
  page: number;
  pageCount: number;
  total: number;
  noun: string;
  /** Builds the link for a page, keeping the list's other filters. */
  href: (page: number) => string;
};

export function Pager({ page, pageCount, total, noun, href }: Props) {
  const link = "rounded-md border border-line bg-surface px-3 py-1.5 font-medium hover:bg-canvas";
  const off = "rounded-md border border-line px-3 py-1.5 text-muted opacity-50";
  return (
    <nav aria-label={`${noun} pages`} className="flex items-center justify-between gap-4 border-t border-line px-5 py-3 text-sm">
      <p className="text-muted">
        {total} {noun} · page {Math.min(page, pageCount)} of {pageCount}
      </p>
      <div className="flex gap-2">
        {page > 1 ? <Link className={link} href={href(page - 1)} rel="prev">Previous</Link> : <span className={off}>Previous</span>}
        {page < pageCount ? <Link className={link} href={href(page + 1)} rel="next">Next</Link> : <span className={off}>Next</span>}
      </div>
    </nav>
  );
}
