// Statement import on the real database: a CSV through a mapping, an OFX file (SGML 1.x and XML 2.x),
// duplicates in the account and within the file skipped and counted, and a broken file importing nothing.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { createTransaction, createUser, createUserWithAccount } from "@/lib/test/factories";
import { createManualAccount } from "../accounts";
import { createManualAccountSchema } from "../schema";
import { csvMappingSchema } from "./csv";
import { importStatement, inspectStatement } from "./import";

async function manualAccount() {
  const user = await createUser();
  const input = createManualAccountSchema.parse({
    name: "Credit union checking",
    kind: "depository/checking",
    currency: "USD",
    openingBalance: "100",
    openingDate: "2026-01-01",
  });
  const { id } = await createManualAccount({ userId: user.id, input });
  return { userId: user.id, accountId: id };
}

const listed = (bankAccountId: string) =>
  db.transaction
    .findMany({ where: { bankAccountId }, orderBy: [{ date: "asc" }, { name: "asc" }] })
    .then((rows) => rows.map((r) => [r.date.toISOString().slice(0, 10), r.amount.toFixed(2), r.name, r.pending]));

const CSV = [
  "Posted,Details,Amount",
  "11/03/2026,Coffee  Shop,-4.50",
  '11/04/2026,Payroll,"2,000.00"',
  "11/05/2026,coffee shop,-4.50",
  "11/03/2026,COFFEE SHOP,-4.50",
].join("\n");

const MAPPING = csvMappingSchema.parse({
  dateColumn: "0",
  dateFormat: "MM/DD/YYYY",
  descriptionColumn: "1",
  amountMode: "signed",
  amountColumn: "2",
  positiveMeans: "in",
});

describe("CSV import", () => {
  it("guesses a mapping and previews the rows as they will be imported", async () => {
    const inspection = inspectStatement({ name: "november.csv", content: CSV });
    expect(inspection.format).toBe("csv");
    if (inspection.format !== "csv") return;
    expect(inspection.headers).toEqual(["Posted", "Details", "Amount"]);
    expect(inspection.mapping).toMatchObject({ dateColumn: 0, descriptionColumn: 1, amountColumn: 2 });
    expect(inspection.mapping.dateFormat).toBe("MM/DD/YYYY");
    expect(inspection.preview?.total).toBe(4);
    expect(inspection.preview?.lines[1]?.amount.toFixed(2)).toBe("-2000.00");
  });

  it("imports with Plaid's sign, skips what the account holds and keeps a file's repeated purchases", async () => {
    const { userId, accountId } = await manualAccount();
    await createTransaction({
      bankAccountId: accountId,
      date: new Date("2026-11-05"),
      amount: "4.50",
      name: "Coffee shop",
    });

    const summary = await importStatement({
      userId,
      accountId,
      file: { name: "n.csv", content: CSV },
      mapping: MAPPING,
    });
    // Two coffees on the 3rd are two purchases; the 5th's is already in the account.
    expect(summary).toEqual({ imported: 3, skipped: 1, total: 4 });
    expect(await listed(accountId)).toEqual([
      ["2026-11-03", "4.50", "COFFEE SHOP", false],
      ["2026-11-03", "4.50", "Coffee Shop", false],
      ["2026-11-04", "-2000.00", "Payroll", false],
      ["2026-11-05", "4.50", "Coffee shop", false],
    ]);
    const ids = await db.transaction.findMany({ where: { bankAccountId: accountId }, select: { transactionId: true } });
    expect(ids.filter((t) => t.transactionId.startsWith("import-"))).toHaveLength(3);

    // The same file again adds nothing.
    const again = await importStatement({ userId, accountId, file: { name: "n.csv", content: CSV }, mapping: MAPPING });
    expect(again).toEqual({ imported: 0, skipped: 4, total: 4 });
  });

  it("takes a file of 140,000 lines (more than a call takes arguments)", async () => {
    const { userId, accountId } = await manualAccount();
    const lines = Array.from({ length: 140_000 }, (_, index) => `11/03/2026,Tea ${index % 7},-3.00`);
    const content = ["Posted,Details,Amount", ...lines].join("\n");
    const summary = await importStatement({ userId, accountId, file: { name: "big.csv", content }, mapping: MAPPING });
    expect(summary).toEqual({ imported: 140_000, skipped: 0, total: 140_000 });
    expect(await db.transaction.count({ where: { bankAccountId: accountId } })).toBe(140_000);
  });

  it("reads debit and credit columns, a decimal comma and a day-first date", async () => {
    const { userId, accountId } = await manualAccount();
    const content = "Date;Text;Debit;Credit\n05.11.2026;Rent;1.200,00;\n06.11.2026;Refund;;12,34\n";
    const mapping = csvMappingSchema.parse({
      dateColumn: "0",
      dateFormat: "DD.MM.YYYY",
      descriptionColumn: "1",
      amountMode: "split",
      debitColumn: "2",
      creditColumn: "3",
      decimalSeparator: ",",
    });
    expect(await importStatement({ userId, accountId, file: { name: "s.csv", content }, mapping })).toMatchObject({
      imported: 2,
    });
    expect(await listed(accountId)).toEqual([
      ["2026-11-05", "1200.00", "Rent", false],
      ["2026-11-06", "-12.34", "Refund", false],
    ]);
  });

  it("refuses a file with a bad row, naming the row and column, and writes nothing", async () => {
    const { userId, accountId } = await manualAccount();
    const broken = `${CSV}\n13/45/2026,Mystery,-1.00\n`;
    const failure = importStatement({ userId, accountId, file: { name: "b.csv", content: broken }, mapping: MAPPING });
    await expect(failure).rejects.toSatisfy((e) => isAppError(e, "import:invalid_file"));
    await expect(
      importStatement({ userId, accountId, file: { name: "b.csv", content: broken }, mapping: MAPPING }),
    ).rejects.toThrow('Row 5 (line 6), column "Posted": "13/45/2026" is not a date in the format MM/DD/YYYY.');

    const badAmount = `${CSV}\n11/09/2026,Mystery,abc\n`;
    await expect(
      importStatement({ userId, accountId, file: { name: "b.csv", content: badAmount }, mapping: MAPPING }),
    ).rejects.toThrow('Row 5 (line 6), column "Amount": "abc" is not an amount.');

    const ragged = "Posted,Details,Amount\n11/03/2026,Coffee\n";
    await expect(
      importStatement({ userId, accountId, file: { name: "r.csv", content: ragged }, mapping: MAPPING }),
    ).rejects.toThrow(/could not be read/);
    expect(await db.transaction.count({ where: { bankAccountId: accountId } })).toBe(0);
  });

  it("imports only into the person's own manual account", async () => {
    const { accountId } = await manualAccount();
    const stranger = await createUser();
    const file = { name: "n.csv", content: CSV };
    await expect(importStatement({ userId: stranger.id, accountId, file, mapping: MAPPING })).rejects.toSatisfy((e) =>
      isAppError(e, "account:not_found"),
    );
    const linked = await createUserWithAccount();
    await expect(
      importStatement({ userId: linked.user.id, accountId: linked.account.id, file, mapping: MAPPING }),
    ).rejects.toSatisfy((e) => isAppError(e, "account:not_manual"));
    expect(await db.transaction.count({ where: { bankAccountId: { in: [accountId, linked.account.id] } } })).toBe(0);
  });
});

const SGML = `OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20261201120000<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>123<ACCTID>456<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20261101<DTEND>20261130
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261105120000[-5:EST]<TRNAMT>-42.50<FITID>A1<NAME>Grocery &amp; Co</STMTTRN>
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261110<TRNAMT>1000.00<FITID>A2<NAME>Payroll<MEMO>Nov</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261105<TRNAMT>-42.50<FITID>A3<NAME>grocery &amp; co</STMTTRN>
</BANKTRANLIST><LEDGERBAL><BALAMT>957.50<DTASOF>20261130</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>`;

const XML = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX>
  <CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1</TRNUID>
    <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
    <CCSTMTRS><CURDEF>USD</CURDEF><CCACCTFROM><ACCTID>4111</ACCTID></CCACCTFROM>
      <BANKTRANLIST><DTSTART>20261101</DTSTART><DTEND>20261130</DTEND>
        <STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20261112</DTPOSTED><TRNAMT>-19.99</TRNAMT>
          <FITID>X1</FITID><NAME>Streaming service</NAME></STMTTRN>
      </BANKTRANLIST>
    </CCSTMTRS>
  </CCSTMTTRNRS></CREDITCARDMSGSRSV1>
</OFX>`;

describe("OFX import", () => {
  it("previews and imports an SGML OFX 1.x statement, and nothing when it comes again", async () => {
    const { userId, accountId } = await manualAccount();
    const inspection = inspectStatement({ name: "stmt.qfx", content: SGML });
    expect(inspection).toMatchObject({ format: "ofx", preview: { total: 3 } });
    const summary = await importStatement({ userId, accountId, file: { name: "stmt.qfx", content: SGML } });
    expect(summary).toEqual({ imported: 3, skipped: 0, total: 3 });
    expect(await listed(accountId)).toEqual([
      ["2026-11-05", "42.50", "Grocery & Co", false],
      ["2026-11-05", "42.50", "grocery & co", false],
      ["2026-11-10", "-1000.00", "Payroll", false],
    ]);
    const again = await importStatement({ userId, accountId, file: { name: "stmt.qfx", content: SGML } });
    expect(again).toEqual({ imported: 0, skipped: 3, total: 3 });
  });

  it("imports an XML OFX 2.x credit card statement", async () => {
    const { userId, accountId } = await manualAccount();
    const summary = await importStatement({ userId, accountId, file: { name: "card.ofx", content: XML } });
    expect(summary).toEqual({ imported: 1, skipped: 0, total: 1 });
    expect(await listed(accountId)).toEqual([["2026-11-12", "19.99", "Streaming service", false]]);
  });

  it("refuses a broken OFX file, or one in another currency, and writes nothing", async () => {
    const { userId, accountId } = await manualAccount();
    const truncated = SGML.slice(0, SGML.indexOf("<STMTTRN><TRNTYPE>CREDIT"));
    await expect(importStatement({ userId, accountId, file: { name: "t.ofx", content: truncated } })).rejects.toThrow(
      /This OFX file could not be read/,
    );
    const broken = SGML.replace("20261105120000", "2026-11-05");
    await expect(importStatement({ userId, accountId, file: { name: "b.ofx", content: broken } })).rejects.toThrow(
      /Transaction 1 of the OFX file, DTPOSTED: "2026-11-05\[-5:EST\]" is not a date/,
    );
    await expect(
      importStatement({ userId, accountId, file: { name: "x.ofx", content: "<OFX><BANKMSGSRSV1></OFX>" } }),
    ).rejects.toSatisfy((e) => isAppError(e, "import:invalid_file"));
    const euros = SGML.replace("<CURDEF>USD", "<CURDEF>EUR");
    await expect(importStatement({ userId, accountId, file: { name: "e.ofx", content: euros } })).rejects.toThrow(
      "This statement is in EUR, but the account is in USD.",
    );
    expect(await db.transaction.count({ where: { bankAccountId: accountId } })).toBe(0);
  });
});
