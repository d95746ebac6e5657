// One fixed zone and locale, so server and browser render the same text and a
// timestamp reads the same for every admin wherever they sit.
const FORMAT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function TimeText({ iso, empty = "—" }: { iso: string | null; empty?: string }) {
  if (!iso) return <span className="text-muted">{empty}</span>;
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {FORMAT.format(new Date(iso))} UTC
    </time>
  );
}
