// Runs docs/assets/javascripts/scoring.js for the parity tests: one JSON
// request per line on stdin ({framework, assessment}), one JSON answer per
// line on stdout ({check, result, order, plan}); a request {framework, response}
// is answered by checkResponse alone.
import { createInterface } from "node:readline";
import { check, checkResponse, score, submissionOrder } from "../../docs/assets/javascripts/scoring.js";
import { plan } from "../../docs/assets/javascripts/plan.js";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  try {
    const { framework, assessment, response } = JSON.parse(line);
    if (response !== undefined) {
      process.stdout.write(JSON.stringify(checkResponse(framework, response)) + "\n");
      continue;
    }
    const checked = check(framework, assessment);
    answer = { check: checked, result: null, order: null, plan: null };
    if (!checked.errors.length) {
      answer.result = score(framework, assessment);
      answer.order = submissionOrder(framework, answer.result);
      if (framework.diploma && framework.diploma.workspace) answer.plan = plan(framework, assessment, answer.result);
    }
  } catch (error) {
    answer = { exception: String(error && error.stack || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
