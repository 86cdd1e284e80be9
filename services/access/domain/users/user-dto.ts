// What the outside world sees of a person: never the password hash or internal timestamps.
import type { UserDto } from "../../../../contracts/access-api";

export function toUserDto(user: { id: string; name: string; email: string; role: UserDto["role"]; tenantId: string | null }): UserDto {
  return { id: user.id, name: user.name, email: user.email, role: user.role, tenantId: user.tenantId };
}
