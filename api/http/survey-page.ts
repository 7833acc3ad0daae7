import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';

/**
 * The page a customer's survey link opens: five scores and a comment, sent
 * with the public `answerSurvey` mutation (so the answer goes through the same
 * rules, rate limits and CSRF protection as any API call). The token stays in
 * the link; the page holds no data about the ticket, so an unknown link shows
 * the same page and learns nothing.
 */
const SURVEY_SCRIPT = `
document.getElementById('survey').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const answer = document.getElementById('answer');
  answer.textContent = '';
  const token = decodeURIComponent(location.pathname.split('/').pop() || '');
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: AnswerSurveyInput!) { answerSurvey(input: $input) { accepted userErrors { message } } }',
        variables: { input: { token, score: Number(form.get('score')), comment: form.get('comment') || null } },
      }),
    });
    const result = (await response.json()).data?.answerSurvey;
    if (!result?.accepted) throw new Error(result?.userErrors?.[0]?.message ?? 'Sorry, the answer could not be saved');
    event.target.hidden = true;
    answer.textContent = 'Thank you! 谢谢您的评价！';
  } catch (error) {
    answer.textContent = error.message;
  }
});`;

const SCORES = [5, 4, 3, 2, 1]
  .map((score) => `<label><input type="radio" name="score" value="${score}" required> ${'★'.repeat(score)}${'☆'.repeat(5 - score)}</label>`)
  .join('<br>');

const SURVEY_PAGE = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>服务评价 · How did we do?</title></head>
<body>
<h1>服务评价 · How did we do?</h1>
<form id="survey">
<p>${SCORES}</p>
<p><label>意见 · Comment<br><textarea name="comment" maxlength="2000" rows="4" cols="40"></textarea></label></p>
<p><button type="submit">提交 · Send</button></p>
</form>
<p id="answer" role="status"></p>
<script>${SURVEY_SCRIPT}</script>
</body>
</html>`;

/** Only the page's own script may run, and it may talk to this origin only. */
const SURVEY_PAGE_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${createHash('sha256').update(SURVEY_SCRIPT).digest('base64')}'`,
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function registerSurveyPage(app: FastifyInstance): void {
  app.get('/survey/:token', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', SURVEY_PAGE_CSP)
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-store')
      // The token is in the path: keep it out of other sites' logs.
      .header('referrer-policy', 'no-referrer')
      .send(SURVEY_PAGE),
  );
}
