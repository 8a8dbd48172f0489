/**
 * A readable API reference at /api/docs, rendered on the server from the OpenAPI document
 * itself: no script, no CDN, so it works offline and cannot drift from the API.
 */
interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
}
interface Op {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Param[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  'x-permission'?: string;
  responses?: Record<string, { description?: string }>;
}
interface Doc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Op>>;
}

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderApiDocs(doc: Doc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? [])
        .map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})${p.description ? ` — ${esc(p.description)}` : ''}</li>`)
        .join('');
      const body = Object.values(op.requestBody?.content ?? {})[0]
        ?.schema?.$ref?.split('/')
        .pop();
      const html =
        `<section><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>` +
        `<p>${esc(op.summary)}</p>${op.description ? `<p class="d">${esc(op.description)}</p>` : ''}` +
        `<p class="perm">Needs: <code>${esc(op['x-permission'] ?? '—')}</code>${body ? ` · Body: <code>${esc(body)}</code>` : ''}</p>` +
        (params ? `<ul>${params}</ul>` : '') +
        `<p class="r">${Object.entries(op.responses ?? {})
          .map(([code, r]) => `<span title="${esc(r.description)}">${esc(code)}</span>`)
          .join(' ')}</p></section>`;
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag].map(([tag, items]) => `<h2 id="${esc(tag)}">${esc(tag)}</h2>${items.join('')}`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)} — reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}h2{border-bottom:1px solid #ccd;margin-top:2rem;text-transform:capitalize}
section{margin:1rem 0;padding:.5rem 1rem;border-left:3px solid #dde}h3{margin:.2rem 0;font-size:1rem}.m{display:inline-block;min-width:4rem;font-weight:700}
.get{color:#0a6}.post{color:#05a}.put,.patch{color:#a60}.delete{color:#b22}.perm,.r,.d{color:#555;margin:.2rem 0}.r span{margin-right:.5rem}</style></head>
<body><h1>${esc(doc.info.title)} ${esc(doc.info.version)}</h1><p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors always have the shape <code>{"error": id, "message", "details"}</code>.
Sign in with <code>POST /api/auth/sign-in</code> (a session cookie; browser writes must send <code>X-Requested-With: vigia</code>) or send <code>Authorization: Bearer &lt;token&gt;</code>.</p>
${sections}</body></html>`;
}
