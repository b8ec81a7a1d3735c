// Test hooks for item and institution health (not Plaid endpoints): make an item's bank look stale or
// its consent expire (/emulator/items/update), and set an institution's status
// (/emulator/institutions/set_status) for /institutions/get_by_id include_status.
import { defineEndpoint } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import { setInstitutionStatus } from "../institution-status.ts";
import { ITEM_COLUMNS, loadItem, plaidTimestamp, toItem } from "../items.ts";
import { findSandboxInstitution } from "../sandbox/index.ts";
import { emulatorInstitutionStatusSchema, emulatorItemUpdateSchema } from "../schemas.ts";

export const emulatorItemUpdate = defineEndpoint({
  schema: emulatorItemUpdateSchema,
  run: async ({ body, ctx }) => {
    await loadItem(ctx.store, body.item_id);
    const lastUpdate = body.last_successful_update ? new Date(body.last_successful_update) : null;
    if (lastUpdate && lastUpdate > ctx.now) {
      throw new EmulatorError("INVALID_FIELD", { message: "last_successful_update cannot be in the future" });
    }
    const consentGiven = body.consent_expiration_time !== undefined;
    const [row] = await ctx.store.query<Parameters<typeof toItem>[0]>(
      `UPDATE plaid_emulator.items
       SET last_successful_update = COALESCE($2, last_successful_update),
           consent_expiration_time = CASE WHEN $3 THEN $4::timestamptz ELSE consent_expiration_time END
       WHERE item_id = $1 RETURNING ${ITEM_COLUMNS}`,
      [body.item_id, lastUpdate, consentGiven, body.consent_expiration_time ?? null],
    );
    if (!row) throw new EmulatorError("ITEM_NOT_FOUND");
    const item = toItem(row);
    return {
      item_id: item.itemId,
      last_successful_update: item.lastSuccessfulUpdate ? plaidTimestamp(item.lastSuccessfulUpdate) : null,
      consent_expiration_time: item.consentExpirationTime ? plaidTimestamp(item.consentExpirationTime) : null,
    };
  },
});

export const emulatorInstitutionSetStatus = defineEndpoint({
  schema: emulatorInstitutionStatusSchema,
  run: async ({ body, ctx }) => {
    if (!findSandboxInstitution(body.institution_id)) throw new EmulatorError("INSTITUTION_NOT_FOUND");
    await setInstitutionStatus(ctx.store, { institutionId: body.institution_id, status: body.status, now: ctx.now });
    return { institution_id: body.institution_id, status: body.status };
  },
});
