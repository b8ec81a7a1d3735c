// Fault control: /emulator/faults (add one), /emulator/faults/list, /emulator/faults/clear. Not Plaid
// endpoints; they take the same client_id / secret as every Plaid call.
import { defineEndpoint } from "../endpoint.ts";
import type { EmulatorErrorCode } from "../error-catalog.ts";
import { clearFaults, createFault, listFaults } from "../faults.ts";
import { emptySchema, faultClearSchema, faultCreateSchema } from "../schemas.ts";

export const faultCreate = defineEndpoint({
  schema: faultCreateSchema,
  run: async ({ body, ctx }) => ({
    fault: await createFault(ctx.store, { ...body, error_code: (body.error_code as EmulatorErrorCode | null) ?? null }),
  }),
});

export const faultList = defineEndpoint({
  schema: emptySchema,
  run: async ({ ctx }) => ({ faults: await listFaults(ctx.store) }),
});

export const faultClear = defineEndpoint({
  schema: faultClearSchema,
  run: async ({ body, ctx }) => ({ cleared: await clearFaults(ctx.store, { itemId: body.item_id }) }),
});
