/**
 * A small, safe Markdown renderer: headings, paragraphs, lists, task lists,
 * block quotes, fenced code, inline code, emphasis and links. It builds
 * Preact nodes (never HTML strings), so descriptions cannot inject markup;
 * links are limited to http(s) and mailto.
 */
import type { ComponentChildren, VNode } from "preact";

function inline(text: string, key = 0): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const re =
    /(`+)([\s\S]*?)\1|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<)]+)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) out.push(text.slice(last, m.index));
    const k = `${key}-${m.index}`;
    if (m[1]) out.push(<code key={k}>{m[2]}</code>);
    else if (m[3] ?? m[4]) out.push(<strong key={k}>{inline((m[3] ?? m[4])!, key + 1)}</strong>);
    else if (m[5] ?? m[6]) out.push(<em key={k}>{inline((m[5] ?? m[6])!, key + 1)}</em>);
    else if (m[7]) out.push(link(m[8]!, inline(m[7], key + 1), k));
    else if (m[9]) out.push(link(m[9], m[9], k));
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function link(href: string, children: ComponentChildren, key: string): ComponentChildren {
  if (!/^(https?:|mailto:)/i.test(href)) return children;
  return <a key={key} href={href} target="_blank" rel="noopener noreferrer">{children}</a>;
}

interface ListItem {
  text: string;
  checked: boolean | null;
}

/** Renders Markdown text as Preact nodes. */
export function Markdown({ text }: { text: string }): VNode {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const blocks: ComponentChildren[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const k = blocks.length;
    if (/^\s*$/.test(line)) {
      i++;
    } else if (/^```/.test(line)) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i]!)) code.push(lines[i++]!);
      i++;
      blocks.push(<pre key={k}><code>{code.join("\n")}</code></pre>);
    } else if (/^#{1,6}\s/.test(line)) {
      const level = Math.min(line.match(/^#+/)![0].length + 2, 6);
      const Tag = `h${level}` as "h3";
      blocks.push(<Tag key={k}>{inline(line.replace(/^#+\s*/, ""))}</Tag>);
      i++;
    } else if (/^>\s?/.test(line)) {
      const quote: string[] = [];
      while (i < lines.length && /^>\s?/.test(lines[i]!)) {
        quote.push(lines[i++]!.replace(/^>\s?/, ""));
      }
      blocks.push(<blockquote key={k}>{inline(quote.join(" "))}</blockquote>);
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: ListItem[] = [];
      while (i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i]!)) {
        let t = lines[i++]!.replace(/^\s*([-*+]|\d+[.)])\s+/, "");
        let checked: boolean | null = null;
        const box = /^\[([ xX])\]\s+/.exec(t);
        if (box) {
          checked = box[1] !== " ";
          t = t.slice(box[0].length);
        }
        while (
          i < lines.length && /^\s{2,}\S/.test(lines[i]!) &&
          !/^\s*([-*+]|\d+[.)])\s+/.test(lines[i]!)
        ) {
          t += " " + lines[i++]!.trim();
        }
        items.push({ text: t, checked });
      }
      const children = items.map((it, n) => (
        <li key={n} class={it.checked === null ? undefined : "md-task"}>
          {it.checked !== null && (
            <span class={`md-box${it.checked ? " checked" : ""}`} aria-hidden="true" />
          )}
          {inline(it.text)}
        </li>
      ));
      blocks.push(ordered ? <ol key={k}>{children}</ol> : <ul key={k}>{children}</ul>);
    } else {
      const para: string[] = [];
      while (
        i < lines.length && !/^\s*$/.test(lines[i]!) &&
        !/^(```|#{1,6}\s|>|\s*([-*+]|\d+[.)])\s+)/.test(lines[i]!)
      ) para.push(lines[i++]!);
      blocks.push(<p key={k}>{inline(para.join("\n"))}</p>);
    }
  }
  return <div class="markdown">{blocks}</div>;
}
