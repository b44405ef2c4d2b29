// Runs docs/assets/javascripts/templates.js for tests/test_docx.py: one JSON
// request on stdin, the documents written to files, one JSON answer on stdout.
//   request: {framework, strings, assessment, out, jobs: [{file, kind, cid | chosen, who}]}
//     kind "competency": competencyDocument(framework, assessment, cid, t, who)
//     kind "pack":       packDocument(framework, assessment, chosen, t, who)
//   each job writes <out>/<file>.docx (toDocx), <out>/<file>.md (toMarkdown)
//   and <out>/<file>.json (the document: title, author, header, date, blocks)
//   answer: {<file>: {ok: true, title, author} | {ok: false, error, stack}}
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { translator } from "../../docs/assets/javascripts/strings.js";
import { competencyDocument, packDocument, toDocx, toMarkdown } from "../../docs/assets/javascripts/templates.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf-8"));
const { framework, assessment, out } = request;
const t = translator(request.strings);
mkdirSync(out, { recursive: true });

const answer = {};
for (const job of request.jobs) {
  try {
    const doc = job.kind === "pack"
      ? packDocument(framework, assessment, job.chosen, t, job.who || {})
      : competencyDocument(framework, assessment, job.cid, t, job.who || {});
    const bytes = toDocx(doc, t);
    if (!(bytes instanceof Uint8Array)) throw new Error(`toDocx returned ${Object.prototype.toString.call(bytes)}, not a Uint8Array`);
    writeFileSync(join(out, `${job.file}.docx`), bytes);
    writeFileSync(join(out, `${job.file}.md`), toMarkdown(doc, t), "utf-8");
    writeFileSync(join(out, `${job.file}.json`), JSON.stringify(doc, null, 1), "utf-8");
    answer[job.file] = { ok: true, title: doc.title, author: doc.author };
  } catch (error) {
    answer[job.file] = { ok: false, error: String(error && error.message), stack: String(error && error.stack) };
  }
}
process.stdout.write(JSON.stringify(answer));
