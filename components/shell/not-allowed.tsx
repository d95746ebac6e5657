import Link from "next/link";
import { homePath, ROLE_LABEL, type Role } from "@/lib/domain/roles";

type Props = { area: Role | null; role: Role };

export function NotAllowed({ area, role }: Props) {
  return (
    <section className="mx-auto max-w-lg py-12 text-center">
      <p className="text-sm font-semibold text-danger-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Not allowed</h1>
      <p className="mt-3 text-muted">
        {area ? `This area belongs to the ${ROLE_LABEL[area]} role.` : "This page is not open to your role."} You are signed in as {ROLE_LABEL[role]}.
      </p>
      <Link
        href={homePath(role)}
        className="mt-6 inline-block rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800"
      >
        Back to the {ROLE_LABEL[role]} area
      </Link>
    </section>
  );
}
