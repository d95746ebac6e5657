// Before and after, field by field: only what changed when there is a before,
// every field when something was created.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function ChangeText({ before, after }: { before: unknown; after: unknown }) {
  const old = isObject(before) ? before : {};
  const now = isObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])].filter((key) => key !== "id" && show(old[key]) !== show(now[key]));
  if (keys.length === 0) return <span className="text-muted">—</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
      {keys.map((key) => (
        <div key={key} className="contents">
          <dt className="text-muted">{key}</dt>
          <dd className="break-all">
            {key in old && <span className="text-danger-700 line-through">{show(old[key])}</span>}
            {key in old && key in now && " → "}
            {key in now && <span>{show(now[key])}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
