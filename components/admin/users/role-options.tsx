import { ROLE_LABEL, ROLES } from "@/lib/domain/roles";

export function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABEL[role]}
    </option>
  ));
}
