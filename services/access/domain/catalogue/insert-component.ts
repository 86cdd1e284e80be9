// Writes a component or a scope and its audit event inside the caller's transaction; shared by the
// endpoints and the default-catalogue seeding. Duplicate keys answer 409 with a field message.
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import type { TransactionClient } from "../context";
import { newId } from "../secrets/ids";
import type { ChangeAuthor } from "./change-author";

export async function insertComponent(tx: TransactionClient, input: { key: string; name: string; description: string }, by: ChangeAuthor) {
  if (await tx.component.findUnique({ where: { key: input.key }, select: { id: true } })) {
    throw new AppError("conflict", `A component with key "${input.key}" already exists.`, { fieldErrors: { key: ["This key is taken."] } });
  }
  const component = await tx.component.create({ data: { id: newId("cmp"), ...input } });
  await recordEvent(tx, {
    action: "component.create",
    outcome: "success",
    actor: by.actor,
    target: { type: "component", id: component.id },
    tenantId: null,
    sourceIp: by.sourceIp,
    requestId: by.requestId,
    data: { key: component.key, name: component.name },
  });
  return component;
}

export async function insertScope(tx: TransactionClient, component: { id: string; key: string }, input: { key: string; description: string }, by: ChangeAuthor) {
  if (!input.key.startsWith(`${component.key}:`)) {
    throw new AppError("validation-failed", "The scope key must start with its component's key.", {
      fieldErrors: { key: [`Start the key with "${component.key}:".`] },
    });
  }
  if (await tx.scope.findUnique({ where: { key: input.key }, select: { id: true } })) {
    throw new AppError("conflict", `A scope with key "${input.key}" already exists.`, { fieldErrors: { key: ["This key is taken."] } });
  }
  const scope = await tx.scope.create({ data: { id: newId("scp"), componentId: component.id, ...input } });
  await recordEvent(tx, {
    action: "scope.create",
    outcome: "success",
    actor: by.actor,
    target: { type: "scope", id: scope.id },
    tenantId: null,
    sourceIp: by.sourceIp,
    requestId: by.requestId,
    data: { key: scope.key, componentId: component.id, componentKey: component.key },
  });
  return scope;
}
