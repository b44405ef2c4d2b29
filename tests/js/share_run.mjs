// Runs docs/assets/javascripts/share.js for tests/test_share.py: one JSON
// request on stdin ({framework, op, ...}), one JSON answer on stdout.
//   op "round": {assessment, name} -> the link fragments (compressed and plain), each decoded again, as exports
//   op "decode": {text} -> {ok, export} or {code, message, params}
import { contents, decode, encode, encodePlain } from "../../docs/assets/javascripts/share.js";
import { withName } from "../../docs/assets/javascripts/store.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf-8"));
const fw = request.framework;

async function opened(text) {
  try {
    const got = await decode(fw, text);
    return { ok: true, export: withName({ name: got.name, assessment: got.assessment }), contents: contents(fw, got.assessment),
      ...(got.unchecked ? { unchecked: true } : {}) };
  } catch (error) {
    return { ok: false, code: error.code || null, message: error.message, params: error.params || {} };
  }
}

let answer;
if (request.op === "round") {
  const z = await encode(fw, request.assessment, request.name);
  const j = await encode(fw, request.assessment, request.name, { compress: false });
  answer = { z, j, plain: encodePlain(fw, request.assessment, request.name), zOpened: await opened(z), jOpened: await opened(j),
    original: withName({ name: request.name, assessment: request.assessment }) };
} else if (request.op === "decode") {
  answer = await opened(request.text);
}
process.stdout.write(JSON.stringify(answer));
