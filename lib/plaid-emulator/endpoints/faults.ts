// Fault control: /emulator/faults (add one), /emulator/faults/list, /emulator/faults/clear. Not Plaid
// endpoints; they take the same client_id / secret as every Plaid call.
import "server-only";
import { defineEndpoint } from "../endpoint";
import type { EmulatorErrorCode } from "../error-catalog";
import { clearFaults, createFault, listFaults } from "../faults";
import { emptySchema, faultClearSchema, faultCreateSchema } from "../schemas";

export const faultCreate = defineEndpoint({
  schema: faultCreateSchema,
  run: async ({ body }) => ({
    fault: await createFault({ ...body, error_code: (body.error_code as EmulatorErrorCode | null) ?? null }),
  }),
});

export const faultList = defineEndpoint({
  schema: emptySchema,
  run: async () => ({ faults: await listFaults() }),
});

export const faultClear = defineEndpoint({
  schema: faultClearSchema,
  run: async ({ body }) => ({ cleared: await clearFaults({ itemId: body.item_id }) }),
});
