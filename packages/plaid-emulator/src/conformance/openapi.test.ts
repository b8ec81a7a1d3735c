// The conformance judge on a small definition of Plaid's shape: it finds a path's schema through $refs,
// reads OpenAPI's `nullable`, uses `default` for errors, and says so when it has nothing to judge by.
import { describe, expect, it } from "vitest";
import { createConformanceChecker } from "./openapi.ts";

const DEFINITION = `
openapi: 3.0.0
paths:
  /item/get:
    post:
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ItemGetResponse'
        default:
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/PlaidError'
components:
  schemas:
    ItemGetResponse:
      type: object
      additionalProperties: true
      required: [item, request_id]
      properties:
        request_id:
          type: string
        item:
          $ref: '#/components/schemas/Item'
    Item:
      type: object
      required: [item_id, update_type, error]
      properties:
        item_id:
          type: string
        update_type:
          type: string
          nullable: true
          enum: [background, user_present_required]
        error:
          $ref: '#/components/schemas/PlaidError'
    PlaidError:
      type: object
      nullable: true
      required: [error_code]
      properties:
        error_code:
          type: string
`;

const checker = createConformanceChecker(DEFINITION);
const item = { item_id: "i", update_type: "background", error: null };

describe("the conformance checker", () => {
  it("accepts an answer that has what Plaid's definition requires, with nulls where it allows them", () => {
    expect(checker.check({ path: "/item/get", status: 200, body: { request_id: "r", item } })).toEqual({
      documented: true,
      problems: [],
    });
    const nullType = { ...item, update_type: null };
    expect(checker.check({ path: "/item/get", status: 200, body: { request_id: "r", item: nullType } })).toMatchObject({
      problems: [],
    });
  });

  it("names what is missing or of the wrong type, through $refs", () => {
    const verdict = checker.check({
      path: "/item/get",
      status: 200,
      body: { item: { item_id: 7, update_type: "sometimes", error: { code: 1 } } },
    });
    expect(verdict.documented && verdict.problems).toEqual([
      "(the body) must have required property 'request_id'",
      "/item/item_id must be string",
      "/item/update_type must be equal to one of the allowed values",
      "/item/error must have required property 'error_code'",
    ]);
  });

  it("judges an error by the definition's default response", () => {
    expect(checker.check({ path: "/item/get", status: 400, body: { error_code: "ITEM_NOT_FOUND" } })).toMatchObject({
      problems: [],
    });
    expect(checker.check({ path: "/item/get", status: 429, body: { message: "slow down" } })).toMatchObject({
      problems: ["(the body) must have required property 'error_code'"],
    });
  });

  it("says so when Plaid documents nothing for a path", () => {
    expect(checker.documents("/link/session")).toBe(false);
    expect(checker.check({ path: "/link/session", status: 200, body: {} })).toEqual({ documented: false });
  });
});

describe("judging a webhook body", () => {
  const webhooks = createConformanceChecker(
    `${DEFINITION}    PendingExpirationWebhook:
      type: object
      required: [webhook_code, consent_expiration_time]
      properties:
        webhook_code:
          type: string
        consent_expiration_time:
          type: string
`,
  );

  it("uses the schema the path names", () => {
    const path = "webhook PendingExpirationWebhook";
    expect(webhooks.check({ path, status: 200, body: { webhook_code: "PENDING_EXPIRATION" } })).toEqual({
      documented: true,
      problems: ["(the body) must have required property 'consent_expiration_time'"],
    });
    expect(webhooks.check({ path: "webhook NoSuchWebhook", status: 200, body: {} })).toEqual({ documented: false });
  });
});
