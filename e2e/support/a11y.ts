// What the accessibility spec measures in the page beyond axe: WCAG 2.2 AA axe findings, pointer
// target sizes (2.5.8), sideways scrolling on a phone (1.4.10 reflow) and how a long name breaks.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the bar Mingus holds itself to. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe's findings, one line each: rule, impact, what it means and where. Empty when there are none. */
export async function axeFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}: ${violation.nodes
        .map((node) => `${node.target.join(" ")}${node.any[0] ? ` (${node.any[0].message})` : ""}`)
        .join(" | ")}`,
  );
}

export const MIN_TARGET = 24;

/**
 * Every visible control smaller than 24×24 CSS px. Links inside a sentence are exempt (2.5.8's inline
 * exception): their height is the line's. The spacing exception is not taken: a control is big enough
 * on its own or it is reported. While a modal dialog is open only its controls count; the page behind
 * it is inert.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const SELECTOR =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="tab"], [role="checkbox"]';
    const root: ParentNode = document.querySelector("dialog[open]") ?? document;
    const describe = (element: Element) => {
      const name = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().replace(/\s+/g, " ");
      const type = element.getAttribute("type");
      return `<${element.tagName.toLowerCase()}${type ? ` type=${type}` : ""}> "${name.slice(0, 60)}"`;
    };
    const inline = (element: Element) => /^(inline|contents)/.test(getComputedStyle(element).display);
    /** A link that is part of a sentence: inline, with words beside it on its lines. */
    const inSentence = (link: HTMLElement) => {
      if (link.tagName !== "A" || !inline(link)) return false;
      let block = link.parentElement;
      while (block && inline(block)) block = block.parentElement;
      if (!block) return false;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (link.contains(node) || !/[\p{L}\p{N}]/u.test(node.textContent ?? "")) continue;
        // Only text in the same run of lines: not in a block of its own (a heading above, say).
        let element = node.parentElement;
        while (element && element !== block && inline(element)) element = element.parentElement;
        if (element === block) return true;
      }
      return false;
    };
    const small: string[] = [];
    for (const element of root.querySelectorAll<HTMLElement>(SELECTOR)) {
      if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const rect = element.getBoundingClientRect();
      // The visually hidden (sr-only) skip link is a 1×1 box until it takes focus.
      if (rect.width <= 1 || rect.height <= 1) continue;
      if (rect.width >= min && rect.height >= min) continue;
      if (inSentence(element)) continue;
      small.push(`${describe(element)} ${rect.width.toFixed(1)}×${rect.height.toFixed(1)}`);
    }
    return small;
  }, MIN_TARGET);
}

/** How far the page is wider than the window (0 when nothing scrolls sideways). */
/**
 * Pixels the page scrolls sideways, once its layout has settled: after a viewport change, responsive
 * charts resize on their ResizeObserver's next callback, so a wider page is measured again for up to
 * 3 s before it counts. A page that stays too wide still fails, with its width then.
 */
export async function sidewaysOverflow(page: Page): Promise<number> {
  const measure = () =>
    page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return document.documentElement.scrollWidth - document.documentElement.clientWidth;
    });
  const until = Date.now() + 3_000;
  let overflow = await measure();
  while (overflow > 0 && Date.now() < until) {
    await page.waitForTimeout(100);
    overflow = await measure();
  }
  return overflow;
}

export interface NameLayout {
  /** What holds the name, for the failure message. */
  where: string;
  /** The name is split across lines between two letters of one word. */
  brokenMidWord: boolean;
  /** Part of the name is cut off (an ellipsis), */
  truncated: boolean;
  /** …and the full name is in a title (a tooltip) or the element's accessible name. */
  fullNameAvailable: boolean;
}

/** Where and how each visible occurrence of `name` is laid out: its line breaks and any clipping. */
export async function nameLayouts(page: Page, name: string): Promise<NameLayout[]> {
  return page.evaluate((name) => {
    const layouts: NameLayout[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      const start = text.indexOf(name);
      const parent = node.parentElement;
      if (start < 0 || !parent?.checkVisibility({ checkVisibilityCSS: true })) continue;
      const boxes = [...name].map((_, index) => {
        const range = document.createRange();
        range.setStart(node, start + index);
        range.setEnd(node, start + index + 1);
        return range.getBoundingClientRect();
      });
      if (boxes.every((box) => box.width === 0)) continue;
      let brokenMidWord = false;
      for (let index = 1; index < name.length; index++) {
        const previous = boxes[index - 1];
        const box = boxes[index];
        if (!previous || !box || box.top < previous.bottom - 1) continue;
        const before = name[index - 1] ?? "";
        const after = name[index] ?? "";
        if (!/[\s-]/.test(before) && !/\s/.test(after)) brokenMidWord = true;
      }
      // Clipped when a letter lies beyond the edge of an ancestor that hides its overflow.
      let truncated = false;
      for (
        let element: HTMLElement | null = parent;
        element && element !== document.body;
        element = element.parentElement
      ) {
        const style = getComputedStyle(element);
        if (style.overflowX === "visible") continue;
        const edge = element.getBoundingClientRect().right;
        if (boxes.some((box) => box.right > edge + 1)) truncated = true;
        break;
      }
      const titled = parent.closest("[title]")?.getAttribute("title") ?? "";
      const labelled = parent.closest("[aria-label]")?.getAttribute("aria-label") ?? "";
      layouts.push({
        where: `<${parent.tagName.toLowerCase()}> in <${parent.parentElement?.tagName.toLowerCase()}>`,
        brokenMidWord,
        truncated,
        fullNameAvailable: titled.includes(name) || labelled.includes(name),
      });
    }
    return layouts;
  }, name);
}
