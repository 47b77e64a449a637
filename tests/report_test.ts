import assert from "node:assert/strict";
import { toCsv } from "../src/report/csv.ts";
import { prMarkdown, sampleLabel } from "../experiments/phase_retrieval/pr_markdown.ts";
import type { PRRow } from "../experiments/phase_retrieval/pr_job.ts";
import { parseChoices, parseInteger, parseIntList, parsePositive } from "../src/cli/flags.ts";
import { UsageError } from "../src/cli/usage_error.ts";

/** Splits one CSV line into fields per RFC 4180 (quoted fields may hold commas, quotes, newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"', i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (rows.at(-1)!.push(field), field = "");
    else if (c === "\n") (rows.at(-1)!.push(field), field = "", rows.push([]));
    else field += c;
  }
  assert.equal(field, "", "text ends with a newline");
  assert.deepEqual(rows.pop(), []);
  return rows;
}

Deno.test("toCsv() quotes fields per RFC 4180", async (t) => {
  await t.step("plain fields are written as they are", () => {
    assert.equal(toCsv([{ a: 1, b: "x" }, { a: 2, b: "y" }], ["a", "b"]), "a,b\n1,x\n2,y\n");
  });
  await t.step("commas, quotes and newlines are quoted, quotes doubled", () => {
    const row = { a: "x,y", b: 'say "hi"', c: "two\nlines", d: "cr\rhere", e: "plain" };
    const text = toCsv([row], ["a", "b", "c", "d", "e"]);
    assert.equal(
      text,
      'a,b,c,d,e\n"x,y","say ""hi""","two\nlines","cr\rhere",plain\n',
    );
    assert.deepEqual(parseCsv(text), [["a", "b", "c", "d", "e"], [
      "x,y",
      'say "hi"',
      "two\nlines",
      "cr\rhere",
      "plain",
    ]]);
  });
  await t.step("column order is the given one, not the object's", () => {
    assert.equal(toCsv([{ a: 1, b: 2 }], ["b", "a"]), "b,a\n2,1\n");
  });
  await t.step("NaN, undefined and null become empty fields", () => {
    const rows = [{ a: NaN, b: undefined as number | undefined, c: null as number | null, d: 0 }];
    assert.equal(toCsv(rows, ["a", "b", "c", "d"]), "a,b,c,d\n,,,0\n");
  });
  await t.step("numbers round-trip", () => {
    const values = [0.1 + 0.2, 1 / 3, 1e-7, 123456789.123, -2.5e-300];
    const text = toCsv(values.map((v) => ({ v })), ["v"]);
    assert.deepEqual(parseCsv(text).slice(1).map((r) => Number(r[0])), values);
  });
  await t.step("no rows gives the header alone", () => {
    assert.equal(toCsv<{ a: number }>([], ["a"]), "a\n");
  });
});

function prRow(n: number, samples: number, model: string, variant: "A" | "B", e: number): PRRow {
  return {
    n,
    samples,
    model,
    variant,
    error: n * e,
    error_paper_scale: e,
    epochs: 1,
    train_seconds: 1,
    seed: 1,
    field: "real",
    params: 0,
    best_epoch: 1,
    val_loss: 0,
  };
}

/** The body rows of the table, as arrays of cells. */
function tableRows(md: string): string[][] {
  return md.split("\n")
    .filter((l) => /^\| \d/.test(l))
    .map((l) => l.slice(2, -2).split(" | "));
}

Deno.test("prMarkdown() lays out the paper's table and bolds each row's minimum", async (t) => {
  const rows = [
    prRow(5, 20000, "nn", "A", 0.002),
    prRow(5, 20000, "nn", "B", 0.05),
    prRow(5, 20000, "knn", "A", 0.004),
    prRow(5, 20000, "wnn", "A", 0.0015),
    prRow(5, 20000, "wnn", "B", 0.06),
    prRow(5, 20000, "dnn", "A", 0.0031),
    prRow(5, 20000, "dnn", "B", 0.07),
    // n = 10: K-NN is best, DNN not run.
    prRow(10, 50000, "nn", "A", 0.01),
    prRow(10, 50000, "knn", "A", 0.008),
    prRow(10, 50000, "nn", "B", 0.02),
    prRow(10, 50000, "wnn", "A", 0.009),
    prRow(10, 50000, "wnn", "B", 0.03),
    // n = 10 with 2e4 samples comes before 5e4 in the table.
    prRow(10, 20000, "nn", "A", 0.5),
  ];
  const md = prMarkdown(rows, "Real");
  const body = tableRows(md);
  await t.step("title and header", () => {
    assert.match(md, /^## Real\n/);
    assert.ok(
      md.includes("| n | Sample | NN-A | K-NN | NN-B | WNN-A | K-NN | WNN-B | DNN-A | K-NN | DNN-B |"),
    );
  });
  await t.step("one row per (n, samples), sorted", () => {
    assert.deepEqual(body.map((r) => r.slice(0, 2)), [["5", "2e4"], ["10", "2e4"], ["10", "5e4"]]);
    assert.ok(body.every((r) => r.length === 11));
  });
  await t.step("bold marks exactly the cells holding the row's minimum", () => {
    for (const cells of body) {
      const shown = cells.slice(2);
      const numbers = shown.map((c) => c === "–" ? Infinity : Number(c.replaceAll("*", "")));
      const min = Math.min(...numbers);
      shown.forEach((c, i) => {
        assert.equal(
          c.startsWith("**") && c.endsWith("**"),
          numbers[i] === min,
          `row ${cells[0]}/${cells[1]}: ${c}`,
        );
      });
    }
  });
  await t.step("values in the right columns", () => {
    assert.deepEqual(body[0].slice(2), [
      "0.00200",
      "0.00400",
      "0.0500",
      "**0.00150**",
      "0.00400",
      "0.0600",
      "0.00310",
      "0.00400",
      "0.0700",
    ]);
  });
  await t.step("K-NN repeated in every group, bold in each when it is the minimum", () => {
    assert.deepEqual([body[2][3], body[2][6], body[2][9]], ["**0.00800**", "**0.00800**", "**0.00800**"]);
  });
  await t.step("models not run show –", () => {
    assert.deepEqual([body[2][8], body[2][10]], ["–", "–"]);
    assert.deepEqual(body[1].slice(2), ["**0.500**", "–", "–", "–", "–", "–", "–", "–", "–"]);
  });
  await t.step("ties are all bold", () => {
    const tie = tableRows(prMarkdown([prRow(3, 100, "nn", "A", 0.1), prRow(3, 100, "wnn", "A", 0.1)], "T"));
    assert.deepEqual([tie[0][2], tie[0][5]], ["**0.100**", "**0.100**"]);
  });
});

Deno.test("sampleLabel() writes round sample counts as the paper does", async (t) => {
  await t.step("m·10^e for e ≥ 3", () => {
    for (let e = 3; e <= 15; e++) {
      for (let m = 1; m <= 9; m++) assert.equal(sampleLabel(m * 10 ** e), `${m}e${e}`);
    }
  });
  await t.step("other counts are written in full", () => {
    for (const s of [1, 10, 100, 500, 999, 1234, 25000, 999999, 100001]) {
      assert.equal(sampleLabel(s), String(s));
    }
  });
});

/** Asserts that `fn` throws a UsageError whose message matches every pattern. */
function assertUsage(fn: () => unknown, ...patterns: RegExp[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof UsageError, `${e}`);
    for (const p of patterns) assert.match(e.message, p);
    return true;
  });
}

Deno.test("parseIntList() parses comma-separated integers", async (t) => {
  await t.step("plain, scientific, spaced and duplicated values", () => {
    assert.deepEqual(parseIntList("samples", "2e4,50000", 1), [20000, 50000]);
    assert.deepEqual(parseIntList("n", " 5 , 10,15", 1), [5, 10, 15]);
    assert.deepEqual(parseIntList("n", "10,5,10", 1), [10, 5]);
    assert.deepEqual(parseIntList("n", "0", 0), [0]);
  });
  await t.step("rejects values below min, empty items and non-integers, naming the flag", () => {
    for (const text of ["0", "", "a", "1.5", "5,", ",5", "5,,6", "-3", "Infinity", "2e30"]) {
      assertUsage(
        () => parseIntList("n", text, 1),
        /--n\b/,
        new RegExp(`"${text.replace(/[.+]/g, "\\$&")}"`),
      );
    }
  });
});

Deno.test("parseInteger() parses one integer in range", async (t) => {
  await t.step("inclusive bounds", () => {
    assert.equal(parseInteger("epochs", "1", 1, 10), 1);
    assert.equal(parseInteger("epochs", "10", 1, 10), 10);
    assert.equal(parseInteger("epochs", "100", 1), 100);
  });
  await t.step("rejects out of range and non-integers, naming the flag and range", () => {
    assertUsage(() => parseInteger("k", "0", 1, 10), /--k/, /\[1, 10\]/, /"0"/);
    assertUsage(() => parseInteger("k", "11", 1, 10), /--k/, /"11"/);
    assertUsage(() => parseInteger("k", "0", 1), /--k/, /≥ 1/);
    for (const text of ["", " ", "2.5", "x", "NaN"]) assertUsage(() => parseInteger("k", text, 1), /--k/);
  });
});

Deno.test("parsePositive() parses a positive finite number", async (t) => {
  await t.step("accepts", () => {
    assert.equal(parsePositive("lr", "1e-3"), 0.001);
    assert.equal(parsePositive("lr", "0.5"), 0.5);
    assert.equal(parsePositive("lr", "3"), 3);
  });
  await t.step("rejects zero, negatives, non-finite and non-numbers", () => {
    for (const text of ["0", "-1", "", "abc", "Infinity", "NaN", "-0"]) {
      assertUsage(() => parsePositive("lr", text), /--lr/);
    }
  });
});

Deno.test("parseChoices() parses names from a fixed set", async (t) => {
  const allowed = ["nn", "wnn", "dnn", "knn"] as const;
  await t.step("accepts, lowercases and removes duplicates", () => {
    assert.deepEqual(parseChoices("models", "nn,knn", allowed), ["nn", "knn"]);
    assert.deepEqual(parseChoices("models", "NN, Wnn,nn", allowed), ["nn", "wnn"]);
  });
  await t.step("rejects an unknown name, naming it and the flag", () => {
    assertUsage(() => parseChoices("models", "nn,foo", allowed), /--models/, /"foo"/, /nn, wnn, dnn, knn/);
    assertUsage(() => parseChoices("models", "", allowed), /--models/);
  });
});
