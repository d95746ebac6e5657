type Props = { pending: boolean; children: string; pendingText?: string; tone?: "primary" | "secondary" | "danger" };

const TONES = {
  primary: "bg-accent-700 text-white hover:bg-accent-800",
  secondary: "border border-line bg-surface text-ink hover:bg-canvas",
  danger: "border border-danger-700/40 bg-surface text-danger-700 hover:bg-danger-50",
} as const;

export function SubmitButton({ pending, children, pendingText = "Saving…", tone = "primary" }: Props) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-busy={pending}
      className={`rounded-md px-4 py-2 text-sm font-medium whitespace-nowrap disabled:cursor-wait disabled:opacity-70 ${TONES[tone]}`}
    >
      {pending ? pendingText : children}
    </button>
  );
}
