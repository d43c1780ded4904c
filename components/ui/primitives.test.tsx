import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Alert } from "./alert";
import { Button } from "./button";
import { cn } from "./cn";
import { Input, Select } from "./field";
import { Table, Td, Th } from "./table";

describe("cn", () => {
  it("lets a later Tailwind class win", () => {
    expect(cn("px-4 py-2", false && "hidden", "px-3")).toBe("py-2 px-3");
  });
});

describe("Button", () => {
  it("is a type=button by default, with the variant's classes", () => {
    const html = renderToStaticMarkup(<Button variant="danger">Reject</Button>);
    expect(html).toContain('type="button"');
    expect(html).toContain("bg-red-600");
  });

  it("gives its classes to the child with asChild", () => {
    const html = renderToStaticMarkup(
      <Button asChild>
        <a href="https://example.test/">New batch</a>
      </Button>,
    );
    expect(html).toMatch(/^<a [^>]*class="[^"]*bg-indigo-600[^"]*"[^>]*>New batch<\/a>$/);
    expect(html).not.toContain("type=");
  });
});

describe("Alert", () => {
  it("announces errors and not the other tones", () => {
    expect(renderToStaticMarkup(<Alert tone="error">No</Alert>)).toContain('role="alert"');
    expect(renderToStaticMarkup(<Alert tone="warning">Hm</Alert>)).not.toContain("role=");
  });

  it("keeps a role the caller chose, even none", () => {
    expect(
      renderToStaticMarkup(
        <Alert tone="error" role="status">
          x
        </Alert>,
      ),
    ).toContain('role="status"');
    expect(
      renderToStaticMarkup(
        <Alert tone="error" role={undefined}>
          x
        </Alert>,
      ),
    ).not.toContain("role=");
  });
});

describe("Input / Select", () => {
  it("labels the control and links the error", () => {
    const html = renderToStaticMarkup(
      <Input id="email" label="Email" error="Already taken" hint="Work address" />,
    );
    expect(html).toContain('<label for="email"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="email-hint email-error"');
    expect(html).toContain('<p id="email-error"');
  });

  it("is a bare control without label, hint or error", () => {
    const html = renderToStaticMarkup(
      <Select name="sort" defaultValue="b" aria-label="Sort">
        <option value="b">B</option>
      </Select>,
    );
    expect(html).toMatch(/^<select /);
    expect(html).not.toContain("aria-invalid");
  });
});

describe("Table cells", () => {
  it("right-aligns numeric cells with tabular figures", () => {
    expect(
      renderToStaticMarkup(
        <table>
          <tbody>
            <tr>
              <Td numeric>3</Td>
            </tr>
          </tbody>
        </table>,
      ),
    ).toContain('class="px-4 py-2 text-right tabular-nums"');
    expect(
      renderToStaticMarkup(
        <table>
          <thead>
            <tr>
              <Th>Batch</Th>
            </tr>
          </thead>
        </table>,
      ),
    ).toContain('scope="col"');
  });
});

describe("Table", () => {
  it("makes a scrolling shell a named region in the tab order, and only then", () => {
    const scrolling = renderToStaticMarkup(<Table scrollLabel="Table of 9 rows" />);
    expect(scrolling).toMatch(/^<div role="region" aria-label="Table of 9 rows" tabindex="0" class="/);
    expect(renderToStaticMarkup(<Table />)).toMatch(/^<div class="/);
  });
});
