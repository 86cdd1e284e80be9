// What the outside world sees of a tenant's member: the user without the password hash, plus whether
// they were removed.
import type { MemberDto } from "../../../../contracts/tenant-api";
import type { User } from "../../generated/prisma/client";
import { toUserDto } from "../users/user-dto";

export function toMemberDto(user: Omit<User, "passwordHash">): MemberDto {
  return { ...toUserDto(user), disabledAt: user.disabledAt?.toISOString() ?? null, createdAt: user.createdAt.toISOString() };
}
