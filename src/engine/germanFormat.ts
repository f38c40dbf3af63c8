/**
 * German (de-DE) formatting of numbers, amounts, percentages and dates for everything SRB shows or writes:
 * messages, sheet texts, the command line's output and the task pane (in English mode too: its texts are
 * English, its numbers German, as in the users' workbooks). One module and one format, so that the same
 * number reads the same everywhere (thousands dot, decimal comma, "1.234,56 €", "17,37 %", "30.11.2026").
 *
 * Not-a-number stays "NaN" (messages name the value found, e.g. „NaN ist keine endliche Zahl“); ±Infinity
 * is named in words („unendlich“, „minus unendlich“), never as "∞". Negative zero keeps its sign, as
 * `Intl.NumberFormat` shows it ("-0").
 *
 * Numbers are written here (`germanDigits`), not by `Intl.NumberFormat`: the first formatter a process
 * makes costs ~25 ms (ICU's number data), a twentieth of the command line's whole run on a small town. As
 * ICU does, the number's shortest decimal form is rounded half away from zero ("halfExpand": 2.675 → 2,68,
 * where `toFixed`, rounding the binary value 2.67499…, gives 2.67), and a percentage moves that form's point
 * (no floating-point × 100). Checked against Intl by a property test (test/engine/germanFormat.test.ts).
 */

/**
 * Decimals of a number: a fixed count (`2` → always two), or a range (`{ max: 2 }` → up to two,
 * `{ min: 1, max: 2 }` → one or two). `grouping: false` leaves out the thousands separator (input fields);
 * `signed: true` writes "+" before a positive number (differences; 0 stays unsigned).
 */
export type Decimals = number | { min?: number; max: number; grouping?: boolean; signed?: boolean };

/**
 * A finite number in de-DE digits, as `Intl.NumberFormat("de-DE", …)` writes it: its shortest decimal form
 * (what `String(x)` shows) rounded half away from zero to `max` decimals, trailing zeros dropped down to
 * `min`, groups of three with ".", decimal ",". `percent`: that decimal form with its point two places on
 * (Intl multiplies by 100 in decimal, not in floating point). `signed`: "+" before a number that does not
 * round to 0 and no sign on one that does (Intl's "exceptZero"); otherwise "-" before every negative
 * number, -0 and those rounding to 0 included (Intl's "auto"). Null for NaN and ±Infinity.
 *
 * @example germanDigits(-1234.5, 2, 2, true, false, false); // => "-1.234,50"
 * @example germanDigits(2.675, 0, 2, true, false, false); // => "2,68" (the shortest form "2.675" is a tie)
 * @example germanDigits(0.17366, 2, 2, true, false, true); // => "17,37"
 */
function germanDigits(
  value: number,
  min: number,
  max: number,
  grouping: boolean,
  signed: boolean,
  percent: boolean,
): string | null {
  if (!Number.isFinite(value)) return null;
  // the shortest form as digits and the place of the decimal point: "1.5e-7" → "15", point at -6
  const shortest = String(Math.abs(value));
  const e = shortest.indexOf("e");
  const mantissa = e < 0 ? shortest : shortest.slice(0, e);
  const dot = mantissa.indexOf(".");
  let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  let point =
    (dot < 0 ? mantissa.length : dot) + (e < 0 ? 0 : Number(shortest.slice(e + 1))) + (percent ? 2 : 0);
  // rounded half away from zero to `max` decimals
  const keep = point + max;
  if (keep < digits.length) {
    const up = keep >= 0 && digits.charCodeAt(keep) >= 53; // "5" and more
    digits = keep > 0 ? digits.slice(0, keep) : "";
    if (up) {
      let k = digits.length - 1;
      while (k >= 0 && digits[k] === "9") k--;
      digits =
        k < 0
          ? "1" + "0".repeat(digits.length)
          : digits.slice(0, k) +
            String.fromCharCode(digits.charCodeAt(k) + 1) +
            "0".repeat(digits.length - k - 1);
      if (k < 0) point++;
    }
    if (digits === "") {
      digits = "0";
      point = 1;
    }
  }
  const wholeDigits =
    point <= 0
      ? "0"
      : digits.length >= point
        ? digits.slice(0, point)
        : digits + "0".repeat(point - digits.length);
  const whole = wholeDigits.replace(/^0+(?=\d)/, "");
  let fraction = point >= digits.length ? "" : point < 0 ? "0".repeat(-point) + digits : digits.slice(point);
  let end = fraction.length;
  while (end > min && fraction.charCodeAt(end - 1) === 48) end--;
  fraction = fraction.slice(0, end) + "0".repeat(Math.max(0, min - end));
  let out = whole;
  if (grouping && whole.length > 3) {
    const head = whole.length % 3 || 3;
    out = whole.slice(0, head);
    for (let i = head; i < whole.length; i += 3) out += "." + whole.slice(i, i + 3);
  }
  if (fraction !== "") out += "," + fraction;
  if (signed) return whole === "0" && /^0*$/.test(fraction) ? out : (value < 0 ? "-" : "+") + out;
  return value < 0 || Object.is(value, -0) ? "-" + out : out;
}

/** `germanDigits` with the decimals as `formatNumber` and `formatPercent` take them. */
function germanDecimals(value: number, decimals: Decimals, percent: boolean): string | null {
  const d = typeof decimals === "number" ? { min: decimals, max: decimals } : decimals;
  return germanDigits(value, d.min ?? 0, d.max, d.grouping !== false, d.signed === true, percent);
}

/** ±Infinity in words, without € or %; null for anything else (NaN is written "NaN", as Intl writes it). */
function infinity(value: number): string | null {
  if (value === Infinity) return "unendlich";
  if (value === -Infinity) return "minus unendlich";
  return null;
}

/**
 * A number as the user reads it in German Excel: thousands dot, decimal comma, at most six decimals
 * unless `decimals` says otherwise.
 *
 * @example formatNumber(1234.5); // => "1.234,5"
 * @example formatNumber(53.04, 1); // => "53,0"
 * @example formatNumber(0.123456789, { max: 2 }); // => "0,12"
 * @example formatNumber(1002240.5, { max: 6, grouping: false }); // => "1002240,5"
 * @example formatNumber(-Infinity); // => "minus unendlich"
 */
export function formatNumber(value: number, decimals: Decimals = { max: 6 }): string {
  return infinity(value) ?? germanDecimals(value, decimals, false) ?? "NaN";
}

/**
 * An amount in euros with cents: "1.234,56 €" (Intl's no-break space before €, so that the sign never
 * stands alone at a line end).
 *
 * @example formatEuro(1234.5); // => "1.234,50 €" (no-break space)
 * @example formatEuro(1250, true); // => "+1.250,00 €" (a difference; 0 unsigned)
 * @example formatEuro(NaN); // => "NaN €"; formatEuro(Infinity); // => "unendlich"
 */
export function formatEuro(amount: number, signed = false): string {
  return infinity(amount) ?? `${germanDigits(amount, 2, 2, true, signed, false) ?? "NaN"}\u00a0€`;
}

/**
 * An amount in euros with cents and a plain space before €: for terminals and for sentences whose text
 * is compared as written (the command line's output, the engine's set-aside messages).
 *
 * @example formatEuroPlain(1002240); // => "1.002.240,00 €"
 */
export function formatEuroPlain(amount: number): string {
  return formatEuro(amount).replace(/\u00a0/g, " ");
}

/**
 * A share (0–1) as a percentage: "17,37 %" (no-break space before %).
 *
 * @example formatPercent(0.17366, 2); // => "17,37 %"
 * @example formatPercent(0.33); // => "33 %"
 * @example formatPercent(0.125, 1); // => "12,5 %"
 */
export function formatPercent(share: number, decimals: Decimals = 0): string {
  return infinity(share) ?? `${germanDecimals(share, decimals, true) ?? "NaN"}\u00a0%`;
}

/**
 * A calendar date as "TT.MM.JJJJ" (local time), e.g. the Methode sheet's „Erstellt am“.
 *
 * @example formatDate(new Date(2026, 10, 30)); // => "30.11.2026"
 */
export function formatDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(date.getDate())}.${two(date.getMonth() + 1)}.${date.getFullYear()}`;
}
